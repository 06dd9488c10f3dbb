/**
 * Reads and checks the `identity` section: who signs in (`mode`) and the size of the Keycloak task. Its own module,
 * so that the orthanc-identity settings (`identity.users`) join it without touching the other sections.
 */
import { FARGATE_MEMORY_BY_CPU } from "./awsLimits";
import { SectionReader } from "./fields";
import { IDENTITY_MODES, IdentityConfig } from "./types";

export const IDENTITY_SETTINGS = ["mode", "keycloak"] as const;
export const KEYCLOAK_SIZING_SETTINGS = ["cpu", "memory"] as const;

/**
 * Keycloak's sizing guide puts a node's base memory at about 1250 MB with the JVM taking 70 % of the container
 * (https://www.keycloak.org/high-availability/concepts-memory-and-cpu-sizing): below 2 GiB it runs out at the
 * first logins.
 */
export const KEYCLOAK_MIN_MEMORY_MIB = 2048;

export function readIdentity(section: SectionReader): IdentityConfig {
    section.rejectUnknown(IDENTITY_SETTINGS);
    const sizing = section.section("keycloak");
    sizing.rejectUnknown(KEYCLOAK_SIZING_SETTINGS);
    const identity: IdentityConfig = {
        mode: section.enumOf("mode", IDENTITY_MODES, "keycloak"),
        keycloak: {
            cpu: sizing.integer("cpu", 256, 16384, 1024),
            memory: sizing.integer("memory", KEYCLOAK_MIN_MEMORY_MIB, 122880, 2048),
        },
    };
    const memories = FARGATE_MEMORY_BY_CPU.get(identity.keycloak.cpu);
    if (memories === undefined) {
        sizing.problems.invalid(sizing.path("cpu"), identity.keycloak.cpu, `Fargate accepts ${[...FARGATE_MEMORY_BY_CPU.keys()].join(", ")}`);
    } else if (!memories.includes(identity.keycloak.memory)) {
        sizing.problems.invalid(sizing.path("memory"), identity.keycloak.memory,
            `with identity.keycloak.cpu ${identity.keycloak.cpu} Fargate accepts ${memories.filter((memory) => memory >= KEYCLOAK_MIN_MEMORY_MIB).join(", ")}`);
    }
    return identity;
}
