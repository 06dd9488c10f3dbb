/**
 * Which plugins the orthancteam/orthanc image loads, by its own rules, as data. Source: orthanc-builder
 * (github.com/orthanc-server/orthanc-builder) at commit 0a4394c0dc412428ac28f2b8d8ec677e8569258d (2026-08-19, images
 * 26.8.x): `docker/orthanc/plugins-def.json` (the table) and `docker/orthanc/configurator.py`
 * (`getEnabledPlugins`, `mergeConfigFromEnvVar`), which decide as follows:
 * - a plugin is enabled when its section (its name unless stated) is in the configuration merged from the files,
 *   `ORTHANC_JSON` and the `ORTHANC__*` variables and secrets, or when its variable is set to anything but `false`;
 * - `variableRequired` (the viewers sharing a section, and Stone): only the variable enables it;
 * - `rootSetting`: that root setting enables it too (the Python plugin: `PythonScript`);
 * - `byDefault`: enabled without any of that; the variable set to `false` disables any plugin;
 * - a plugin's legacy variable makes the image exit (deprecated settings refuse to start since 26.7).
 */
import { OrthancConfiguration } from "./orthancConfiguration";
import { EnvironmentVariable } from "./orthancContainer";

export interface ImagePluginRule {
    /** The variable that enables the plugin (any value but `false`) or disables it (`false`). */
    variable: string;
    /** The configuration section that enables it, when not the plugin's name. */
    section?: string;
    variableRequired?: true;
    rootSetting?: string;
    byDefault?: true;
    /** The pre-2020 name of the variable: the image refuses to start when it is set. */
    legacyVariable?: string;
}

export const IMAGE_PLUGINS = {
    Authorization: { variable: "AUTHORIZATION_PLUGIN_ENABLED", legacyVariable: "AUTHZ_ENABLED" },
    ConnectivityChecks: { variable: "CONNECTIVITY_CHECKS_PLUGIN_ENABLED" },
    DicomWeb: { variable: "DICOM_WEB_PLUGIN_ENABLED", legacyVariable: "DW_ENABLED" },
    Gdcm: { variable: "GDCM_PLUGIN_ENABLED", byDefault: true },
    OrthancWebViewer: { variable: "ORTHANC_WEB_VIEWER_PLUGIN_ENABLED", section: "WebViewer", variableRequired: true, legacyVariable: "OWV_ENABLED" },
    StoneWebViewer: { variable: "STONE_WEB_VIEWER_PLUGIN_ENABLED", variableRequired: true },
    OsimisWebViewerBasic: { variable: "OSIMIS_WEB_VIEWER1_PLUGIN_ENABLED", section: "WebViewer", variableRequired: true, legacyVariable: "WVB_ENABLED" },
    OsimisWebViewerBasicAlpha: {
        variable: "OSIMIS_WEB_VIEWER1_ALPHA_PLUGIN_ENABLED", section: "WebViewer", variableRequired: true, legacyVariable: "WVB_ALPHA_ENABLED",
    },
    PostgreSQL: { variable: "POSTGRESQL_PLUGIN_ENABLED", legacyVariable: "PG_ENABLED" },
    MySQL: { variable: "MYSQL_PLUGIN_ENABLED", legacyVariable: "MYSQL_ENABLED" },
    Python: { variable: "PYTHON_PLUGIN_ENABLED", rootSetting: "PythonScript" },
    ServeFolders: { variable: "SERVE_FOLDERS_PLUGIN_ENABLED", legacyVariable: "SERVEFOLDERS_ENABLED" },
    Transfers: { variable: "TRANSFERS_PLUGIN_ENABLED", legacyVariable: "TRANSFERS_ENABLED" },
    Worklists: { variable: "WORKLISTS_PLUGIN_ENABLED", legacyVariable: "WL_ENABLED" },
    Housekeeper: { variable: "HOUSEKEEPER_PLUGIN_ENABLED" },
    DelayedDeletion: { variable: "DELAYED_DELETION_PLUGIN_ENABLED" },
    MultitenantDicom: { variable: "MULTITENANT_DICOM_PLUGIN_ENABLED" },
    AdvancedStorage: { variable: "ADVANCED_STORAGE_PLUGIN_ENABLED" },
    Education: { variable: "EDUCATION_PLUGIN_ENABLED" },
    Wsi: { variable: "WSI_PLUGIN_ENABLED", legacyVariable: "WSI_ENABLED" },
    Odbc: { variable: "ODBC_PLUGIN_ENABLED" },
    Tcia: { variable: "TCIA_PLUGIN_ENABLED" },
    Indexer: { variable: "INDEXER_PLUGIN_ENABLED" },
    Neuro: { variable: "NEURO_PLUGIN_ENABLED" },
    AzureBlobStorage: { variable: "AZURE_BLOB_STORAGE_PLUGIN_ENABLED", legacyVariable: "AZSTOR_ENABLED" },
    AwsS3Storage: { variable: "AWS_S3_STORAGE_PLUGIN_ENABLED" },
    GoogleCloudStorage: { variable: "GOOGLE_CLOUD_STORAGE_PLUGIN_ENABLED" },
    // The image's only enabling variable without `_PLUGIN`.
    OrthancExplorer2: { variable: "ORTHANC_EXPLORER_2_ENABLED", byDefault: true },
    VolView: { variable: "VOLVIEW_PLUGIN_ENABLED" },
    // Keyed `Ohif`: the `OHIF` section that ORTHANC__OHIF__* variables fill does not enable it, only an `Ohif` one.
    Ohif: { variable: "OHIF_PLUGIN_ENABLED" },
    STL: { variable: "STL_PLUGIN_ENABLED" },
    Java: { variable: "JAVA_PLUGIN_ENABLED" },
    PixelsMasker: { variable: "PIXELS_MASKER_PLUGIN_ENABLED" },
} as const satisfies Record<string, ImagePluginRule>;

