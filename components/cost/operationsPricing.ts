/**
 * Pricers of monitoring, audit and protection services (alarms, dashboards, WAF, CloudTrail, AWS Config,
 * GuardDuty, Security Hub) and of the container registry. Their usage-driven parts take the stack's assumptions.
 */
import { charge, quantity } from "./costLines";
import { asArray, asNumber, instancesPerMonth, priced, Pricer, PricingContext } from "./resourceTypes";

/** Size of the mirrored Orthanc image in ECR, GB (orthancteam/orthanc is about 0.5 GB compressed). */
const MIRRORED_IMAGE_GB = 0.5;
/** Configuration changes recorded per resource a month (AWS Config bills each configuration item). */
const CONFIG_CHANGES_PER_RESOURCE_MONTH = 2;
/** Security Hub evaluates each enabled control on each resource about daily. */
const SECURITY_HUB_CHECKS_PER_RESOURCE_MONTH = 30;
/** Management events a small account emits in a month (API calls by the services and people). */
const MANAGEMENT_EVENTS_PER_MONTH = 100_000;
/** VPC flow-log volume GuardDuty analyses for a small VPC, GB a month. */
const GUARDDUTY_FLOW_LOG_GB = 1;
/** Object-level S3 events per DICOM instance: Orthanc's write, and one read (viewer or indexer). */
const S3_EVENTS_PER_INSTANCE = 2;
/** Item-level DynamoDB events per DICOM instance: the indexer's write of its header item. */
const DYNAMODB_EVENTS_PER_INSTANCE = 1;

function cloudResourceCount(context: PricingContext): number {
    return context.resources.filter((resource) => resource.custom && !resource.type.startsWith("pulumi:")).length;
}

const metricAlarm: Pricer = (resource, context) => {
    // An alarm is billed per metric it evaluates; metric math counts each metric it reads
    // (https://aws.amazon.com/cloudwatch/pricing/, alarms); periods under 60 s are high resolution.
    const queries = asArray(resource.inputs.metricQueries).filter((query) => (query as Record<string, unknown>).metric !== undefined);
    const metrics = Math.max(1, queries.length);
    const highResolution = (asNumber(resource.inputs.period) ?? 60) < 60;
    return priced(charge(context.prices, "CloudWatch alarm", metrics,
        highResolution ? "cloudwatch.alarm.highResolutionMetricMonth" : "cloudwatch.alarm.metricMonth", `${metrics} metric${metrics === 1 ? "" : "s"}`));
};

const webAcl: Pricer = (resource, context) => {
    const rules = asArray(resource.inputs.rules).length;
    const requests = context.assumptions.webRequestsPerMonth;
    return priced(
        charge(context.prices, "WAF web ACL", 1, "waf.webAcl.month", "1 web ACL"),
        charge(context.prices, "WAF rules", rules, "waf.rule.month", `${rules} rules (a managed rule group counts as one)`),
        charge(context.prices, "WAF requests", requests, "waf.request", `${quantity(requests)} requests (costAssumptions.webRequestsPerMonth)`),
    );
};

const trail: Pricer = (resource, context) => {
    // The first copy of management events is free (https://aws.amazon.com/cloudtrail/pricing/): the stack's trail is
    // that copy unless the account has another trail (an organization trail), which cloudTrail.organizationTrailName
    // declares and which then replaces this one. Data events are billed per 100,000, S3 and DynamoDB alike.
    const selectors = JSON.stringify([resource.inputs.eventSelectors ?? [], resource.inputs.advancedEventSelectors ?? []]);
    const lines = [];
    if (selectors.includes("AWS::S3::Object")) {
        const events = instancesPerMonth(context.assumptions) * S3_EVENTS_PER_INSTANCE;
        lines.push(charge(context.prices, "CloudTrail S3 data events", events, "cloudtrail.dataEvent",
            `${quantity(events)} events (${S3_EVENTS_PER_INSTANCE} per instance × costAssumptions studies × instances)`));
    }
    if (selectors.includes("AWS::DynamoDB::Table")) {
        const events = instancesPerMonth(context.assumptions) * DYNAMODB_EVENTS_PER_INSTANCE;
        lines.push(charge(context.prices, "CloudTrail DynamoDB data events", events, "cloudtrail.dataEvent",
            `${quantity(events)} events (${DYNAMODB_EVENTS_PER_INSTANCE} per instance: the indexer's header write)`));
    }
    if (lines.length === 0) return { status: "free", reason: "the first copy of management events is free" };
    return priced(...lines);
};

