import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { webAclRules } from "./webSettings";

export interface WebFirewallArgs {
    /** `<namespace>-<stack>`: the web ACL's name and its log group's (`aws-waf-logs-<prefix>`). */
    physicalNamePrefix: string;
    loadBalancerArn: pulumi.Input<string>;
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/**
 * An AWS WAF (v2, regional) web ACL on the Application Load Balancer: AWS's IP-reputation, known-bad-inputs and
 * common rule groups (the common group's body rules only counting on DICOM upload paths, see `webAclRules`), default allow. It logs
 * to a CMK-encrypted log group (AWS Config wafv2-logging-enabled), with the Authorization and Cookie headers and
 * the query string redacted: they carry credentials, and QIDO-RS queries can carry patient names.
 */
export class WebFirewall extends pulumi.ComponentResource {
    readonly webAclArn: pulumi.Output<string>;

    constructor(name: string, args: WebFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
        super("orthanc-aws:endpoint:WebFirewall", name, {}, opts);
        const metricPrefix = args.physicalNamePrefix;
        const acl = new aws.wafv2.WebAcl(`${name}-acl`, {
            name: `${args.physicalNamePrefix}-web`,
            description: "Orthanc web tier: AWS managed rules (IP reputation, known bad inputs, common)",
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            rules: webAclRules(metricPrefix),
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `${metricPrefix}-web`, sampledRequestsEnabled: false },
        }, { parent: this });

        // WAF delivers to CloudWatch Logs only into groups named `aws-waf-logs-…` (WAF developer guide, "Sending web ACL traffic logs to CloudWatch Logs").
        const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            name: `aws-waf-logs-${args.physicalNamePrefix}`,
            retentionInDays: args.logRetentionDays,
            kmsKeyId: args.logsKeyArn,
        }, { parent: this });
        new aws.wafv2.WebAclLoggingConfiguration(`${name}-logging`, {
            resourceArn: acl.arn,
            logDestinationConfigs: [logGroup.arn],
            redactedFields: [
                { singleHeader: { name: "authorization" } },
                { singleHeader: { name: "cookie" } },
                { queryString: {} },
            ],
        }, { parent: this });

        new aws.wafv2.WebAclAssociation(`${name}-association`, {
            resourceArn: args.loadBalancerArn,
            webAclArn: acl.arn,
        }, { parent: this });

        this.webAclArn = acl.arn;
        this.registerOutputs({ webAclArn: this.webAclArn });
    }
}
