/** Compute: the ECS cluster and Orthanc service, its task and image, EC2 capacity, the Orthanc configuration. */
export { OrthancService } from "./orthancService";
export type { OrthancServiceArgs } from "./orthancService";
export { ORTHANC_DICOM_PORT, ORTHANC_HTTP_PORT } from "./orthancConfiguration";
export { ORTHANC_GID, ORTHANC_UID } from "./orthancTaskSettings";
export { TARGET_HEALTH_CHECK_INTERVAL_SECONDS, TARGET_HEALTHY_THRESHOLD } from "./failoverBudget";
// The identity folder's Keycloak task takes its images the same ways as Orthanc's (compute.imageSource).
export { OrthancImageMirror } from "./imageMirror";
export { cachedRepositoryPath, pullThroughCachePrefix } from "./imagePullThroughCache";
