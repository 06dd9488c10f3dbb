import { identityStatementPolicy } from "./identityStatementPolicy";

/** AWS Config iam-policy-no-statements-with-full-access: `service:*` grants every future action of the service too. */
export const forbidIamServiceWideActions = identityStatementPolicy({
    name: "orthanc-iam-no-service-wide-actions",
    safeguard: "accessControl",
    summary: "identity policies must not allow every action of a service (`service:*`), whatever the resource.",
    remediationSteps: "List the service's actions the workload calls.",
    problem: statement => {
        const serviceWide = statement.actions.filter(action => /^[a-z0-9-]+:\*$/i.test(action));
        return serviceWide.length > 0 ? `allows ${serviceWide.join(", ")}` : undefined;
    },
});