export type ImagePlugin = keyof typeof IMAGE_PLUGINS;

const PLUGIN_NAMES = Object.keys(IMAGE_PLUGINS) as ImagePlugin[];

function rule(plugin: ImagePlugin): ImagePluginRule {
    return IMAGE_PLUGINS[plugin];
}

/** The configuration section the plugin reads (and whose presence enables it, unless `variableRequired`). */
export function pluginSection(plugin: ImagePlugin): string {
    return rule(plugin).section ?? plugin;
}

/**
 * The plugins the image enables for a container: `configuration` is what it merged from `ORTHANC_JSON` and the
 * `ORTHANC__*` variables (see `renderImageConfiguration`), `variables` the container's variables (secrets
 * included). In the table's order. Throws when a legacy variable would make the image exit.
 */
export function imageEnabledPlugins(configuration: OrthancConfiguration, variables: readonly EnvironmentVariable[]): ImagePlugin[] {
    const legacy = variables.filter((variable) => PLUGIN_NAMES.some((plugin) => rule(plugin).legacyVariable === variable.name));
    if (legacy.length > 0) {
        throw new Error(`The image refuses to start with deprecated variables: ${legacy.map((v) => v.name).join(", ")} ` +
            "(use the *_PLUGIN_ENABLED names).");
    }
    const switches = new Map(variables.map((variable) => [variable.name, variable.value]));
    return PLUGIN_NAMES.filter((plugin) => {
        const { variable, variableRequired, rootSetting, byDefault } = rule(plugin);
        const switched = switches.get(variable);
        if (switched === "false") {
            return false;
        }
        const byVariable = switched !== undefined;
        if (variableRequired) {
            return byVariable;
        }
        return byVariable || byDefault === true || pluginSection(plugin) in configuration
            || (rootSetting !== undefined && rootSetting in configuration);
    });
}

/** The variables that enable `plugins` whatever the configuration holds (the viewers need them). */
export function pluginEnablingVariables(plugins: readonly ImagePlugin[]): EnvironmentVariable[] {
    return plugins.map((plugin) => ({ name: rule(plugin).variable, value: "true" }));
}

/** The authorization plugin's `StandardConfigurations` (orthanc-authorization 0.11.4 Plugin.cpp); others are silently ignored there. */
export const AUTHORIZATION_STANDARD_CONFIGURATIONS = ["osimis-web-viewer", "stone-webviewer", "orthanc-explorer-2", "ohif", "volview", "stl"];

function isStringList(value: unknown): boolean {
    return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/**
 * What the authorization plugin (orthanc-authorization 0.11.4, the image's 26.8.x build: build-matrix.json
 * `CHANGE_VERSION_AUTH`) makes of the configuration the image merged, as problems: its reads in Plugin.cpp throw on
 * a non-list `TokenHttpHeaders`/`TokenGetArguments` or a non-boolean `EnableAuditLogs`; a user-profile URL with
 * Orthanc's own `AuthenticationEnabled` left on makes the core refuse token-bearing requests before the plugin sees
 * them (the combination its own disabled check calls incompatible); audit logs are stored by the PostgreSQL index
 * plugin (NEWS 0.10.0: browsed through `/plugins/postgresql/audit-logs`), so without it they go nowhere; an
 * unknown standard configuration is ignored there and refused here.
 */
export function authorizationPluginProblems(configuration: OrthancConfiguration, plugins: readonly ImagePlugin[]): string[] {
    if (!plugins.includes("Authorization")) return [];
    const section = configuration.Authorization;
    if (section === null || typeof section !== "object" || Array.isArray(section)) return ["Authorization must be an object"];
    const settings = section as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of ["TokenHttpHeaders", "TokenGetArguments"]) {
        if (settings[key] !== undefined && !isStringList(settings[key])) problems.push(`Authorization.${key} must be a list of strings`);
    }
    const standard = settings.StandardConfigurations ?? [];
    if (!isStringList(standard)) {
        problems.push("Authorization.StandardConfigurations must be a list of strings");
    } else {
        const unknown = (standard as string[]).filter((name) => !AUTHORIZATION_STANDARD_CONFIGURATIONS.includes(name));
        if (unknown.length > 0) problems.push(`Authorization.StandardConfigurations: ${unknown.join(", ")} not among ${AUTHORIZATION_STANDARD_CONFIGURATIONS.join(", ")}`);
    }
    const checksUsers = typeof settings.WebServiceRootUrl === "string" || typeof settings.WebServiceUserProfileUrl === "string";
    if (checksUsers && configuration.AuthenticationEnabled !== false) {
        problems.push("AuthenticationEnabled must be false when the authorization plugin checks users (WebServiceRootUrl/WebServiceUserProfileUrl)");
    }
    for (const key of ["WebServiceRootUrl", "WebServiceUserProfileUrl"]) {
        if (settings[key] !== undefined && !(typeof settings[key] === "string" && /^https?:\/\/[^/]+/.test(settings[key] as string))) {
            problems.push(`Authorization.${key} must be an http(s) URL`);
        }
    }
    if (settings.EnableAuditLogs !== undefined && typeof settings.EnableAuditLogs !== "boolean") problems.push("Authorization.EnableAuditLogs must be true or false");
    if (settings.EnableAuditLogs === true) {
        const postgres = configuration.PostgreSQL as Record<string, unknown> | undefined;
        if (!plugins.includes("PostgreSQL") || postgres?.EnableIndex !== true) {
            problems.push("Authorization.EnableAuditLogs needs the PostgreSQL index plugin, which stores the audit logs");
        }
    }
    return problems;
}
