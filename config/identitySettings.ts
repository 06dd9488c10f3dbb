/**
 * Reads and checks the `identity` section: how people sign in to Orthanc. `keycloak` (default) signs in through
 * Keycloak with MFA (sized by `identity.keycloak`); `basic` keeps Orthanc's own accounts, one per person, each with a
 * generated password of its own. The shared `admin` account exists only as a break-glass account (`identity.breakGlass`).
 */
import { ADMIN_USERNAME } from "../components/compute/adminCredentials";
import { FARGATE_MEMORY_BY_CPU } from "./awsLimits";
import { SectionReader, show } from "./fields";
import { IDENTITY_MODES, IdentityConfig, IdentityRole, IdentityUser, KeycloakSizing } from "./types";

export const IDENTITY_SETTINGS = ["mode", "users", "breakGlass", "keycloak"] as const;
export const IDENTITY_USER_SETTINGS = ["name", "role"] as const;
export const KEYCLOAK_SIZING_SETTINGS = ["cpu", "memory"] as const;
export const IDENTITY_ROLES: readonly IdentityRole[] = ["admin", "doctor", "uploader"];

/**
 * Keycloak's sizing guide puts a node's base memory at about 1250 MB with the JVM taking 70 % of the container
 * (https://www.keycloak.org/high-availability/concepts-memory-and-cpu-sizing): below 2 GiB it runs out at the
 * first logins.
 */
export const KEYCLOAK_MIN_MEMORY_MIB = 2048;

/**
 * Login names: lower-case letters, digits, `.`, `_`, `-`, starting with a letter, 2–32 characters. Nothing that HTTP
 * Basic (`:`), JSON (`"`, `\`), the shell or a Secrets Manager name (`/`, spaces) would read otherwise.
 */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/;

export function readIdentity(section: SectionReader): IdentityConfig {
    section.rejectUnknown(IDENTITY_SETTINGS);
    const mode = section.enumOf("mode", IDENTITY_MODES, "keycloak");
    const users = section.objectList("users").map((user) => readUser(user));
    const identity: IdentityConfig = { mode, users, breakGlass: section.boolean("breakGlass", false), keycloak: readKeycloakSizing(section.section("keycloak")) };
    checkUsers(identity, section);
    return identity;
}

function readKeycloakSizing(sizing: SectionReader): KeycloakSizing {
    sizing.rejectUnknown(KEYCLOAK_SIZING_SETTINGS);
    const keycloak = {
        cpu: sizing.integer("cpu", 256, 16384, 1024),
        memory: sizing.integer("memory", KEYCLOAK_MIN_MEMORY_MIB, 122880, 2048),
    };
    const memories = FARGATE_MEMORY_BY_CPU.get(keycloak.cpu);
    if (memories === undefined) {
        sizing.problems.invalid(sizing.path("cpu"), keycloak.cpu, `Fargate accepts ${[...FARGATE_MEMORY_BY_CPU.keys()].join(", ")}`);
    } else if (!memories.includes(keycloak.memory)) {
        sizing.problems.invalid(sizing.path("memory"), keycloak.memory,
            `with identity.keycloak.cpu ${keycloak.cpu} Fargate accepts ${memories.filter((memory) => memory >= KEYCLOAK_MIN_MEMORY_MIB).join(", ")}`);
    }
    return keycloak;
}

function readUser(user: SectionReader): IdentityUser {
    user.rejectUnknown(IDENTITY_USER_SETTINGS);
    if (!user.has("name")) user.problems.add(user.path("name"), "is required");
    if (!user.has("role")) user.problems.add(user.path("role"), `is required; use one of ${IDENTITY_ROLES.join(", ")}`);
    return {
        name: user.text("name", USERNAME_PATTERN, "use 2–32 lower-case letters, digits, '.', '_' or '-', starting with a letter", ""),
        role: user.enumOf("role", IDENTITY_ROLES, "doctor"),
    };
}

/** Names unique and not the break-glass account's; `basic` mode needs at least one admin; `keycloak` mode takes none. */
function checkUsers(identity: IdentityConfig, section: SectionReader): void {
    const { problems } = section;
    const users = section.path("users");
    if (identity.mode === "keycloak") {
        if (identity.users.length > 0) {
            problems.add(users, "is only read with identity.mode: basic; with keycloak, people and their roles are managed in Keycloak (docs/identity.md)");
        }
        return;
    }
    const seen = new Set<string>();
    identity.users.forEach((user, index) => {
        if (user.name === "") return;
        if (user.name === ADMIN_USERNAME) {
            problems.invalid(`${users}[${index}].name`, user.name, `${show(ADMIN_USERNAME)} is the break-glass account (identity.breakGlass); give the person a name of their own`);
        } else if (seen.has(user.name)) {
            problems.add(`${users}[${index}].name`, `${show(user.name)} appears more than once; every person needs a name of their own`);
        }
        seen.add(user.name);
    });
    if (!identity.users.some((user) => user.role === "admin")) {
        problems.add(users, "identity.mode: basic needs at least one person with role admin (roles: admin, doctor, uploader)");
    }
}
