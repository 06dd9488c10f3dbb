/** The Orthanc container image the stack runs unless `compute.image` says otherwise. */

/** orthancteam/orthanc 26.8.1: Orthanc 1.13.0, PostgreSQL plugin 10.3, DICOMweb 1.24, S3 plugin 2.5.4. */
export const DEFAULT_ORTHANC_IMAGE = "orthancteam/orthanc:26.8.1";

/**
 * Why `image` is not pinned, or undefined when it is: a digest (`@sha256:`) or a tag other than `latest`.
 * An unpinned image lets a task started tomorrow run a plugin that upgrades the database schema irreversibly.
 */
export function imagePinProblem(image: string): string | undefined {
    if (/@sha256:[0-9a-f]{64}$/.test(image)) {
        return undefined;
    }
    const lastSegment = image.slice(image.lastIndexOf("/") + 1);
    const tag = lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : undefined;
    if (tag === undefined || tag === "") {
        return `compute.image ${image} has no tag: pin a version such as ${DEFAULT_ORTHANC_IMAGE} or a @sha256 digest`;
    }
    if (tag === "latest" || tag === "latest-full") {
        return `compute.image ${image} uses a moving tag: pin a version such as ${DEFAULT_ORTHANC_IMAGE} or a @sha256 digest`;
    }
    return undefined;
}
