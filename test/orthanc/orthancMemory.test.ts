import * as assert from "assert";
import { FARGATE_MEMORY_BY_CPU } from "../../config/awsLimits";
import {
    defaultManagedMemoryMb, managedMemoryMb, ORTHANC_MEMORY_DEFAULTS, orthancMemorySettings, unmanagedReserveMb,
} from "../../components/compute/orthancMemory";
import { viewerEnvironment, viewerSettings } from "../../components/compute/orthancViewers";
import { imageEnabledPlugins } from "../../components/compute/imagePlugins";
import { buildOrthancConfiguration } from "../../components/compute/orthancConfiguration";
import { orthancContainerConfiguration, renderImageConfiguration } from "../../components/compute/orthancContainer";
import { stackConfigFixture } from "./fixtures";

describe("Orthanc memory sized from the task", () => {
    it("adds up Orthanc 1.13's defaults as the book does: about 2.2 GB with 4 sequential readers", () => {
        assert.strictEqual(defaultManagedMemoryMb(4), 2176);
        assert.strictEqual(defaultManagedMemoryMb(20), 4224);
    });

    it("fits a 2 GB EFS task: every cache and capacity scaled by one factor, within the memory less the reserve", () => {
        const settings = orthancMemorySettings(2048, "efs");
        assert.deepStrictEqual(settings, {
            MaximumStorageCacheSize: 90, DicomParserCacheSize: 180, TranscoderCacheSize: 180, StorageMemoryCapacity: 361,
            DicomParserMemoryCapacity: 180, TranscoderMemoryCapacity: 180, SequentialDicomReaderWindowCapacity: 90,
            StorageLoaderThreadsCount: 4, SequentialDicomReaderThreadsCount: 4,
        });
        assert.ok(managedMemoryMb(settings) <= 2048 - unmanagedReserveMb(2048));
    });

    it("reads S3 with 20 loader threads and keeps the defaults when the task is large enough", () => {
        assert.strictEqual(orthancMemorySettings(3072, "s3").StorageLoaderThreadsCount, 20);
        const large = orthancMemorySettings(16384, "s3");
        for (const [key, value] of Object.entries(ORTHANC_MEMORY_DEFAULTS)) assert.strictEqual(large[key], value, key);
    });

    it("stays within budget for every Fargate size that runs it, and names the setting when none fits", () => {
        for (const memories of FARGATE_MEMORY_BY_CPU.values()) {
            for (const memory of memories.filter((size) => size >= 2048)) {
                for (const backend of ["efs", "s3"] as const) {
                    assert.ok(managedMemoryMb(orthancMemorySettings(memory, backend)) <= memory - unmanagedReserveMb(memory), `${memory} ${backend}`);
                }
            }
        }
        assert.throws(() => orthancMemorySettings(1024, "s3"), {
            message: "An Orthanc container of 1024 MiB leaves 512 MiB for Orthanc's caches and buffers, less than their minimum of 522 MiB: raise compute.memory.",
        });
    });
});

describe("viewers", () => {
    it("enables the chosen viewers by the image's variables and links them from Orthanc Explorer 2", () => {
        assert.deepStrictEqual(viewerEnvironment(["stone", "ohif"]), [
            { name: "STONE_WEB_VIEWER_PLUGIN_ENABLED", value: "true" }, { name: "OHIF_PLUGIN_ENABLED", value: "true" },
        ]);
        const settings = viewerSettings(["ohif"]) as { OrthancExplorer2: { UiOptions: Record<string, unknown> }; OHIF: unknown };
        assert.deepStrictEqual(settings.OrthancExplorer2.UiOptions.ViewersOrdering, ["ohif"]);
        assert.deepStrictEqual(settings.OHIF, { DataSource: "dicom-web" });
    });

    it("with none, loads no viewer and offers no viewer button, and never links the legacy explorer", () => {
        assert.deepStrictEqual(viewerEnvironment([]), []);
        const settings = viewerSettings([]) as Record<string, { UiOptions: Record<string, unknown> }>;
        assert.deepStrictEqual(settings.OrthancExplorer2.UiOptions, {
            EnableLinkToLegacyUi: false, ViewersOrdering: [], EnableViewerQuickButton: false, EnableOpenInOhifViewer3: false, OhifViewer3PublicRoot: "/ohif/",
        });
        assert.strictEqual(settings.OHIF, undefined);
    });
});

describe("viewers by the image's own rules (imagePlugins.ts)", () => {
    function enabledFor(viewers: ("stone" | "ohif")[]): string[] {
        const config = { ...stackConfigFixture(), viewers };
        const document = buildOrthancConfiguration(config, {
            databaseHost: "db", databasePort: 5432, databaseName: "orthanc", databaseMaxConnections: 200, storageDirectory: "/var/lib/orthanc/db",
            httpPort: 8042, dicomPort: 4242, publicHostName: "pacs.example.org", filesDirectory: "/tmp/orthanc-aws",
        });
        const container = orthancContainerConfiguration(document, { databaseSecretArn: "arn:db", accounts: [] }, { viewers, dicomNetwork: config.dicomNetwork, identity: config.identity });
        return imageEnabledPlugins(renderImageConfiguration(container.environment), container.environment);
    }

    it("loads Stone and OHIF from the generated container, and neither when none is chosen (the OHIF section alone loads nothing)", () => {
        const both = enabledFor(["stone", "ohif"]);
        assert.ok(both.includes("StoneWebViewer") && both.includes("Ohif") && both.includes("OrthancExplorer2"), both.join(", "));
        const none = enabledFor([]);
        assert.ok(!none.includes("StoneWebViewer") && !none.includes("Ohif"), none.join(", "));
        const configuration = renderImageConfiguration([{ name: "ORTHANC_JSON", value: JSON.stringify({ OHIF: { DataSource: "dicom-web" } }) }]);
        assert.ok(!imageEnabledPlugins(configuration, []).includes("Ohif"));
    });
});
