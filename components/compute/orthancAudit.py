# orthanc-aws audit trail: one JSON line on standard output per HTTP request Orthanc admits, per instance stored
# (C-STORE, REST, STOW-RS) and per resource deleted. The awslogs driver ships standard output to the Orthanc log
# group, where CloudWatch Logs Insights reads each line's fields (README, "Audit trail").
#
# Never written: patient names or any other DICOM value, request bodies, query-string values, credentials or tokens.
# A resource is named by its Orthanc identifier (the hash Orthanc's URLs use); DICOMweb's UIDs are looked up and
# replaced by that identifier, because a UID is a record identifier that de-identification replaces (DICOM PS3.15
# Annex E) and HIPAA counts among "any other unique identifying number" (45 CFR 164.514(b)(2)(i)(R)).
#
# Loaded by Orthanc's Python plugin (configuration `PythonScript`); the pure functions above the registration are
# unit-tested without Orthanc (test/compute/orthancAudit.test.ts runs python3 -m unittest on them).

import base64
import binascii
import datetime
import json
import re
import sys
import threading

try:
    import orthanc
except ImportError:  # unit tests import the pure functions without Orthanc
    orthanc = None

SCHEMA = "orthanc-aws-audit/1"

# OrthancPluginHttpMethod (OrthancCPlugin.h): the Python plugin passes the number.
HTTP_METHODS = {1: "GET", 2: "POST", 3: "PUT", 4: "DELETE"}

ORTHANC_LEVELS = ("patients", "studies", "series", "instances")
DICOMWEB_LEVELS = {"studies": "StudyInstanceUID", "series": "SeriesInstanceUID", "instances": "SOPInstanceUID"}
# /tools/lookup answers a UID with its resource's Type.
LOOKUP_TYPES = {"StudyInstanceUID": ("Study", "studies"), "SeriesInstanceUID": ("Series", "series"), "SOPInstanceUID": ("Instance", "instances")}

ORTHANC_ID = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{8}){4}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DICOM_UID = re.compile(r"^[0-9]+(\.[0-9]+)+$")
# Route words (`studies`, `dicom-web`, `explorer.html`), tag paths (`0010-0010`) and small numbers (`frames/1`).
ROUTE_WORD = re.compile(r"^([A-Za-z][A-Za-z0-9_.-]{0,63}|[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}|[0-9]{1,6})$")
PARAMETER_NAME = re.compile(r"^[A-Za-z0-9_.,-]{1,64}$")


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def route(uri, dicomweb_root):
    """(route template, Orthanc resources named, DICOMweb UIDs named) of a request path.

    Every segment that is not a route word becomes a placeholder, so no value a client put in a path is kept.
    """
    root = "/" + dicomweb_root.strip("/") + "/"
    in_dicomweb = (uri.rstrip("/") + "/").startswith(root)
    segments = [segment for segment in uri.split("/") if segment != ""]
    template, resources, uids = [], [], []
    previous = None
    for index, segment in enumerate(segments):
        if previous in ORTHANC_LEVELS and ORTHANC_ID.match(segment):
            template.append("{id}")
            resources.append(previous + "/" + segment)
        elif in_dicomweb and previous in DICOMWEB_LEVELS and DICOM_UID.match(segment):
            template.append("{" + DICOMWEB_LEVELS[previous] + "}")
            uids.append((DICOMWEB_LEVELS[previous], segment))
        elif ORTHANC_ID.match(segment):
            template.append("{id}")
        elif UUID.match(segment):
            template.append("{uuid}")
        elif DICOM_UID.match(segment):
            template.append("{uid}")
        elif ROUTE_WORD.match(segment):
            template.append(segment)
        else:
            template.append("{value}")
        previous = segment
    return "/" + "/".join(template), resources, uids


def parameter_names(arguments):
    """The names of the query-string parameters, sorted; never their values. Odd names become `{value}`."""
    return sorted({name if PARAMETER_NAME.match(name) else "{value}" for name in (arguments or {})})


def _base64_decode(text, url_safe):
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded) if url_safe else base64.b64decode(padded, validate=True)


def requester(headers):
    """(user, how the request authenticated) from the request headers; the credential itself is never kept.

    Basic: the user name Orthanc checked against its registered users before calling the filter. Bearer: the token's
    `preferred_username` (Keycloak) or `sub` claim, read without verifying it (the authorization plugin verifies
    it). API keys and other tokens name no user here: the authorization plugin's own audit log resolves them.
    """
    lowered = {key.lower(): value for key, value in (headers or {}).items()}
    authorization = lowered.get("authorization", "").strip()
    scheme, _, credentials = authorization.partition(" ")
    scheme = scheme.lower()
    if scheme == "basic":
        try:
            user = _base64_decode(credentials.strip(), False).decode("utf-8").partition(":")[0]
            return (user or None), "basic"
        except (binascii.Error, ValueError):
            return None, "basic-malformed"
    if scheme == "bearer":
        parts = credentials.strip().split(".")
        if len(parts) == 3:
            try:
                claims = json.loads(_base64_decode(parts[1], True).decode("utf-8"))
                user = claims.get("preferred_username") or claims.get("sub")
                return (str(user) if user is not None else None), "bearer-jwt"
            except (binascii.Error, ValueError, AttributeError):
                pass
        return None, "bearer"
    for header in ("api-key", "token"):
        if header in lowered:
            return None, header
    return None, "none"


def client_address(ip, headers):
    """The client: the last X-Forwarded-For entry (the one the load balancer appended), else the TCP peer."""
    lowered = {key.lower(): value for key, value in (headers or {}).items()}
    forwarded = [entry.strip() for entry in lowered.get("x-forwarded-for", "").split(",") if entry.strip()]
    return forwarded[-1] if forwarded else ip


