"""The audits of Organization Authorization through the official Python SDK:
`post_orgauthorization_trustees_audits` (the trustor's view) and
`post_orgauthorization_trustor_audits` (the trustee's view), with the typed request models.

The fixture adds trusts to the demo (Acme trusts Partner). Events of trustee users acting in a
trustor cannot be produced through the API yet (cross-organization sessions come with the next
issue), so the module's server runs on a database file into which the trail is written between a
first start (which creates the schema and applies the fixture) and the start the tests talk to;
the database's triggers index the rows for full-text search as for any other insert.
"""

import datetime
import json
import os
import sqlite3
import uuid

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME, PARTNER, ROOT, Server

PAT = "b0000000-0000-4000-8000-000000000031"
SAM = "b0000000-0000-4000-8000-000000000032"
CARE = "c0000000-0000-4000-8000-000000000001"
EMIL = "a0000000-0000-4000-8000-000000000032"
T0 = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.timezone.utc)

# (org, home, actor id, actor name, action, entity type, entity id, entity name, changes, hour)
TRAIL = [
    (ACME, PARTNER, PAT, "Pat Partner", "update", "user", EMIL, "Emil Europe",
     [{"property": "title", "oldValues": ["Analyst"], "newValues": ["Lead"]}], 1),
    (ACME, PARTNER, SAM, "Sam Support", "create", "group", "g-1", "Night Shift", [], 2),
    (ACME, PARTNER, PAT, "Pat Partner", "delete", "group", "g-1", "Night Shift", [], 3),
    # Pat in Customer Care, and Care's Casey in Acme: Acme has no trust with Care.
    (CARE, PARTNER, PAT, "Pat Partner", "update", "user", "u-9", "Casey Care", [], 4),
    (ACME, CARE, "casey", "Casey Care", "update", "user", EMIL, "Emil Europe", [], 5),
]


def write_trail(path):
    ids = []
    with sqlite3.connect(path) as db:
        for org, home, actor, name, action, etype, eid, ename, changes, hour in TRAIL:
            event_id = str(uuid.uuid4())
            ids.append(event_id)
            ts = int((T0 + datetime.timedelta(hours=hour)).timestamp() * 1000)
            db.execute(
                "INSERT INTO audit_events (id, timestamp, org_id, home_org_id, actor_kind, actor_id, actor_name,"
                " client_id, action, entity_type, entity_id, entity_name, changes, correlation_id, remote_ip)"
                " VALUES (?, ?, ?, ?, 'user', ?, ?, 'partner-admin', ?, ?, ?, ?, ?, ?, '127.0.0.1')",
                (event_id, ts, org, home, actor, name, action, etype, eid, ename, json.dumps(changes),
                 "corr-" + event_id),
            )
    return ids


@pytest.fixture(scope="module")
def trust_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("audits")
    with open(os.path.join(ROOT, "fixtures", "demo.json")) as f:
        doc = json.load(f)
    doc["trusts"] = [{"trustor": "Acme Corp", "trustee": "Partner Co"}]
    fixture = tmp / "fixture.json"
    fixture.write_text(json.dumps(doc))
    database = tmp / "audits.db"
    first = Server(fixture=str(fixture), database=f"sqlite://{database}")
    first.stop()
    ids = write_trail(str(database))
    s = Server(fixture=str(fixture), database=f"sqlite://{database}")
    s.trail = ids
    yield s
    s.stop()


@pytest.fixture
def acme_api(trust_server):
    return genesys.OrganizationAuthorizationApi(trust_server.client("acme-admin", "acme-admin-secret"))


@pytest.fixture
def partner_api(trust_server):
    return genesys.OrganizationAuthorizationApi(trust_server.client("partner-admin", "partner-admin-secret"))


def facet(name, kind):
    f = genesys.Facet()
    f.name = name
    f.type = kind
    return f


def flt(name, kind, operator, values):
    f = genesys.Filter()
    f.name = name
    f.type = kind
    f.operator = operator
    f.values = values
    return f


def ids_of(result):
    return [m["id"] for m in result["auditMessages"]]


