import { ResourceValidationPolicy } from "@pulumi/policy";
import { DEFAULT_PHI_CLASSIFICATIONS, PhiConfig, isPhi } from "../../lib/classification";
import { safeguard } from "../../lib/hipaa";
import {
    BACKUP_VAULT, DYNAMODB_TABLE, EFS_FILE_SYSTEM, KMS_KEY, RDS_CLUSTER, RDS_INSTANCE, S3_BUCKET,
} from "../../lib/resourceTypes";
import { validateResourceOfTypes } from "../../lib/validate";
import { isSet } from "../../lib/values";

const PHI_STORES = [...RDS_INSTANCE, ...RDS_CLUSTER, ...EFS_FILE_SYSTEM, ...S3_BUCKET, ...DYNAMODB_TABLE, ...BACKUP_VAULT];
/** Keys are not stores, but deleting one makes every store and backup it encrypts unreadable. */
const PROTECTED_TYPES = [...PHI_STORES, ...KMS_KEY];

/** A database deleted with a final snapshot keeps its data: the snapshot is the retained copy. */
function keepsFinalSnapshot(type: string, props: Record<string, unknown>): boolean {
    return [...RDS_INSTANCE, ...RDS_CLUSTER].includes(type)
        && props.skipFinalSnapshot !== true && isSet(props.finalSnapshotIdentifier);
}

/**
 * Policies see the `protect` option but not `retainOnDelete` (absent from the policy SDK's resource options), so a
 * store passes when `protect` is set, or, for databases, when a final snapshot is kept on deletion.
 */
export const requirePhiStoresProtected: ResourceValidationPolicy = {
    name: "orthanc-phi-stores-protected",
    ...safeguard("contingencyPlan", "high", `PHI stores (RDS, EFS, S3, DynamoDB, backup `
        + "vaults) and their KMS keys must be protected from `pulumi destroy` (`protect: true`), or for databases keep a final snapshot "
        + "(mandatory in prod pack config)."),
    remediationSteps: "Set stack config `protectDataStores: true` (resource option `protect: true`).",
    configSchema: {
        properties: {
            phiClassifications: { type: "array", items: { type: "string" }, default: DEFAULT_PHI_CLASSIFICATIONS },
        },
    },
    validateResource: validateResourceOfTypes(PROTECTED_TYPES, (props, args, reportViolation) => {
        const classifications = args.getConfig<PhiConfig>().phiClassifications ?? DEFAULT_PHI_CLASSIFICATIONS;
        if (!isPhi(props, classifications)) {
            args.notApplicable("Not classified as PHI");
        }
        if (!args.opts.protect && !keepsFinalSnapshot(args.type, props)) {
            reportViolation(`${KMS_KEY.includes(args.type) ? "Key of PHI" : "PHI store"} '${args.name}' is not protected (resource option protect) and would be deleted with the stack.`);
        }
    }),
};
