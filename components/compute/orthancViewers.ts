/**
 * The web viewers: which of the image's plugins to load and how Orthanc Explorer 2 links to them. The image
 * loads Stone Web Viewer and OHIF only when their enabling variable is set (orthanc-builder
 * docker/orthanc/plugins-def.json: Stone has `enablingEnvVarIsRequired`; OHIF's definition is keyed `Ohif`, so the
 * plugin's `OHIF` section alone enables nothing). Both read studies over DICOMweb with the user's own login.
 */
import { Viewer } from "../../config/types";
import { ImagePlugin, pluginEnablingVariables } from "./imagePlugins";

/** The image's plugin of each viewer (its key in plugins-def.json, see imagePlugins.ts). */
export const VIEWER_PLUGINS: Record<Viewer, ImagePlugin> = { stone: "StoneWebViewer", ohif: "Ohif" };

/** Orthanc Explorer 2's names of the viewers in `UiOptions.ViewersOrdering` (orthanc-explorer-2 Plugin/DefaultConfiguration.json). */
const EXPLORER_VIEWER_KEYS: Record<Viewer, string> = { stone: "stone-webviewer", ohif: "ohif" };

/** Where the OHIF plugin serves its viewer, relative to Orthanc's root (the plugin's and OE2's default). */
export const OHIF_ROOT = "/ohif/";

/** The container variables that make the image load the chosen viewers. */
export function viewerEnvironment(viewers: Viewer[]): { name: string; value: string }[] {
    return pluginEnablingVariables(viewers.map((viewer) => VIEWER_PLUGINS[viewer]));
}

/**
 * Orthanc Explorer 2 with "open in viewer" for each chosen viewer, and no link to the legacy explorer (which is
 * switched off); OHIF reads from the DICOMweb plugin (`DataSource: dicom-web`).
 */
export function viewerSettings(viewers: Viewer[]): Record<string, unknown> {
    return {
        OrthancExplorer2: {
            Enable: true,
            IsDefaultOrthancUI: true,
            UiOptions: {
                EnableLinkToLegacyUi: false,
                ViewersOrdering: viewers.map((viewer) => EXPLORER_VIEWER_KEYS[viewer]),
                EnableViewerQuickButton: viewers.length > 0,
                // OE2 turns OHIF's button on by itself once the plugin is loaded; say it either way.
                EnableOpenInOhifViewer3: viewers.includes("ohif"),
                OhifViewer3PublicRoot: OHIF_ROOT,
            },
        },
        ...(viewers.includes("ohif") ? { OHIF: { DataSource: "dicom-web" } } : {}),
    };
}
