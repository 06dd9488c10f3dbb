/**
 * Readers for the clinic-facing settings: `viewers`, `dicomNetwork` (modalities, Orthanc peers, DICOMweb servers,
 * DICOM TLS) and `privateDicom` (the plain-DICOM listener behind a VPN). Every problem is recorded, none thrown.
 */
import { X509Certificate } from "crypto";
import { isPrivateIpv4Range, parseIpv4Cidr } from "./cidr";
import { ConfigProblems, SectionReader, show } from "./fields";
import {
    DICOM_OPERATIONS, DicomModalityConfig, DicomNetworkConfig, DicomOperation, EndpointConfig, HttpNodeConfig,
    MODALITY_MANUFACTURERS, PrivateDicomConfig, Viewer, VIEWERS,
} from "./types";

export const DICOM_NETWORK_SETTINGS = ["modalities", "peers", "dicomWebServers", "trustedCertificates", "clientCertificateSecretArn"] as const;
export const MODALITY_SETTINGS = ["name", "aeTitle", "host", "port", "allow", "tls", "manufacturer"] as const;
export const HTTP_NODE_SETTINGS = ["name", "url", "credentialsSecretArn"] as const;
export const PRIVATE_DICOM_SETTINGS = ["enabled", "port", "onPremisesCidrs", "vpn", "directConnectGatewayId"] as const;
export const VPN_SETTINGS = ["customerGatewayIp", "bgpAsn"] as const;

/** The DICOM default repertoire without backslash or control characters, 1–16 characters, not only spaces (PS3.5 §6.2, AE VR). */
const AE_TITLE = /^(?! *$)[\x20-\x5b\x5d-\x7e]{1,16}$/;
const AE_TITLE_RULE = "use 1–16 characters of the DICOM default repertoire (printable ASCII), no backslash or control characters, not only spaces";

/** Reads an AE title, also refusing leading and trailing spaces (not significant in DICOM, so two titles would look alike). */
export function readAeTitle(section: SectionReader, key: string, fallback: string): string {
    const title = section.text(key, AE_TITLE, AE_TITLE_RULE, fallback);
    if (/^ | $/.test(title)) section.problems.invalid(section.path(key), title, "leading and trailing spaces are not significant in DICOM; remove them");
    return title;
}

const IPV4_ADDRESS = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Addresses no modality can have: this network, loopback, link-local, multicast and reserved space. */
function isUnusableHost(address: string): boolean {
    const first = Number(address.split(".")[0]);
    return first === 0 || first === 127 || address.startsWith("169.254.") || first >= 224;
}

/** True when the IPv4 address lies in the CIDR range. */
export function ipv4InRange(address: string, cidr: string): boolean {
    const range = parseIpv4Cidr(cidr);
    const host = parseIpv4Cidr(`${address}/32`);
    if (!range || !host) return false;
    const size = 2 ** (32 - range.prefix);
    return Math.floor(host.address / size) === Math.floor(range.address / size);
}

export function readViewers(top: SectionReader): Viewer[] {
    const list = top.stringList("viewers");
    if (list === undefined) return [...VIEWERS];
    const viewers: Viewer[] = [];
    for (const name of list) {
        if (!(VIEWERS as readonly string[]).includes(name)) top.problems.invalid(top.path("viewers"), name, `use some of ${VIEWERS.join(", ")} (or [] for none)`);
        else if (viewers.includes(name as Viewer)) top.problems.invalid(top.path("viewers"), name, "list each viewer once");
        else viewers.push(name as Viewer);
    }
    return viewers;
}

