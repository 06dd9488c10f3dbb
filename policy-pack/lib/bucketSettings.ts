import { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { settingsFor } from "./correlate";
import { resourcesOfTypes } from "./validate";

/** The bucket-setting resources of `settingTypes` that configure `bucket` (through their `bucket` input). */
export function correlatedSettings(
    bucket: PolicyResource, args: StackValidationArgs, settingTypes: readonly string[]): PolicyResource[] {
    return settingsFor(bucket, resourcesOfTypes(args, settingTypes), "bucket", ["bucket", "arn"]);
}
