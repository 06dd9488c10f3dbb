import { ResourceValidationPolicy } from "@pulumi/policy";
import { safeguard } from "../../lib/hipaa";
import { METRIC_ALARM } from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { asArray } from "../../lib/values";

export interface AlarmActionsConfig {
    okActionRequired?: boolean;
    insufficientDataActionRequired?: boolean;
}

/**
 * AWS Config cloudwatch-alarm-action-check: an alarm nobody is told about is no control. The OK action tells the
 * on-call the incident is over; the insufficient-data action that the metric stopped arriving.
 */
export const requireAlarmActions: ResourceValidationPolicy = {
    name: "orthanc-alarm-actions",
    ...safeguard("auditControls", "medium", "CloudWatch alarms must notify on ALARM (`alarmActions`) and, per pack "
        + "config (both on by default), on OK (`okActions`) and INSUFFICIENT_DATA (`insufficientDataActions`)."),
    remediationSteps: "Set `alarmActions`, `okActions` and `insufficientDataActions` to the stack's alarm topic.",
    configSchema: {
        properties: {
            okActionRequired: { type: "boolean", default: true },
            insufficientDataActionRequired: { type: "boolean", default: true },
        },
    },
    validateResource: validateResourceOfTypes(METRIC_ALARM, (props, args, reportViolation) => {
        const config = args.getConfig<AlarmActionsConfig>();
        const required: [string, boolean][] = [
            ["alarmActions", true],
            ["okActions", config.okActionRequired ?? true],
            ["insufficientDataActions", config.insufficientDataActionRequired ?? true],
        ];
        const missing = required.filter(([key, on]) => on && asArray(props[key]).length === 0).map(([key]) => key);
        if (missing.length > 0) {
            reportViolation(`'${args.name}' notifies nobody on ${missing.join(", ")}.`);
        }
    }),
};