function readOperations(section: SectionReader): DicomOperation[] {
    const list = section.stringList("allow");
    if (list === undefined) {
        if (!section.has("allow")) section.problems.add(section.path("allow"), `is required: list what the modality may ask of Orthanc, some of ${DICOM_OPERATIONS.join(", ")} ([] if it only receives)`);
        return [];
    }
    const operations: DicomOperation[] = [];
    for (const operation of list) {
        if (!(DICOM_OPERATIONS as readonly string[]).includes(operation)) section.problems.invalid(section.path("allow"), operation, `use some of ${DICOM_OPERATIONS.join(", ")}`);
        else if (operations.includes(operation as DicomOperation)) section.problems.invalid(section.path("allow"), operation, "list each operation once");
        else operations.push(operation as DicomOperation);
    }
    return operations;
}

function required(section: SectionReader, key: string, what: string): void {
    if (!section.has(key)) section.problems.add(section.path(key), `is required: ${what}`);
}

function readModality(section: SectionReader): DicomModalityConfig {
    section.rejectUnknown(MODALITY_SETTINGS);
    required(section, "name", "a short name for the modality, e.g. ct-room-1");
    required(section, "aeTitle", "the modality's own AE title");
    required(section, "host", "the modality's IPv4 address");
    required(section, "port", "the modality's DICOM port, e.g. 104");
    const host = section.text("host", IPV4_ADDRESS,
        "use the modality's IPv4 address (Orthanc compares callers' addresses with it, so a DNS name would never match)", "");
    if (host !== "" && isUnusableHost(host)) section.problems.invalid(section.path("host"), host, "use an address a modality can have (not 0/8, loopback, link-local, multicast or reserved)");
    return {
        name: section.text("name", /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "use 1–64 letters, digits, - and _, starting with a letter or digit (it appears in REST URLs)", ""),
        aeTitle: readAeTitle(section, "aeTitle", ""),
        host,
        port: section.integer("port", 1, 65535, 104),
        allow: readOperations(section),
        tls: section.boolean("tls", false),
        manufacturer: section.enumOf("manufacturer", MODALITY_MANUFACTURERS, "Generic"),
    };
}

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const SECRET_ARN_RULE = "use the ARN of a Secrets Manager secret, e.g. arn:aws:secretsmanager:us-east-1:123456789012:secret:name-AbCdEf";

function readHttpNode(section: SectionReader, example: string): HttpNodeConfig {
    section.rejectUnknown(HTTP_NODE_SETTINGS);
    required(section, "name", `a name such as ${example}`);
    required(section, "url", "its https:// base URL");
    const url = section.text("url", /^https:\/\/\S+$/, "use an https:// URL (patient data never travels in clear)", "");
    if (url !== "") {
        try {
            new URL(url);
        } catch {
            section.problems.invalid(section.path("url"), url, "use a well-formed https:// URL");
        }
    }
    return {
        // The image names secret variables ORTHANC__<SECTION>__<NAME>__PASSWORD and rebuilds the key from the
        // variable's words (orthanc-builder docker/orthanc/helpers.py, envVarToCamelCase): only such names survive.
        name: section.text("name", /^[A-Z][A-Za-z0-9]{0,31}$/,
            "use 1–32 letters and digits starting with a capital letter, e.g. MainPacs (the image's variable naming must give the name back)", ""),
        url,
        credentialsSecretArn: section.text("credentialsSecretArn", SECRET_ARN, SECRET_ARN_RULE),
    };
}

/** Each certificate of a PEM bundle, or the reason it is not one. */
export function pemCertificates(text: string): { certificates: string[]; problem?: string } {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    const rest = blocks.reduce((remaining, block) => remaining.replace(block, ""), text).trim();
    if (blocks.length === 0) return { certificates: [], problem: "holds no PEM certificate" };
    if (rest !== "") return { certificates: [], problem: "holds text that is not a PEM certificate (only public certificates belong here, never a key)" };
    for (const [index, block] of blocks.entries()) {
        try {
            new X509Certificate(block);
        } catch {
            return { certificates: [], problem: `certificate ${index + 1} cannot be read` };
        }
    }
    return { certificates: blocks };
}

function duplicates(values: string[]): string[] {
    const seen = new Set<string>();
    return [...new Set(values.filter((value) => seen.has(value) || !seen.add(value)))];
}