def http_line(method, uri, ip, headers, arguments, dicomweb_root, lookup, wado_root="/wado"):
    """The audit line of one HTTP request; `lookup(uid_kind, uid)` turns a DICOMweb UID into an Orthanc resource.

    WADO-URI (`<wado_root>?requestType=WADO&...&objectUID=<uid>`) names its instance in the query: that UID is
    resolved the same way, and kept out of the line like every query value.
    """
    template, resources, uids = route(uri, dicomweb_root)
    object_uid = (arguments or {}).get("objectUID", "")
    if uri.rstrip("/") == wado_root.rstrip("/") and DICOM_UID.match(object_uid):
        uids = [("SOPInstanceUID", object_uid)]
    if uids:
        kind, uid = uids[-1]
        resolved = lookup(kind, uid)
        resources = [resolved] if resolved else []
    user, authentication = requester(headers)
    return {
        "audit": SCHEMA,
        "time": now(),
        "kind": "http",
        "user": user,
        "authentication": authentication,
        "clientAddress": client_address(ip, headers),
        "peerAddress": ip,
        "action": HTTP_METHODS.get(method, str(method)) + " " + template,
        "resource": resources[-1] if resources else None,
        "query": parameter_names(arguments),
        # Plugins see a request before Orthanc answers it, so its status is not known here. Orthanc checks Basic
        # credentials before calling the filters (a refused login never reaches them); a token is checked by the
        # authorization plugin's own filter, possibly after this one.
        "outcome": "authenticated" if authentication == "basic" else "received",
    }


def stored_line(instance_id, metadata):
    """The audit line of one stored instance, from Orthanc's metadata of its reception."""
    origin = metadata.get("Origin")
    line = {
        "audit": SCHEMA,
        "time": now(),
        "kind": "dicom" if origin == "DicomProtocol" else "store",
        "user": metadata.get("HttpUsername") or None,
        "clientAddress": metadata.get("RemoteIP") or None,
        "action": "C-STORE" if origin == "DicomProtocol" else "STORE " + str(origin),
        "resource": "instances/" + instance_id,
        "outcome": "stored",
    }
    if origin == "DicomProtocol":
        line["callingAet"] = metadata.get("RemoteAET") or None
        line["calledAet"] = metadata.get("CalledAET") or None
    return line


def deleted_line(level, resource_id):
    return {"audit": SCHEMA, "time": now(), "kind": "change", "user": None, "action": "DELETED",
            "resource": level + "/" + resource_id, "outcome": "deleted"}


_write_lock = threading.Lock()


def write(line):
    """One line, flushed at once: standard output is a pipe in a container, block-buffered otherwise."""
    text = json.dumps(line, separators=(",", ":"), ensure_ascii=True) + "\n"
    with _write_lock:
        sys.stdout.write(text)
        sys.stdout.flush()


def error_line(where, error):
    # The exception's type only: its message could quote a value.
    return {"audit": SCHEMA, "time": now(), "kind": "error", "action": where, "outcome": type(error).__name__}


class UidLookup(object):
    """UID → Orthanc resource through /tools/lookup, remembering what it found (viewers fetch frame after frame)."""

    def __init__(self, find, capacity=10000):
        self._find = find
        self._capacity = capacity
        self._known = {}
        self._lock = threading.Lock()

    def __call__(self, kind, uid):
        key = kind + ":" + uid
        with self._lock:
            if key in self._known:
                return self._known[key]
        wanted_type, level = LOOKUP_TYPES[kind]
        matches = [match for match in self._find(uid) if match.get("Type") == wanted_type]
        if not matches:
            return None  # not stored yet (STOW-RS) or unknown: never remembered
        resource = level + "/" + matches[0]["ID"]
        with self._lock:
            if len(self._known) >= self._capacity:
                self._known.clear()
            self._known[key] = resource
        return resource


def _register():
    configuration = json.loads(orthanc.GetConfiguration())
    dicomweb_root = (configuration.get("DicomWeb") or {}).get("Root", "/dicom-web/")
    wado_root = (configuration.get("DicomWeb") or {}).get("WadoRoot", "/wado")
    lookup = UidLookup(lambda uid: json.loads(orthanc.RestApiPost("/tools/lookup", uid)))
    levels = {
        orthanc.ResourceType.PATIENT: "patients", orthanc.ResourceType.STUDY: "studies",
        orthanc.ResourceType.SERIES: "series", orthanc.ResourceType.INSTANCE: "instances",
    }

    def on_request(uri, **request):
        try:
            write(http_line(request.get("method"), uri, request.get("ip"), request.get("headers"), request.get("get"), dicomweb_root, lookup, wado_root))
        except Exception as error:  # an audit failure must not refuse the request; it is recorded instead
            write(error_line("http", error))
        return True  # admission is decided by Orthanc's authentication, the authorization plugin and the Lua filter

    def on_change(change_type, level, resource_id):
        try:
            if change_type == orthanc.ChangeType.NEW_INSTANCE:
                metadata = json.loads(orthanc.RestApiGet("/instances/" + resource_id + "/metadata?expand"))
                write(stored_line(resource_id, metadata))
            elif change_type == orthanc.ChangeType.DELETED:
                write(deleted_line(levels.get(level, "resources"), resource_id))
        except Exception as error:
            write(error_line("change", error))

    orthanc.RegisterIncomingHttpRequestFilter(on_request)
    orthanc.RegisterOnChangeCallback(on_change)


if orthanc is not None:
    _register()
