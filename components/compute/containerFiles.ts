/**
 * Files the Orthanc container needs at start (the REST filter, DICOM TLS certificates and key). The image reads
 * its configuration from variables, `/etc/orthanc` and `/run/secrets` only (orthanc-builder
 * docker/orthanc/generateConfiguration.py), and neither folder can be given files on ECS without a volume.
 * So each file travels as a variable — plain, or an ECS secret from Secrets Manager — and a start-up script
 * run as the container's entry point writes it (mode 0600, in a directory only the Orthanc user can read),
 * removes the variable and hands over to the image's own entry point.
 */

/** The image's entry point and the configuration file it writes (orthanc-builder docker/orthanc/Dockerfile). */
export const IMAGE_ENTRY_POINT = ["/docker-entrypoint.sh", "/tmp/orthanc.json"];

/** Where the files go inside the container: /tmp is writable by the image's `orthanc` user (uid 999). */
export const CONTAINER_FILES_DIRECTORY = "/tmp/orthanc-aws";

/** Prefix of the variables that carry files: not `ORTHANC__`, and never ending in `_SECRET`, so the image ignores them. */
const FILE_VARIABLE_PREFIX = "ORTHANC_AWS_FILE_";

export interface ContainerFile {
    /** Short upper-case name: the variable is `ORTHANC_AWS_FILE_<name>`. */
    name: string;
    /** File name inside the files directory. */
    fileName: string;
}

export function fileVariable(file: ContainerFile): string {
    return `${FILE_VARIABLE_PREFIX}${file.name}`;
}

export function filePath(directory: string, file: ContainerFile): string {
    return `${directory}/${file.fileName}`;
}

/** Single-quoted for the shell: the script must not depend on what a path or argument contains. */
function quote(text: string): string {
    return `'${text.replace(/'/g, "'\\''")}'`;
}

/** One Orthanc account assembled at start: its login and the variable ECS fills with its password. */
export interface StartupUser {
    name: string;
    /** `ORTHANC_AWS_PASSWORD_<n>`: not `ORTHANC__`, so the image never reads it itself. */
    variable: string;
}

/** Login names the script accepts (identity.users: config/identitySettings.ts), so no JSON escaping is ever needed. */
const STARTUP_USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;
const PASSWORD_VARIABLE = /^ORTHANC_AWS_PASSWORD_[0-9]+$/;

/**
 * Lines that build `ORTHANC__REGISTERED_USERS` (`{"name":"password",...}`) from the users' password variables and
 * remove those. A password outside the generated alphabet (letters, digits, `-_.~`: adminCredentials.ts) stops
 * the start rather than produce JSON that reads differently.
 */
function registeredUsersLines(users: StartupUser[]): string[] {
    if (users.length === 0) return [];
    for (const user of users) {
        if (!STARTUP_USERNAME.test(user.name)) throw new Error(`Orthanc user name ${JSON.stringify(user.name)} must match ${STARTUP_USERNAME.source}.`);
        if (!PASSWORD_VARIABLE.test(user.variable)) throw new Error(`Password variable ${JSON.stringify(user.variable)} must match ${PASSWORD_VARIABLE.source}.`);
    }
    const names = users.map((user) => user.name);
    if (new Set(names).size !== names.length) throw new Error(`Orthanc user names must be unique: ${names.join(", ")}.`);
    const checks = users.map((user) =>
        `case "$${user.variable}" in ''|*[!A-Za-z0-9._~-]*) echo ${quote(`The password of ${user.name} (${user.variable}) is empty or has characters outside A-Za-z0-9._~-`)} >&2; exit 1;; esac`);
    const entries = users.map((user) => `\\"${user.name}\\":\\"$${user.variable}\\"`).join(",");
    return [...checks, `ORTHANC__REGISTERED_USERS="{${entries}}"`, "export ORTHANC__REGISTERED_USERS", `unset ${users.map((user) => user.variable).join(" ")}`];
}

/**
 * The entry-point script (POSIX sh): writes each file from its variable, assembles `RegisteredUsers` from the
 * users' password variables, unsets those variables (a private key or a password must not stay in the launched
 * process's environment under its own name), then `exec`s `launch` (the image's entry point in AWS, Orthanc
 * itself in tests).
 */
export function startupScript(files: ContainerFile[], directory: string, launch: string[], users: StartupUser[] = []): string {
    for (const file of files) {
        if (!/^[A-Z][A-Z0-9_]*$/.test(file.name) || file.name.endsWith("_SECRET")) throw new Error(`Container file name ${JSON.stringify(file.name)} must be upper-case letters, digits and _, not ending in _SECRET.`);
        if (!/^[A-Za-z0-9._-]+$/.test(file.fileName)) throw new Error(`Container file ${JSON.stringify(file.fileName)} must be a plain file name.`);
    }
    return [
        "set -eu",
        "umask 077",
        `mkdir -p ${quote(directory)}`,
        ...files.map((file) => `printf '%s' "$${fileVariable(file)}" > ${quote(filePath(directory, file))}`),
        ...(files.length > 0 ? [`unset ${files.map(fileVariable).join(" ")}`] : []),
        ...registeredUsersLines(users),
        `exec ${launch.map(quote).join(" ")}`,
    ].join("\n");
}