@pytest.mark.seed("002", "post_orgauthorization_trustees_audits")
def test_trustee_audits_with_the_sdk(trust_server, acme_api):
    ids = trust_server.trail
    body = genesys.TrusteeAuditQueryRequest()
    body.trustee_organization_ids = [PARTNER]
    body.trustee_user_ids = []
    body.facets = [facet("action", "STRING")]
    result = acme_api.post_orgauthorization_trustees_audits(
        body, page_size=25, page_number=1, sort_by="timestamp", sort_order="descending")
    assert isinstance(result, dict)
    assert ids_of(result) == [ids[2], ids[1], ids[0]]
    assert (result["pageNumber"], result["pageSize"], result["total"], result["pageCount"]) == (1, 25, 3, 1)
    assert result["facetInfo"] == [{"name": "action", "entries": [
        {"value": "create", "count": 1}, {"value": "delete", "count": 1}, {"value": "update", "count": 1}]}]
    oldest = result["auditMessages"][2]
    assert oldest["user"] == {"id": PAT, "name": "Pat Partner", "display": "Pat Partner (Partner Co)"}
    assert (oldest["level"], oldest["status"], oldest["serviceName"]) == ("USER", "SUCCESS", "orgtrust")
    assert oldest["timestamp"] == "2026-11-20T11:00:00.000Z"
    assert oldest["entity"] == {"type": "user", "id": EMIL, "name": "Emil Europe",
                                "selfUri": f"/api/v2/users/{EMIL}"}
    assert oldest["changes"] == [{"property": "title", "oldValues": ["Analyst"], "newValues": ["Lead"]}]


def test_trustee_audits_filters_and_phrase(trust_server, acme_api):
    ids = trust_server.trail
    body = genesys.TrusteeAuditQueryRequest()
    body.trustee_organization_ids = [PARTNER]
    body.trustee_user_ids = [PAT]
    body.filters = [flt("entityType", "STRING", "eq", ["group"])]
    assert ids_of(acme_api.post_orgauthorization_trustees_audits(body)) == [ids[2]]
    body.filters = None
    body.query_phrase = "emil"
    # Casey's event in Acme also names Emil, but Care is no trustee of Acme.
    assert ids_of(acme_api.post_orgauthorization_trustees_audits(body)) == [ids[0]]


@pytest.mark.seed("002", "post_orgauthorization_trustor_audits")
def test_trustor_audits_with_the_sdk(trust_server, partner_api):
    ids = trust_server.trail
    body = genesys.TrustorAuditQueryRequest()
    body.trustor_organization_id = ACME
    body.trustee_user_ids = [PAT]
    result = partner_api.post_orgauthorization_trustor_audits(body, sort_order="ascending")
    assert ids_of(result) == [ids[0], ids[2]]
    assert result["total"] == 2
    # Dates as the SDK sends them (datetime.isoformat()), inclusive.
    body.trustee_user_ids = []
    body.start_date = T0 + datetime.timedelta(hours=2)
    body.end_date = T0 + datetime.timedelta(hours=3)
    body.facets = [facet("timestamp", "DATE")]
    result = partner_api.post_orgauthorization_trustor_audits(body, page_size=1, page_number=2)
    assert ids_of(result) == [ids[1]]
    assert (result["total"], result["pageCount"]) == (2, 2)
    assert result["facetInfo"] == [{"name": "timestamp", "entries": [{"value": "2026-11-20", "count": 2}]}]


def test_no_trust_no_audits(acme_api, partner_api):
    body = genesys.TrusteeAuditQueryRequest()
    body.trustee_organization_ids = [CARE]
    body.trustee_user_ids = []
    with pytest.raises(ApiException) as e:
        acme_api.post_orgauthorization_trustees_audits(body)
    assert e.value.status == 400
    assert '"code":"invalid.value"' in e.value.body
    assert CARE in e.value.body
    trustor = genesys.TrustorAuditQueryRequest()
    trustor.trustor_organization_id = CARE
    trustor.trustee_user_ids = []
    with pytest.raises(ApiException) as e:
        partner_api.post_orgauthorization_trustor_audits(trustor)
    assert e.value.status == 400


def test_bad_sort_is_refused(acme_api):
    body = genesys.TrusteeAuditQueryRequest()
    body.trustee_organization_ids = [PARTNER]
    body.trustee_user_ids = []
    with pytest.raises(ApiException) as e:
        acme_api.post_orgauthorization_trustees_audits(body, sort_by="action")
    assert e.value.status == 400
    assert '"code":"invalid.value"' in e.value.body
