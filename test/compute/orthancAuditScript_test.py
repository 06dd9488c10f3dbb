# The pure part of components/compute/orthancAudit.py, run by test/compute/orthancAudit.test.ts with python3:
# routes, parameter names, users, addresses, lines.
import base64
import json
import unittest

import audit

ID = "a85f3579-545812b6-8db49933-98805cb0-f6bb874c"
ID2 = "018490a7-16067be9-17920b15-55585e71-10d2127d"
UID = "2.25.123456789012345678901234567890"


def basic(user, password):
    return "Basic " + base64.b64encode((user + ":" + password).encode()).decode()


def jwt(claims):
    encode = lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
    return "Bearer " + encode({"alg": "RS256"}) + "." + encode(claims) + ".c2lnbmF0dXJl"


class Routes(unittest.TestCase):
    def test_orthanc_resources_become_placeholders_and_are_named(self):
        self.assertEqual(audit.route("/studies/" + ID, "/dicom-web/"), ("/studies/{id}", ["studies/" + ID], []))
        self.assertEqual(audit.route("/patients/" + ID + "/studies", "/dicom-web/"), ("/patients/{id}/studies", ["patients/" + ID], []))
        self.assertEqual(audit.route("/instances/" + ID2 + "/content/0010-0010", "/dicom-web/"),
                         ("/instances/{id}/content/0010-0010", ["instances/" + ID2], []))

    def test_dicomweb_uids_are_placeholders_named_by_their_attribute(self):
        uri = "/dicom-web/studies/" + UID + "/series/" + UID + "9/instances/" + UID + "8/frames/1"
        self.assertEqual(audit.route(uri, "/dicom-web/"), (
            "/dicom-web/studies/{StudyInstanceUID}/series/{SeriesInstanceUID}/instances/{SOPInstanceUID}/frames/1", [],
            [("StudyInstanceUID", UID), ("SeriesInstanceUID", UID + "9"), ("SOPInstanceUID", UID + "8")]))

    def test_outside_dicomweb_a_uid_is_only_a_placeholder(self):
        self.assertEqual(audit.route("/other/studies/" + UID, "/dicom-web/"), ("/other/studies/{uid}", [], []))

    def test_values_a_client_puts_in_a_path_are_not_kept(self):
        self.assertEqual(audit.route("/jobs/0b0c5e48-2d4f-4b8e-9f0e-5b3a7c2d1e0f", "/dicom-web/")[0], "/jobs/{uuid}")
        self.assertEqual(audit.route("/app/Smith^John", "/dicom-web/")[0], "/app/{value}")
        self.assertEqual(audit.route("/tools/find%20x", "/dicom-web/")[0], "/tools/{value}")
        self.assertEqual(audit.route("/", "/dicom-web/")[0], "/")


class Parameters(unittest.TestCase):
    def test_names_only_sorted_once(self):
        self.assertEqual(audit.parameter_names({"PatientName": "Smith^John", "00100020": "MRN1", "limit": "10"}),
                         ["00100020", "PatientName", "limit"])

    def test_odd_names_are_not_kept(self):
        self.assertEqual(audit.parameter_names({"Smith John": "", "a=b": ""}), ["{value}"])
        self.assertEqual(audit.parameter_names(None), [])


class Requester(unittest.TestCase):
    def test_basic_gives_the_user_never_the_password(self):
        self.assertEqual(audit.requester({"authorization": basic("alice", "pa:ss")}), ("alice", "basic"))
        self.assertEqual(audit.requester({"Authorization": "Basic !!!"}), (None, "basic-malformed"))

    def test_bearer_jwt_gives_the_claimed_user(self):
        self.assertEqual(audit.requester({"authorization": jwt({"preferred_username": "dr.who", "sub": "1"})}), ("dr.who", "bearer-jwt"))
        self.assertEqual(audit.requester({"authorization": jwt({"sub": "42"})}), ("42", "bearer-jwt"))
        self.assertEqual(audit.requester({"authorization": "Bearer opaque"}), (None, "bearer"))

    def test_api_keys_and_nothing(self):
        self.assertEqual(audit.requester({"api-key": "k"}), (None, "api-key"))
        self.assertEqual(audit.requester({}), (None, "none"))