const configRecorder: Pricer = (_resource, context) => {
    const items = cloudResourceCount(context) * CONFIG_CHANGES_PER_RESOURCE_MONTH;
    return priced(charge(context.prices, "AWS Config configuration items", items, "config.configurationItem",
        `${quantity(items)} items (${CONFIG_CHANGES_PER_RESOURCE_MONTH} changes a month × ${cloudResourceCount(context)} resources, assumed)`));
};

const configRule: Pricer = (_resource, context) => {
    const evaluations = cloudResourceCount(context) * CONFIG_CHANGES_PER_RESOURCE_MONTH;
    return priced(charge(context.prices, "AWS Config rule evaluations", evaluations, "config.ruleEvaluation",
        `${quantity(evaluations)} evaluations (one per recorded change, assumed)`));
};

const guardDuty: Pricer = (resource, context) => {
    if (resource.inputs.enable === false) return { status: "free", reason: "detector disabled" };
    const s3Events = instancesPerMonth(context.assumptions) * S3_EVENTS_PER_INSTANCE;
    return priced(
        charge(context.prices, "GuardDuty CloudTrail analysis", MANAGEMENT_EVENTS_PER_MONTH, "guardduty.cloudTrailEvent", `${quantity(MANAGEMENT_EVENTS_PER_MONTH)} management events (assumed)`),
        charge(context.prices, "GuardDuty flow-log analysis", GUARDDUTY_FLOW_LOG_GB, "guardduty.flowLogGb", `${GUARDDUTY_FLOW_LOG_GB} GB (assumed)`),
        charge(context.prices, "GuardDuty S3 protection", s3Events, "guardduty.s3DataEvent", `${quantity(s3Events)} S3 data events (${S3_EVENTS_PER_INSTANCE} per instance)`),
    );
};

const securityHub: Pricer = (_resource, context) => {
    const checks = cloudResourceCount(context) * SECURITY_HUB_CHECKS_PER_RESOURCE_MONTH;
    return priced(charge(context.prices, "Security Hub security checks", checks, "securityHub.check",
        `${quantity(checks)} checks (${cloudResourceCount(context)} resources × ${SECURITY_HUB_CHECKS_PER_RESOURCE_MONTH} a month, assumed)`));
};

export const OPERATIONS_PRICERS: Record<string, Pricer> = {
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": (_resource, context) => priced(charge(context.prices, "CloudWatch composite alarm", 1, "cloudwatch.alarm.metricMonth", "1 alarm")),
    "aws:cloudwatch/dashboard:Dashboard": (_resource, context) => priced(charge(context.prices, "CloudWatch dashboard", 1, "cloudwatch.dashboard.month", "1 dashboard")),
    "aws:ecr/repository:Repository": (_resource, context) => priced(charge(context.prices, "ECR image storage", MIRRORED_IMAGE_GB, "ecr.storage.gbMonth", `${MIRRORED_IMAGE_GB} GB image (assumed)`)),
    "aws:wafv2/webAcl:WebAcl": webAcl,
    "aws:cloudtrail/trail:Trail": trail,
    "aws:cfg/recorder:Recorder": configRecorder,
    "aws:cfg/rule:Rule": configRule,
    "aws:guardduty/detector:Detector": guardDuty,
    "aws:securityhub/account:Account": securityHub,
};
