import { ResourceValidationPolicy } from "@pulumi/policy";
import { parseContainerDefinitions } from "../../lib/environment";
import { DEFAULT_SENSITIVE_NAME_PATTERN, plaintextSecretVariables } from "../../lib/secretVariables";
import { safeguard } from "../../lib/hipaa";
import { OFFLINE_SECRET_MARKER } from "../../lib/offlineMarkers";
import { ECS_TASK_DEFINITION, LAMBDA_FUNCTION } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asRecord } from "../../lib/values";

export interface PlaintextSecretsConfig {
    /** Case-insensitive regular expression of variable names that hold credentials, tested on the normalised name. */
    sensitiveNamePattern?: string;
}

/**
 * Plain environment variables are readable by anyone who can describe the task definition or function. Credentials
 * belong in Secrets Manager, injected by ECS `secrets[].valueFrom` or read at run time by the function.
 */
export const forbidPlaintextSecretsInEnvironment: ResourceValidationPolicy = {
    name: "orthanc-no-plaintext-secrets-in-environment",
    ...safeguard("accessControl", "critical", `ECS task definitions and Lambda functions must not `
        + "pass credentials in plain environment variables; use Secrets Manager references."),
    remediationSteps: "Move the value to Secrets Manager; in ECS reference it with `secrets: [{ name, valueFrom }]`.",
    configSchema: {
        properties: { sensitiveNamePattern: { type: "string", default: DEFAULT_SENSITIVE_NAME_PATTERN } },
    },
    validateResource: validateResourceOfTypes([...ECS_TASK_DEFINITION, ...LAMBDA_FUNCTION], (props, args, reportViolation) => {
        const pattern = args.getConfig<PlaintextSecretsConfig>().sensitiveNamePattern ?? DEFAULT_SENSITIVE_NAME_PATTERN;
        if (LAMBDA_FUNCTION.includes(args.type)) {
            const names = plaintextSecretVariables(asRecord(asRecord(props.environment).variables), pattern, OFFLINE_SECRET_MARKER);
            if (names.length > 0) {
                reportViolation(`'${args.name}' has credentials in plain environment variables: ${names.join(", ")}.`);
            }
            return;
        }
        if (props.containerDefinitions === OFFLINE_SECRET_MARKER) {
            reportViolation(`'${args.name}' interpolates a secret value into containerDefinitions; use secrets[].valueFrom.`);
            return;
        }
        const containers = parseContainerDefinitions(props.containerDefinitions);
        if (containers === undefined) {
            reportViolation(`'${args.name}' containerDefinitions is not a JSON array of container definitions.`);
            return;
        }
        for (const container of containers) {
            const names = plaintextSecretVariables(container.environment, pattern, OFFLINE_SECRET_MARKER);
            if (names.length > 0) {
                reportViolation(`'${args.name}' container ${container.name} has credentials in plain environment variables: ${names.join(", ")}.`);
            }
        }
    }),
};