export function readDicomNetwork(section: SectionReader, endpoint: EndpointConfig): DicomNetworkConfig {
    section.rejectUnknown(DICOM_NETWORK_SETTINGS);
    const network: DicomNetworkConfig = {
        modalities: section.objectList("modalities").map(readModality),
        peers: section.objectList("peers").map((peer) => readHttpNode(peer, "Research")),
        dicomWebServers: section.objectList("dicomWebServers").map((server) => readHttpNode(server, "CloudPacs")),
        trustedCertificates: section.text("trustedCertificates", /-----BEGIN CERTIFICATE-----/, "use PEM certificates (-----BEGIN CERTIFICATE----- …)"),
        clientCertificateSecretArn: section.text("clientCertificateSecretArn", SECRET_ARN, SECRET_ARN_RULE),
    };
    const problems = section.problems;
    if (network.trustedCertificates !== undefined) {
        const { problem } = pemCertificates(network.trustedCertificates);
        if (problem !== undefined) problems.add(section.path("trustedCertificates"), problem);
    }
    // Orthanc matches AE titles case-insensitively (StrictAetComparison false), and its keys name REST routes.
    for (const name of duplicates(network.modalities.map((modality) => modality.name.toLowerCase()).filter(Boolean))) {
        problems.add(section.path("modalities"), `name ${show(name)} is used twice (names are compared ignoring case)`);
    }
    for (const title of duplicates(network.modalities.map((modality) => modality.aeTitle.toUpperCase()).filter(Boolean))) {
        problems.add(section.path("modalities"), `aeTitle ${show(title)} is used twice (Orthanc compares AE titles ignoring case, so it could not tell the two apart)`);
    }
    for (const [index, modality] of network.modalities.entries()) {
        if (modality.aeTitle.toUpperCase() === endpoint.aeTitle.toUpperCase()) {
            problems.invalid(section.path(`modalities[${index}].aeTitle`), modality.aeTitle, `it is Orthanc's own AE title (endpoint.aeTitle); give the modality its own`);
        }
    }
    const httpNames = [...network.peers, ...network.dicomWebServers].map((node) => node.name.toLowerCase()).filter(Boolean);
    for (const name of duplicates(httpNames)) problems.add(section.path("peers"), `name ${show(name)} is used twice among peers and dicomWebServers`);
    if (network.modalities.some((modality) => modality.tls) && network.trustedCertificates === undefined) {
        problems.add(section.path("trustedCertificates"), "is required when a modality has tls: true: the PEM certificates (or their CA) Orthanc must trust when it connects to them");
    }
    return network;
}