/** Routes whose PUT/DELETE would change the DICOM network on one task only. */
export const READ_ONLY_ROUTES = ["/modalities", "/peers", "/dicom-web/servers"];

/** The roles the filter enforces in basic mode (the Keycloak realm's in keycloak mode). */
export type FilterRole = "admin" | "doctor" | "uploader";

/**
 * Routes a doctor may POST to although they change nothing: searches, lookups and archive downloads (Orthanc REST
 * API; the authorization plugin's default `Permissions` give the same routes to `view`/`download`).
 */
export const DOCTOR_POST_ROUTES = ["/tools/find", "/tools/count-resources", "/tools/lookup", "/tools/create-archive", "/tools/create-media", "/tools/create-media-extended"];
/** Routes an uploader may POST to: REST upload and STOW-RS (with or without a study UID). */
export const UPLOADER_POST_ROUTES = ["/instances", "/dicom-web/studies"];
/** What an uploader may GET: the server's identity (clients check it) and Orthanc Explorer 2's pages and settings, no study data. */
export const UPLOADER_GET_ROUTES = ["/system", "/ui/app", "/ui/api/pre-login-configuration", "/ui/api/configuration"];

function luaList(routes: string[]): string {
    return `{ ${routes.map((route) => `"${route.toLowerCase()}"`).join(", ")} }`;
}

/**
 * Orthanc's `IncomingHttpRequestFilter` Lua callback (Orthanc book, "Lua scripting"; OrthancServer/Sources/main.cpp):
 * Orthanc answers 403 when it returns false. It refuses changes to the declared DICOM network, and, given `roles`
 * (basic mode: login → role), what a login's role does not allow — an unknown login is refused everything:
 * - doctor: GET, and POST only to `DOCTOR_POST_ROUTES` (search, view, download; no upload, change or deletion);
 * - uploader: POST to `UPLOADER_POST_ROUTES`, GET of `UPLOADER_GET_ROUTES` (no study data);
 * - admin: everything but the read-only routes.
 * The path is percent-decoded, its slashes collapsed and lower-cased first, so no spelling of a route slips through.
 */
export function restFilterScript(readOnlyRoutes: string[], roles?: Record<string, FilterRole>): string {
    const roleLines = roles === undefined ? [] : [
        "-- Basic mode: each login's role (identity.users); Orthanc's own accounts have no roles.",
        `local USER_ROLES = { ${Object.entries(roles).sort(([a], [b]) => a.localeCompare(b)).map(([name, role]) => `["${name}"] = "${role}"`).join(", ")} }`,
        `local DOCTOR_POST_ROUTES = ${luaList(DOCTOR_POST_ROUTES)}`,
        `local UPLOADER_POST_ROUTES = ${luaList(UPLOADER_POST_ROUTES)}`,
        `local UPLOADER_GET_ROUTES = ${luaList(UPLOADER_GET_ROUTES)}`,
        "",
    ];
    const roleCheck = roles === undefined ? [] : [
        "  local role = USER_ROLES[username or \"\"]",
        "  if role == nil then",
        "    return false",
        "  elseif role == \"doctor\" then",
        "    return method == \"GET\" or (method == \"POST\" and matches(path, DOCTOR_POST_ROUTES))",
        "  elseif role == \"uploader\" then",
        "    return (method == \"POST\" and matches(path, UPLOADER_POST_ROUTES)) or (method == \"GET\" and matches(path, UPLOADER_GET_ROUTES))",
        "  elseif role ~= \"admin\" then",
        "    return false",
        "  end",
    ];
    return [
        "-- Generated by orthanc-aws: modalities, peers and DICOMweb servers come from the stack configuration,",
        "-- identical on every task; a change through REST would live on one task only.",
        `local READ_ONLY_ROUTES = ${luaList(readOnlyRoutes)}`,
        ...roleLines,
        "",
        "-- The route itself or anything below it.",
        "local function matches(path, routes)",
        "  for _, route in ipairs(routes) do",
        "    if path == route or string.sub(path, 1, string.len(route) + 1) == route .. \"/\" then",
        "      return true",
        "    end",
        "  end",
        "  return false",
        "end",
        "",
        "function IncomingHttpRequestFilter(method, uri, ip, username, httpHeaders)",
        "  local path = (string.gsub(uri, \"%%(%x%x)\", function(hex) return string.char(tonumber(hex, 16)) end))",
        "  path = string.lower((string.gsub(path, \"/+\", \"/\")))",
        ...roleCheck,
        "  if (method == \"PUT\" or method == \"DELETE\") and matches(path, READ_ONLY_ROUTES) then",
        "    return false",
        "  end",
        "  return true",
        "end",
        "",
    ].join("\n");
}
