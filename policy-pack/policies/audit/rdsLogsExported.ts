import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { RDS_CLUSTER, RDS_INSTANCE } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray } from "../../lib/values";

/**
 * The logs each engine must export to CloudWatch Logs (AWS Config rds-logging-enabled; Security Hub RDS.9:
 * PostgreSQL `postgresql` and `upgrade`; MySQL and MariaDB `error`, `general`, `slowquery`, `audit`).
 */
const REQUIRED_EXPORTS: { engine: RegExp; logs: string[] }[] = [
    { engine: /postgres/i, logs: ["postgresql", "upgrade"] },
    { engine: /mysql|mariadb/i, logs: ["audit", "error", "general", "slowquery"] },
];

export const requireRdsLogsExported: ResourceValidationPolicy = {
    name: "orthanc-rds-logs-exported",
    ...safeguard("auditControls", "medium", "RDS databases must export their engine logs to CloudWatch Logs "
        + "(`enabledCloudwatchLogsExports`: PostgreSQL `postgresql` and `upgrade`)."),
    remediationSteps: "Set `enabledCloudwatchLogsExports: [\"postgresql\", \"upgrade\"]` and create the "
        + "`/aws/rds/instance/<id>/<log>` log groups with a KMS key and retention first.",
    validateResource: validateResourceOfTypes([...RDS_INSTANCE, ...RDS_CLUSTER], (props, args, reportViolation) => {
        const rule = REQUIRED_EXPORTS.find(r => r.engine.test(String(props.engine ?? "")));
        if (rule === undefined) {
            return args.notApplicable(`No log-export rule for engine ${String(props.engine ?? "not set")}`);
        }
        const exported = asArray(props.enabledCloudwatchLogsExports).map(String);
        const missing = rule.logs.filter(log => !exported.includes(log));
        if (missing.length > 0) {
            reportViolation(`'${args.name}' does not export its ${missing.join(", ")} logs (enabledCloudwatchLogsExports).`);
        }
    }),
};
