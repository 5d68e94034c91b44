"""What the Python SDK really puts on the wire, and what the server must make of it, observed
through a recording proxy (`WireRecorder`): list parameters comma-joined into one value, dates
from `datetime.isoformat()` without a zone, enum values the SDK does not know (a newer service)
sent back on a read-modify-write, and the SDK's silent retry of a POST refused with 429."""

import datetime
import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME, PARTNER, ROOT, Server, WireRecorder, generic

CARE = "c0000000-0000-4000-8000-000000000001"
PAT = "b0000000-0000-4000-8000-000000000031"
USER_VIEWER = "a0000000-0000-4000-8000-000000000022"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo data plus an Acme operator who may implement limit change requests."""
    with open(f"{ROOT}/fixtures/demo.json") as f:
        doc = json.load(f)
    acme = next(o for o in doc["organizations"] if o["name"] == "Acme Corp")
    acme["roles"].append({"name": "Operator", "permissions": ["*", "internal:*:*"]})
    acme["oauthClients"].append(
        {"id": "acme-operator", "secret": "acme-operator-secret", "name": "Acme operator", "roles": ["Operator"]}
    )
    fixture = tmp_path_factory.mktemp("wire") / "fixture.json"
    fixture.write_text(json.dumps(doc))
    s = Server(fixture=str(fixture))
    yield s
    s.stop()


@pytest.fixture
def wire(server):
    w = WireRecorder(server)
    yield w
    w.close()


def token(server, client_id, secret):
    return server.client(client_id, secret).access_token


def model(cls, **fields):
    obj = cls()
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


def make_partner_trust(server):
    partner = genesys.OrganizationAuthorizationApi(server.client("partner-admin", "partner-admin-secret"))
    pairing = partner.post_orgauthorization_pairings(model(genesys.TrustRequestCreate, user_ids=[PAT]))
    acme = genesys.OrganizationAuthorizationApi(server.client("acme-admin", "acme-admin-secret"))
    return acme.post_orgauthorization_trustees(model(
        genesys.TrustCreate, pairing_id=pairing.id, enabled=True,
        users=[model(genesys.TrustMemberCreate, id=PAT, role_ids=[USER_VIEWER])],
    ))


@pytest.mark.seed("002", "delete_orgauthorization_trustees")
def test_list_parameters_are_sent_comma_joined(server, wire):
    make_partner_trust(server)
    acme = genesys.OrganizationAuthorizationApi(wire.client(token(server, "acme-admin", "acme-admin-secret")))
    acme.post_orgauthorization_trustees_default()
    assert acme.get_orgauthorization_trustees().total == 2
    acme.delete_orgauthorization_trustees([PARTNER, CARE])
    sent = [r for r in wire.seen if r["method"] == "DELETE"]
    assert len(sent) == 1
    url = urllib.parse.urlsplit(sent[0]["path"])
    assert url.path == "/api/v2/orgauthorization/trustees"
    # One `id` parameter holding both ids joined by a comma, not `id=a&id=b`.
    assert urllib.parse.parse_qs(url.query) == {"id": [f"{PARTNER},{CARE}"]}
    assert sent[0]["status"] == 204
    assert acme.get_orgauthorization_trustees().total == 0


@pytest.mark.seed("002", "put_orgauthorization_trustee")
def test_isoformat_dates_without_a_zone_are_utc(server, wire):
    make_partner_trust(server)
    acme = genesys.OrganizationAuthorizationApi(wire.client(token(server, "acme-admin", "acme-admin-secret")))
    try:
        # A naive datetime, as most Python code has them; the SDK sends `isoformat()` verbatim.
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        naive = (now + datetime.timedelta(days=2)).replace(microsecond=123456)
        updated = acme.put_orgauthorization_trustee(PARTNER, model(genesys.TrustUpdate, enabled=True, date_expired=naive))
        put = [r for r in wire.seen if r["method"] == "PUT"][0]
        sent = json.loads(put["body"])["dateExpired"]
        assert sent == naive.isoformat() and not sent.endswith("Z") and "+" not in sent
        assert put["status"] == 200
        # Read as UTC, kept to the millisecond, answered with the zone.
        assert updated.date_expired == naive.replace(microsecond=123000, tzinfo=datetime.timezone.utc)
        again = acme.get_orgauthorization_trustee(PARTNER)
        assert again.date_expired == updated.date_expired
        # Without fractional seconds too (isoformat() drops them when zero).
        whole = naive.replace(microsecond=0)
        assert "." not in whole.isoformat()
        updated = acme.put_orgauthorization_trustee(PARTNER, model(genesys.TrustUpdate, enabled=True, date_expired=whole))
        assert updated.date_expired == whole.replace(tzinfo=datetime.timezone.utc)
    finally:
        acme.delete_orgauthorization_trustee(PARTNER)


@pytest.mark.seed("004", "getOrganizationsMe", "putOrganizationsMe")
def test_unknown_enum_values_are_tolerated_and_sent_back(server):
    def newer_service(method, path, status, body):
        # A newer service than SDK 269 knows: new values of two enums of Organization.
        if method == "GET" and path == "/api/v2/organizations/me" and status == 200:
            doc = json.loads(body)
            doc["state"] = "suspendedForAudit"
            doc["productPlatform"] = "GenesysCloudNext"
            return json.dumps(doc).encode()
        return body

    wire = WireRecorder(server, rewrite=newer_service)
    try:
        api = genesys.OrganizationApi(wire.client(token(server, "acme-admin", "acme-admin-secret")))
        org = api.get_organizations_me()
        assert (org.state, org.product_platform) == ("outdated_sdk_version", "outdated_sdk_version")
        assert (org.id, org.name) == (ACME, "Acme Corp")
        # A read-modify-write sends the placeholders back in read-only fields: still accepted.
        org.name = "Acme Next"
        updated = api.put_organizations_me(body=org)
        put = [r for r in wire.seen if r["method"] == "PUT"][0]
        assert json.loads(put["body"])["state"] == "outdated_sdk_version"
        assert put["status"] == 200
        assert (updated.name, updated.state, updated.product_platform) == ("Acme Next", "active", "GenesysCloud")
        assert updated.version == org.version + 1
    finally:
        wire.close()


def lower_token_rate(server, per_minute):
    """An implemented limit change request: Acme's client-credentials tokens get `per_minute`."""
    operator = server.client("acme-operator", "acme-operator-secret")
    created = generic(operator, "POST", "/api/v2/organizations/limits/changerequests", body={
        "key": "client.credentials.token.rate.per.minute", "namespace": "platform.api",
        "requestedValue": per_minute, "description": "conformance: provoke a 429", "supportCaseUrl": "https://support.example/429",
    })
    for status in ["Pending", "Approved", "ImplementingChange", "ChangeImplemented"]:
        generic(operator, "PATCH", "/api/v2/organizations/limits/changerequests/{requestId}",
                path_params={"requestId": created["id"]}, body={"status": status})


