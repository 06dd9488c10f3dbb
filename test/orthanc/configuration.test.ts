import * as assert from "assert";
import {
    buildOrthancConfiguration, indexConnectionsPerTask, OrthancInfrastructure,
} from "../../components/compute/orthancConfiguration";
import { stackConfigFixture } from "./fixtures";

const infra: OrthancInfrastructure = {
    databaseHost: "db.example.internal", databasePort: 5432, databaseName: "orthanc", databaseMaxConnections: 410,
    storageDirectory: "/var/lib/orthanc/db", httpPort: 8042, dicomPort: 4242, publicHostName: "pacs.example.org", filesDirectory: "/tmp/orthanc-aws",
};

describe("orthanc/configuration", () => {
    it("builds the EFS document: PostgreSQL index over SSL without lock, shared-node settings, hardening, DICOMweb behind TLS", () => {
        assert.deepStrictEqual(buildOrthancConfiguration(stackConfigFixture(), infra), {
            Name: "pacs-test",
            HttpPort: 8042,
            DicomPort: 4242,
            DicomAet: "PACS",
            DicomServerEnabled: true,
            DicomCheckCalledAet: true,
            DicomModalities: {},
            DicomModalitiesInDatabase: false,
            OrthancPeers: {},
            OrthancPeersInDatabase: false,
            DicomAlwaysAllowEcho: true,
            DicomAlwaysAllowStore: true,
            DicomAlwaysAllowFind: false,
            DicomAlwaysAllowFindWorklist: false,
            DicomAlwaysAllowGet: false,
            DicomAlwaysAllowMove: false,
            DicomCheckModalityHost: false,
            DicomDefaultRetrieveMethod: "C-GET",
            LuaScripts: ["/tmp/orthanc-aws/rest-filter.lua", "/tmp/orthanc-aws/audit-find.lua"],
            PythonScript: "/tmp/orthanc-aws/audit.py",
            PythonVerbose: false,
            RemoteAccessAllowed: true,
            AuthenticationEnabled: true,
            DeidentifyLogs: true,
            ExecuteLuaEnabled: false,
            WebDavEnabled: false,
            WebDavDeleteAllowed: false,
            WebDavUploadAllowed: false,
            OrthancExplorerEnabled: false,
            LimitFindResults: 100,
            LimitFindInstances: 1000,
            ExtraMainDicomTags: {
                Instance: ["Rows", "Columns", "ImageType", "SOPClassUID", "ContentDate", "ContentTime", "FrameOfReferenceUID", "PixelSpacing", "SpecificCharacterSet", "BitsAllocated"],
                Series: [], Study: [], Patient: [],
            },
            MaximumStorageCacheSize: 90,
            DicomParserCacheSize: 180,
            TranscoderCacheSize: 180,
            StorageMemoryCapacity: 361,
            DicomParserMemoryCapacity: 180,
            TranscoderMemoryCapacity: 180,
            SequentialDicomReaderWindowCapacity: 90,
            StorageLoaderThreadsCount: 4,
            SequentialDicomReaderThreadsCount: 4,
            SaveJobs: false,
            DatabaseServerIdentifier: "pacs-orthanc",
            OverwriteInstances: false,
            StorageCompression: false,
            StorageDirectory: "/var/lib/orthanc/db",
            PostgreSQL: {
                EnableIndex: true, EnableStorage: false, Host: "db.example.internal", Port: 5432, Database: "orthanc",
                EnableSsl: true, Lock: false, IndexConnectionsCount: 50, MaximumConnectionRetries: 36, ConnectionRetryInterval: 5,
            },
            DicomWeb: {
                Enable: true, Root: "/dicom-web/", EnableWado: true, WadoRoot: "/wado", Ssl: true, Host: "pacs.example.org",
                Servers: {}, ServersInDatabase: false,
            },
            OrthancExplorer2: {
                Enable: true,
                IsDefaultOrthancUI: true,
                // Basic mode (the fixture's): Orthanc's own sign-in, no audit-log page (the plugin is not loaded).
                Keycloak: { Enable: false },
                UiOptions: {
                    EnableLinkToLegacyUi: false, ViewersOrdering: ["stone-webviewer", "ohif"], EnableViewerQuickButton: true,
                    EnableOpenInOhifViewer3: true, OhifViewer3PublicRoot: "/ohif/", EnableAuditLogs: false,
                },
            },
            OHIF: { DataSource: "dicom-web" },
        });
    });

    it("configures the S3 plugin with the bucket, the stack's region and flat keys, and no access keys", () => {
        const config = stackConfigFixture();
        config.storage.backend = "s3";
        const document = buildOrthancConfiguration(config, { ...infra, bucketName: "pacs-images" });
        assert.deepStrictEqual(document.AwsS3Storage, { BucketName: "pacs-images", Region: "eu-central-1", StorageStructure: "flat" });
        assert.strictEqual(document.StorageDirectory, "/var/lib/orthanc/db");
    });

    it("refuses the S3 backend without a bucket", () => {
        const config = stackConfigFixture();
        config.storage.backend = "s3";
        assert.throws(() => buildOrthancConfiguration(config, infra),
            { message: "storage.backend is `s3` but no bucket name was given to the Orthanc configuration." });
    });

    it("gives every node the same document, whatever the node", () => {
        const first = JSON.stringify(buildOrthancConfiguration(stackConfigFixture(), infra));
        const second = JSON.stringify(buildOrthancConfiguration(stackConfigFixture(), infra));
        assert.strictEqual(first, second);
    });

    it("takes AE title and ports from its inputs", () => {
        const config = stackConfigFixture();
        config.endpoint.aeTitle = "HOSPITAL_PACS";
        const document = buildOrthancConfiguration(config, { ...infra, httpPort: 18042, dicomPort: 14242 });
        assert.deepStrictEqual([document.DicomAet, document.HttpPort, document.DicomPort], ["HOSPITAL_PACS", 18042, 14242]);
    });

    it("splits the database's connections between the tasks at maximum scale, keeping a reserve", () => {
        assert.strictEqual(indexConnectionsPerTask(410, 4), 50);
        assert.strictEqual(indexConnectionsPerTask(87, 4), 19);
        assert.strictEqual(indexConnectionsPerTask(11, 1), 1);
        assert.throws(() => indexConnectionsPerTask(20, 11), {
            message: "The database admits 20 connections, 10 of them reserved, which leaves less than one per Orthanc task " +
                "for 11 tasks: choose a larger database.instanceClass or a smaller compute.maxCount.",
        });
    });

    it("leaves room for a rolling deployment at maximum scale: twice compute.maxCount tasks share the connections", () => {
        const config = stackConfigFixture();
        config.compute.maxCount = 6;
        const postgres = buildOrthancConfiguration(config, { ...infra, databaseMaxConnections: 130 }).PostgreSQL as Record<string, unknown>;
        assert.strictEqual(postgres.IndexConnectionsCount, 10, "(130 − 10 reserved) / 12 tasks");
    });
});
