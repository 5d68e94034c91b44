"""The emulator controls (`orgtrust serve --emulator`) seen through the official Python SDK: the
clock moved a month expires the Customer Care trust and its users are refused; fault rules make
the SDK see the configured status (a Genesys ErrorBody) and latency; `--seed` makes generated ids
the same from run to run. The controls themselves are plain HTTP under /_orgtrust/."""

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME, Server

CARE_CLIENT = ("care-admin", "care-admin-secret")
CASEY = ("casey@care.example", "Care-casey-1!")


def control(server, method, path, body=None):
    """A call to an emulator control; (status, decoded JSON or None)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(server.base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req) as resp:
            raw = resp.read()
            return resp.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def password_token(server, client, username, password, target=None):
    form = {"grant_type": "password", "username": username, "password": password}
    if target:
        form["target"] = target
    req = urllib.request.Request(server.base + "/oauth/token", data=urllib.parse.urlencode(form).encode())
    req.add_header("Authorization", "Basic " + base64.b64encode(f"{client[0]}:{client[1]}".encode()).decode())
    try:
        with urllib.request.urlopen(req) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def casey(server):
    status, body = password_token(server, CARE_CLIENT, *CASEY)
    assert status == 200, body
    client = genesys.api_client.ApiClient(host=server.base)
    client.access_token = body["access_token"]
    return client


@pytest.fixture(autouse=True)
def fresh(emulator):
    """Every test starts from the fixture, with no fault rules."""
    assert control(emulator, "POST", "/_orgtrust/reset")[0] == 204
    assert control(emulator, "DELETE", "/_orgtrust/faults")[0] == 204


def test_a_month_later_the_care_trust_has_expired_and_its_users_are_refused(emulator):
    acme = genesys.OrganizationAuthorizationApi(emulator.client("acme-admin", "acme-admin-secret"))
    trust = acme.post_orgauthorization_trustees_default(assign_default_role=True, auto_expire=True)
    assert trust.date_expired is not None
    # Before: Casey (Customer Care) sees what the trust grants in Acme.
    seen = genesys.OrganizationAuthorizationApi(casey(emulator)).get_orgauthorization_trustor(ACME)
    assert "directory:user:view" in seen.authorization.permissions
    assert password_token(emulator, CARE_CLIENT, *CASEY, target=ACME)[0] == 200

    status, clock = control(emulator, "POST", "/_orgtrust/clock/advance", {"seconds": 31 * 86400})
    assert status == 200 and clock["offsetSeconds"] >= 31 * 86400

    # After: the trust is past its 30 days; Casey is refused in Acme.
    seen = genesys.OrganizationAuthorizationApi(casey(emulator)).get_orgauthorization_trustor(ACME)
    assert not seen.authorization.permissions
    status, body = password_token(emulator, CARE_CLIENT, *CASEY, target=ACME)
    assert status != 200, body
    acme = genesys.OrganizationAuthorizationApi(emulator.client("acme-admin", "acme-admin-secret"))
    assert acme.get_orgauthorization_trustees_default().date_expired == trust.date_expired
    control(emulator, "POST", "/_orgtrust/clock/advance", {"seconds": -31 * 86400})


def test_fault_rules_reach_the_sdk_as_status_and_latency(emulator):
    api = genesys.OrganizationApi(emulator.client("acme-admin", "acme-admin-secret"))
    status, rules = control(emulator, "POST", "/_orgtrust/faults", {"rules": [
        {"path": "/api/v2/organizations/me", "method": "GET", "count": 1, "status": 503},
        {"path": "/api/v2/organizations/*", "method": "GET", "count": 1, "latencyMs": 400},
    ]})
    assert status == 200 and len(rules["rules"]) == 2
    with pytest.raises(ApiException) as failed:
        api.get_organizations_me()
    assert failed.value.status == 503
    body = json.loads(failed.value.body)
    assert body["code"] == "service.unavailable" and body["status"] == 503
    assert body["contextId"]
    started = time.monotonic()
    assert api.get_organizations_me().id == ACME
    assert time.monotonic() - started >= 0.4
    started = time.monotonic()
    api.get_organizations_me()
    assert time.monotonic() - started < 0.4

    status, log = control(emulator, "GET", "/_orgtrust/requests?limit=3")
    assert status == 200
    assert [e["status"] for e in log["entities"]] == [200, 200, 503]
    assert [e.get("organization") for e in log["entities"]] == [ACME, ACME, None]  # faulted before auth


def test_a_seed_makes_generated_ids_repeat():
    def run(seed):
        s = Server(extra_args=["--seed", str(seed)] if seed is not None else [])
        try:
            users = genesys.UsersApi(s.client("acme-admin", "acme-admin-secret"))
            body = genesys.CreateUser()
            body.name, body.email = "Zoe", "zoe@acme.example"
            made = users.post_users(body)
            return made.id
        finally:
            s.stop()

    first, second = run(7), run(7)
    assert first == second
    assert run(8) != first


EMIL = ("emil@acme.example", "Acme-emea-1!")
ACME_USER_VIEWER_ROLE = "a0000000-0000-4000-8000-000000000022"


def emil(server):
    status, body = password_token(server, ("acme-admin", "acme-admin-secret"), *EMIL)
    assert status == 200, body
    client = genesys.api_client.ApiClient(host=server.base)
    client.access_token = body["access_token"]
    return client


def test_a_refusal_explains_in_details_which_grants_were_considered_and_why_none_matched(emulator):
    api = genesys.OrganizationAuthorizationApi(emil(emulator))
    with pytest.raises(ApiException) as refused:
        api.get_orgauthorization_trustees()
    assert refused.value.status == 403
    body = json.loads(refused.value.body)
    assert body["code"] == "missing.any.permissions"
    summary, *grants = body["details"]
    assert summary["errorCode"] == "why.refused"
    assert summary["fieldName"].startswith("ANY [authorization:orgTrustee:view")
    assert summary["entityId"] == ACME
    assert "user Emil Europe" in summary["entityName"]
    # Emil's one grant: User Viewer in EMEA, which does not cover the permission.
    assert [(g["errorCode"], g["entityId"], g["entityName"]) for g in grants] == [
        ("why.permission.not.covered", ACME_USER_VIEWER_ROLE, "User Viewer")
    ]
    assert "(EMEA)" in grants[0]["fieldName"]


def test_outside_emulator_mode_a_refusal_carries_no_explanation(server):
    api = genesys.OrganizationAuthorizationApi(emil(server))
    with pytest.raises(ApiException) as refused:
        api.get_orgauthorization_trustees()
    assert refused.value.status == 403
    assert json.loads(refused.value.body)["details"] == []


def test_a_snapshot_exported_changed_and_imported_is_what_the_sdk_sees(emulator):
    status, doc = control(emulator, "GET", "/_orgtrust/snapshot")
    assert status == 200 and doc["snapshotVersion"] == 1
    assert "acme-admin-secret" not in json.dumps(doc)
    # A user created after the export is gone after the import; the document's change is there.
    users = genesys.UsersApi(emulator.client("acme-admin", "acme-admin-secret"))
    body = genesys.CreateUser()
    body.name, body.email = "Late Larry", "larry@acme.example"
    larry = users.post_users(body)
    acme = next(o for o in doc["organizations"] if o["id"] == ACME)
    acme["name"] = "Acme Restored"
    assert control(emulator, "POST", "/_orgtrust/snapshot", doc)[0] == 204
    # The old token went with the old state.
    with pytest.raises(ApiException) as refused:
        users.get_user(larry.id)
    assert refused.value.status == 401
    client = emulator.client("acme-admin", "acme-admin-secret")
    assert genesys.OrganizationApi(client).get_organizations_me().name == "Acme Restored"
    with pytest.raises(ApiException) as gone:
        genesys.UsersApi(client).get_user(larry.id)
    assert gone.value.status == 404
    # A broken document is refused whole, naming where.
    acme["divisions"] = []
    status, error = control(emulator, "POST", "/_orgtrust/snapshot", doc)
    assert status == 400 and "divisions" in error["message"], error
    assert genesys.OrganizationApi(client).get_organizations_me().name == "Acme Restored"
