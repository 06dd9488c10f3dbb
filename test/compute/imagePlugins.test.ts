/**
 * The image's plugin rules (components/compute/imagePlugins.ts), and the task definitions of both committed stacks
 * against them: exactly the intended plugins, and a document and secrets that never set the same key.
 */
import * as assert from "assert";
import { EnvironmentVariable, renderImageConfiguration } from "../../components/compute/orthancContainer";
import {
    authorizationPluginProblems, IMAGE_PLUGINS, ImagePlugin, imageEnabledPlugins, pluginEnablingVariables, pluginSection,
} from "../../components/compute/imagePlugins";
import { evaluateStack } from "../../tools/offline/evaluate";
import { jsonInput, single } from "../support/planQueries";

const plugins = (configuration: Record<string, unknown>, variables: EnvironmentVariable[] = []): ImagePlugin[] =>
    imageEnabledPlugins(configuration, variables);
const BY_DEFAULT: ImagePlugin[] = ["Gdcm", "OrthancExplorer2"];

describe("compute/imagePlugins: the image's plugin rules", () => {
    it("enables a plugin by its section, and only the plugins enabled by default without one", () => {
        assert.deepStrictEqual(plugins({}), BY_DEFAULT);
        assert.deepStrictEqual(plugins({ PostgreSQL: { Host: "db" }, DicomWeb: {} }), ["DicomWeb", "Gdcm", "PostgreSQL", "OrthancExplorer2"]);
        assert.deepStrictEqual(plugins({ AwsS3Storage: { BucketName: "b" }, Authorization: {} }), ["Authorization", "Gdcm", "AwsS3Storage", "OrthancExplorer2"]);
    });

    it("enables the viewers only by their variable, whatever the configuration holds", () => {
        assert.deepStrictEqual(plugins({ StoneWebViewer: {}, WebViewer: {} }), BY_DEFAULT);
        assert.deepStrictEqual(plugins({}, pluginEnablingVariables(["StoneWebViewer", "OrthancWebViewer"])),
            ["Gdcm", "OrthancWebViewer", "StoneWebViewer", "OrthancExplorer2"]);
        assert.strictEqual(pluginSection("OrthancWebViewer"), "WebViewer");
    });

    it("keys OHIF as Ohif: the OHIF section of the ORTHANC__OHIF__ variables does not enable it", () => {
        const configuration = renderImageConfiguration([{ name: "ORTHANC__OHIF__DATA_SOURCE", value: "dicom-web" }]);
        assert.deepStrictEqual(configuration, { OHIF: { DataSource: "dicom-web" } });
        assert.deepStrictEqual(plugins(configuration), BY_DEFAULT);
        assert.deepStrictEqual(plugins(configuration, [{ name: "OHIF_PLUGIN_ENABLED", value: "true" }]), ["Gdcm", "OrthancExplorer2", "Ohif"]);
    });

    it("enables the Python plugin by a PythonScript root setting", () => {
        assert.deepStrictEqual(plugins({ PythonScript: "/etc/orthanc/audit.py" }), ["Gdcm", "Python", "OrthancExplorer2"]);
        // The audit depends on it: its switch set to false would drop the trail although the setting is there.
        assert.deepStrictEqual(plugins({ PythonScript: "/etc/orthanc/audit.py" }, [{ name: "PYTHON_PLUGIN_ENABLED", value: "false" }]), BY_DEFAULT);
    });

    it("reads any value but false as on, and false as off even for a section or a default", () => {
        assert.deepStrictEqual(plugins({}, [{ name: "TRANSFERS_PLUGIN_ENABLED", value: "no" }]), ["Gdcm", "Transfers", "OrthancExplorer2"]);
        assert.deepStrictEqual(plugins({ DicomWeb: {} }, [
            { name: "DICOM_WEB_PLUGIN_ENABLED", value: "false" }, { name: "GDCM_PLUGIN_ENABLED", value: "false" },
            { name: "ORTHANC_EXPLORER_2_ENABLED", value: "false" },
        ]), []);
    });

    it("refuses the legacy switches the image exits on", () => {
        assert.throws(() => plugins({}, [{ name: "PG_ENABLED", value: "true" }, { name: "DW_ENABLED", value: "true" }]), {
            message: "The image refuses to start with deprecated variables: PG_ENABLED, DW_ENABLED (use the *_PLUGIN_ENABLED names).",
        });
    });

    it("has one switch per plugin", () => {
        const switches = Object.values(IMAGE_PLUGINS).map((rule) => rule.variable);
        assert.strictEqual(new Set(switches).size, switches.length);
    });
});

describe("compute/imagePlugins: the committed stacks' task definitions", function () {
    this.timeout(120_000);

    /** ECS resolves each secret to a string; these stand in with the shapes the real secrets have. */
    function resolvedVariables(container: { environment: EnvironmentVariable[]; secrets: Array<{ name: string }> }): EnvironmentVariable[] {
        const standIn = (name: string): string => (name === "ORTHANC__REGISTERED_USERS" ? JSON.stringify({ admin: "Pw-stand-in" }) : `${name}-stand-in`);
        return [...container.environment, ...container.secrets.map(({ name }) => ({ name, value: standIn(name) }))];
    }

    for (const [stack, intended] of [
        // With the default viewers: Stone Web Viewer and OHIF too; Python for the audit trail's script; identity.mode keycloak (default): the authorization plugin.
        ["dev", ["Authorization", "DicomWeb", "Gdcm", "StoneWebViewer", "PostgreSQL", "Python", "OrthancExplorer2", "Ohif"]],
        ["prod", ["Authorization", "DicomWeb", "Gdcm", "StoneWebViewer", "PostgreSQL", "Python", "AwsS3Storage", "OrthancExplorer2", "Ohif"]],
    ] as Array<[string, ImagePlugin[]]>) {
        it(`${stack}: enables exactly ${intended.join(", ")}, with a document and secrets that never set the same key`, async () => {
            const plan = await evaluateStack(stack);
            const [container] = jsonInput<Array<{ environment: EnvironmentVariable[]; secrets: Array<{ name: string }> }>>(
                single(plan, "aws:ecs/taskDefinition:TaskDefinition", "-orthanc-task-definition"), "containerDefinitions");
            const variables = resolvedVariables(container);
            // Any order ECS may choose: the same configuration, since no two variables set one key.
            const configuration = renderImageConfiguration(variables);
            assert.deepStrictEqual(renderImageConfiguration([...variables].reverse()), configuration);
            assert.deepStrictEqual(imageEnabledPlugins(configuration, variables), intended);
            // …and nothing the authorization plugin would refuse (audit logs stored by the PostgreSQL index).
            assert.deepStrictEqual(authorizationPluginProblems(configuration, intended), []);
        });
    }
});