export function readPrivateDicom(section: SectionReader, vpcCidrBlock: string): PrivateDicomConfig {
    section.rejectUnknown(PRIVATE_DICOM_SETTINGS);
    const vpnSection = section.section("vpn");
    vpnSection.rejectUnknown(VPN_SETTINGS);
    const config: PrivateDicomConfig = {
        enabled: section.boolean("enabled", false),
        port: section.integer("port", 1, 65535, 104),
        onPremisesCidrs: section.stringList("onPremisesCidrs") ?? [],
        vpn: section.has("vpn") ? {
            customerGatewayIp: vpnSection.text("customerGatewayIp", IPV4_ADDRESS, "use the public IPv4 address of your VPN device", ""),
            bgpAsn: readBgpAsn(vpnSection),
        } : undefined,
        directConnectGatewayId: section.text("directConnectGatewayId", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
            "use the ID of a Direct Connect gateway, e.g. 5f294f92-bafb-4011-916d-9b0bexample"),
    };
    if (config.port === 443) section.problems.invalid(section.path("port"), 443, "443 carries HTTPS; use the DICOM port your modalities know, e.g. 104");
    if (!config.enabled) return config;
    if (config.onPremisesCidrs.length === 0) {
        section.problems.add(section.path("onPremisesCidrs"), "is required with privateDicom.enabled: list the on-premises networks of the modalities, e.g. [\"192.168.10.0/24\"]");
    }
    for (const cidr of config.onPremisesCidrs) {
        const parsed = parseIpv4Cidr(cidr);
        if (!parsed || !isPrivateIpv4Range(parsed)) {
            section.problems.invalid(section.path("onPremisesCidrs"), cidr, "use private IPv4 ranges (10/8, 172.16/12, 192.168/16) in CIDR notation; plain DICOM never faces the internet");
        } else if (rangesOverlap(cidr, vpcCidrBlock)) {
            section.problems.invalid(section.path("onPremisesCidrs"), cidr, `it overlaps the VPC (network.cidrBlock ${vpcCidrBlock}); routes to it would never leave the VPC`);
        }
    }
    if (config.vpn === undefined && config.directConnectGatewayId === undefined) {
        section.problems.add(section.path("vpn"), "privateDicom needs a private path from your site: set privateDicom.vpn (Site-to-Site VPN) or privateDicom.directConnectGatewayId");
    }
    if (config.vpn !== undefined) {
        const address = config.vpn.customerGatewayIp;
        const parsed = parseIpv4Cidr(`${address}/32`);
        if (!vpnSection.has("customerGatewayIp")) vpnSection.problems.add(vpnSection.path("customerGatewayIp"), "is required: the public IPv4 address of your VPN device");
        else if (parsed && (isPrivateIpv4Range(parsed) || isUnusableHost(address))) {
            vpnSection.problems.invalid(vpnSection.path("customerGatewayIp"), address, "use the device's public IPv4 address (AWS reaches it over the internet)");
        }
    }
    return config;
}

/** ASNs AWS reserves in some regions and refuses for a customer gateway (Site-to-Site VPN user guide, "Customer gateway options"). */
const AWS_RESERVED_ASNS = [7224, 9059, 10124, 17943];

function readBgpAsn(section: SectionReader): number | undefined {
    if (!section.has("bgpAsn")) return undefined;
    const asn = section.integer("bgpAsn", 1, 4294967294, 65000);
    if (AWS_RESERVED_ASNS.includes(asn)) section.problems.invalid(section.path("bgpAsn"), asn, `AWS reserves ${AWS_RESERVED_ASNS.join(", ")}; use your device's ASN, e.g. a private one from 64512–65534`);
    return asn;
}

function rangesOverlap(first: string, second: string): boolean {
    const a = parseIpv4Cidr(first);
    const b = parseIpv4Cidr(second);
    if (!a || !b) return false;
    const prefix = Math.min(a.prefix, b.prefix);
    const size = 2 ** (32 - prefix);
    return Math.floor(a.address / size) === Math.floor(b.address / size);
}

/**
 * A modality that may call Orthanc must come from a network Orthanc admits: `endpoint.allowedCidrs` (DICOM TLS) or,
 * with the private listener, `privateDicom.onPremisesCidrs`. Otherwise its permissions could never be used.
 */
export function checkModalityReachability(network: DicomNetworkConfig, endpoint: EndpointConfig, privateDicom: PrivateDicomConfig, problems: ConfigProblems): void {
    const admitted = [...endpoint.allowedCidrs, ...(privateDicom.enabled ? privateDicom.onPremisesCidrs : [])].filter((cidr) => !cidr.includes(":"));
    for (const [index, modality] of network.modalities.entries()) {
        if (modality.host === "" || modality.allow.length === 0) continue;
        if (!admitted.some((cidr) => ipv4InRange(modality.host, cidr))) {
            problems.invalid(`dicomNetwork.modalities[${index}].host`, modality.host,
                `it lies outside endpoint.allowedCidrs${privateDicom.enabled ? " and privateDicom.onPremisesCidrs" : ""}, so the modality could never reach Orthanc; add its network there`);
        }
    }
}