def exhaust(server, bearer):
    """Spends the token's quota for the current minute with plain requests (no SDK, no retry),
    early enough in the minute that the next request is refused too; answers Retry-After."""
    while True:
        req = urllib.request.Request(server.base + "/api/v2/organizations/me",
                                     headers={"Authorization": f"Bearer {bearer}"})
        try:
            urllib.request.urlopen(req)
        except urllib.error.HTTPError as e:
            assert e.code == 429
            body = json.loads(e.read())
            assert body["code"] == "too.many.requests.retry.after"
            retry_after = int(e.headers["Retry-After"])
            if retry_after > 2:
                return retry_after
            time.sleep(retry_after + 0.5)  # the window is about to turn: start in the next one


@pytest.mark.seed("002", "post_orgauthorization_trustees_default")
def test_the_sdk_silently_retries_a_refused_post_without_a_duplicate(server, wire):
    # Last in the module: it lowers Acme's rate for every later Acme token.
    lower_token_rate(server, 5)
    bearer = token(server, "acme-admin", "acme-admin-secret")
    retry_after = exhaust(server, bearer)
    acme = genesys.OrganizationAuthorizationApi(wire.client(bearer))
    started = time.monotonic()
    # Refused with 429 first; urllib3 (inside the SDK) waits Retry-After and sends it again.
    care = acme.post_orgauthorization_trustees_default(assign_default_role=True)
    assert time.monotonic() - started >= retry_after - 1.5
    assert care.id == CARE and care.uses_default_role is True
    posts = [r for r in wire.seen if r["method"] == "POST"]
    assert [r["status"] for r in posts] == [429, 200]
    assert posts[0]["body"] == posts[1]["body"]
    # The refused attempt did nothing: a second Care trust would have made the retry a 409.
    listing = acme.get_orgauthorization_trustees()
    assert [t.id for t in listing.entities] == [CARE]
    with pytest.raises(ApiException) as e:
        genesys.OrganizationAuthorizationApi(server.client("acme-admin", "acme-admin-secret")).post_orgauthorization_trustees_default()
    assert e.value.status == 409