class Addresses(unittest.TestCase):
    def test_the_load_balancer_entry_is_the_last(self):
        self.assertEqual(audit.client_address("10.0.1.5", {"x-forwarded-for": "1.2.3.4, 198.51.100.7"}), "198.51.100.7")
        self.assertEqual(audit.client_address("10.0.1.5", {}), "10.0.1.5")


class Lines(unittest.TestCase):
    def test_http_line_resolves_the_most_specific_uid(self):
        asked = []

        def lookup(kind, uid):
            asked.append((kind, uid))
            return "series/" + ID2

        line = audit.http_line(1, "/dicom-web/studies/" + UID + "/series/" + UID + "9/metadata", "10.0.0.9",
                               {"authorization": basic("bob", "x"), "x-forwarded-for": "203.0.113.4"}, {"includefield": "all"},
                               "/dicom-web/", lookup)
        del line["time"]
        self.assertEqual(line, {
            "audit": audit.SCHEMA, "kind": "http", "user": "bob", "authentication": "basic", "clientAddress": "203.0.113.4",
            "peerAddress": "10.0.0.9", "action": "GET /dicom-web/studies/{StudyInstanceUID}/series/{SeriesInstanceUID}/metadata",
            "resource": "series/" + ID2, "query": ["includefield"], "outcome": "authenticated"})
        self.assertEqual(asked, [("SeriesInstanceUID", UID + "9")])

    def test_an_unresolved_uid_names_no_resource(self):
        line = audit.http_line(2, "/dicom-web/studies/" + UID, "10.0.0.9", {"api-key": "k"}, None, "/dicom-web/", lambda kind, uid: None)
        self.assertEqual([line["action"], line["resource"], line["outcome"]], ["POST /dicom-web/studies/{StudyInstanceUID}", None, "received"])

    def test_wado_uri_resolves_its_object_uid(self):
        asked = []
        lookup = lambda kind, uid: asked.append((kind, uid)) or "instances/" + ID
        line = audit.http_line(1, "/wado", "10.0.0.9", {}, {"requestType": "WADO", "studyUID": UID, "objectUID": UID + "8"},
                               "/dicom-web/", lookup, "/wado")
        self.assertEqual([line["action"], line["resource"], line["query"]], ["GET /wado", "instances/" + ID, ["objectUID", "requestType", "studyUID"]])
        self.assertEqual(asked, [("SOPInstanceUID", UID + "8")])
        self.assertNotIn(UID, json.dumps(line))

    def test_stored_lines(self):
        dicom = audit.stored_line(ID, {"Origin": "DicomProtocol", "RemoteAET": "CT1", "CalledAET": "PACS", "RemoteIP": "10.1.2.3"})
        del dicom["time"]
        self.assertEqual(dicom, {"audit": audit.SCHEMA, "kind": "dicom", "user": None, "clientAddress": "10.1.2.3", "action": "C-STORE",
                                 "resource": "instances/" + ID, "outcome": "stored", "callingAet": "CT1", "calledAet": "PACS"})
        rest = audit.stored_line(ID, {"Origin": "RestApi", "HttpUsername": "alice", "RemoteIP": "10.1.2.4"})
        self.assertEqual([rest["kind"], rest["user"], rest["action"]], ["store", "alice", "STORE RestApi"])

    def test_errors_keep_the_type_only(self):
        line = audit.error_line("http", ValueError("Smith^John"))
        self.assertNotIn("Smith", json.dumps(line))
        self.assertEqual(line["outcome"], "ValueError")


class Lookup(unittest.TestCase):
    def test_remembers_found_resources_only(self):
        calls = []

        def find(uid):
            calls.append(uid)
            return [{"ID": ID, "Type": "Study"}] if uid == UID else []

        lookup = audit.UidLookup(find, capacity=1)
        self.assertEqual(lookup("StudyInstanceUID", UID), "studies/" + ID)
        self.assertEqual(lookup("StudyInstanceUID", UID), "studies/" + ID)
        self.assertEqual(lookup("SeriesInstanceUID", UID), None)
        self.assertEqual(lookup("StudyInstanceUID", "1.2"), None)
        self.assertEqual(lookup("StudyInstanceUID", "1.2"), None)
        self.assertEqual(calls, [UID, UID, "1.2", "1.2"])


if __name__ == "__main__":
    unittest.main()
