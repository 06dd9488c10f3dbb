/**
 * What the offline plan (`npm run plan -- --json`) prints in place of a value the program marked secret. In a real
 * `pulumi preview` policies see the plaintext; offline they see this marker, and a marker inside an environment
 * variable or a container definition is itself proof of a secret in plain configuration.
 * Kept equal to tools/offline/planTypes.ts SECRET_MARKER by a test (the pack is published without the program).
 */
export const OFFLINE_SECRET_MARKER = "[secret]";
