"""The orgtrust package against the binary it carries: the `orgtrust` fixture, request
verification, the clock, faults, snapshots, fixture choice, the SDK clients."""

import datetime
import urllib.request

import PureCloudPlatformClientV2 as genesys
import pytest
from PureCloudPlatformClientV2.rest import ApiException

import orgtrust as ot
from orgtrust import Emulator, EmulatorError, demo


def test_the_binary_is_the_one_the_wheel_installed():
    assert ot.find_binary().endswith("/bin/orgtrust")


def test_requests_are_filtered_and_counted(orgtrust):
    api = genesys.OrganizationAuthorizationApi(orgtrust.client())
    with pytest.raises(ApiException):
        api.get_orgauthorization_trustee(demo.PARTNER)
    api.get_orgauthorization_trustees(page_size=5)
    assert orgtrust.count_requests() == 3
    assert orgtrust.count_requests("GET", "/api/v2/orgauthorization/trustees/*") == 1
    assert orgtrust.count_requests("GET", "/api/v2/orgauthorization/**", status="2xx") == 1
    assert orgtrust.count_requests(status=404, organization=demo.ACME) == 1
    assert orgtrust.count_requests(query={"pageSize": "5"}) == 1
    assert orgtrust.count_requests(query={"pageSize": None}) == 1
    assert orgtrust.count_requests(query={"pageSize": None, "pageNumber": None}) == 0  # not sent
    assert orgtrust.count_requests(query={"pageSize": "6"}) == 0
    (token,) = orgtrust.requests("POST", "/oauth/token")
    # The token request authenticates no bearer: it names no organization.
    assert token["body"] == "grant_type=client_credentials" and "organization" not in token
    newest = orgtrust.requests(limit=1)
    assert len(newest) == 1 and newest[0]["path"] == "/api/v2/orgauthorization/trustees"


def test_json_bodies_are_matched_and_secrets_redacted(orgtrust):
    acme = genesys.OAuthApi(orgtrust.client())
    acme.post_oauth_clients(
        {"name": "n", "authorizedGrantType": "CLIENT-CREDENTIALS", "secret": "s3cr3t-s3cr3t"}
    )
    (posted,) = orgtrust.requests("POST", "/api/v2/oauth/clients")
    assert "s3cr3t" not in posted["body"] and '"secret":"[redacted]"' in posted["body"]
    assert orgtrust.count_requests(json_paths={"$.name": "n"}) == 1
    assert orgtrust.count_requests(json_paths={"$.secret": "[redacted]"}) == 1
    assert orgtrust.count_requests(json_paths={"$.name": "m"}) == 0
    assert orgtrust.count_requests(body_contains=["authorizedGrantType", "CLIENT-CREDENTIALS"]) == 1


def test_assert_requested_says_what_was_called_instead(orgtrust):
    orgtrust.token()
    orgtrust.assert_requested("POST", "/oauth/token")
    orgtrust.assert_requested(None, None, times=None, at_least=1)
    orgtrust.assert_requested("DELETE", "/api/v2/**", times=0)
    with pytest.raises(AssertionError) as failed:
        orgtrust.assert_requested("DELETE", "/api/v2/orgauthorization/trustees/*", times=1)
    message = str(failed.value)
    assert "expected exactly 1 request(s) DELETE /api/v2/orgauthorization/trustees/*" in message
    assert "found 0" in message and "POST /oauth/token -> 200" in message
    # The module-level form acts on this test's emulator.
    assert ot.count_requests("POST", "/oauth/token") == 1
    ot.assert_requested("POST", "/oauth/token", times=1)


def test_bad_filters_are_refused(orgtrust):
    for bad in ({"path": "no-slash"}, {"status": "6xx"}, {"json_paths": {"trustee.id": 1}}):
        with pytest.raises(EmulatorError) as e:
            orgtrust.count_requests(**bad)
        assert e.value.status == 400 and e.value.body["code"] == "invalid.value"


def test_the_clock_moves_and_is_set(orgtrust):
    start = orgtrust.clock.now()
    moved = orgtrust.clock.advance(datetime.timedelta(hours=2), minutes=30)
    assert datetime.timedelta(hours=2, minutes=29) < moved - start < datetime.timedelta(hours=2, minutes=31)
    target = datetime.datetime(2031, 5, 1, 12, tzinfo=datetime.timezone.utc)
    assert orgtrust.clock.set(target) - target < datetime.timedelta(seconds=5)
    assert orgtrust.clock.offset() > datetime.timedelta(days=300)
    with pytest.raises(ValueError):
        orgtrust.clock.set(datetime.datetime(2031, 5, 1))


def test_faults_fire_and_retire(orgtrust):
    rules = orgtrust.faults.add("/api/v2/organizations/me", method="GET", status=429, count=1)
    assert rules == [{"path": "/api/v2/organizations/me", "method": "GET", "count": 1, "status": 429}]
    api = genesys.OrganizationApi(orgtrust.client())
    # The SDK retries a 429 itself (after Retry-After): the call succeeds on the second request.
    assert api.get_organizations_me().id == demo.ACME
    orgtrust.assert_requested("GET", "/api/v2/organizations/me", times=2)
    orgtrust.assert_requested("GET", "/api/v2/organizations/me", times=1, status=429)
    with pytest.raises(EmulatorError):
        orgtrust.faults.add("/x", status=200)


def test_snapshots_restore_the_state(orgtrust):
    acme = genesys.OrganizationAuthorizationApi(orgtrust.client())
    acme.post_orgauthorization_trustees_default(assign_default_role=True, auto_expire=True)
    taken = orgtrust.snapshot()
    orgtrust.reset()
    acme = genesys.OrganizationAuthorizationApi(orgtrust.client())
    assert acme.get_orgauthorization_trustees().total == 0
    orgtrust.restore(taken)
    acme = genesys.OrganizationAuthorizationApi(orgtrust.client())
    assert acme.get_orgauthorization_trustees().entities[0].id == demo.CARE


def test_sdk_clients_for_a_user_and_a_trustee(orgtrust):
    ann = genesys.UsersApi(orgtrust.user_client(demo.ANN)).get_users_me()
    assert ann.id == demo.ANN.id
    with pytest.raises(EmulatorError):
        orgtrust.trustee_client(demo.CASEY, target=demo.ACME)  # no Customer Care trust yet
    genesys.OrganizationAuthorizationApi(orgtrust.client()).post_orgauthorization_trustees_default(
        assign_default_role=True, auto_expire=False
    )
    casey_in_acme = orgtrust.trustee_client(demo.CASEY, target=demo.ACME)
    assert genesys.OrganizationApi(casey_in_acme).get_organizations_me().id == demo.ACME
    by_email = orgtrust.user_client("pat@partner.example", "Partner-pat-1!", client=demo.PARTNER_ADMIN)
    assert genesys.UsersApi(by_email).get_users_me().id == demo.PAT.id
    with pytest.raises(ValueError):
        orgtrust.user_token("pat@partner.example")


def test_an_organization_reset_leaves_the_others(orgtrust):
    for client in (demo.ACME_ADMIN, demo.PARTNER_ADMIN):
        genesys.OrganizationAuthorizationApi(orgtrust.client(client)).post_orgauthorization_trustees_default(
            assign_default_role=True
        )
    orgtrust.reset(demo.ACME)
    assert genesys.OrganizationAuthorizationApi(orgtrust.client()).get_orgauthorization_trustees().total == 0
    partner = genesys.OrganizationAuthorizationApi(orgtrust.client(demo.PARTNER_ADMIN))
    assert partner.get_orgauthorization_trustees().total == 1


@pytest.mark.orgtrust_fixture("tests/fixtures/acme-only.json")
def test_a_marker_chooses_the_fixture(orgtrust, orgtrust_server):
    assert orgtrust is not orgtrust_server
    assert genesys.OrganizationApi(orgtrust.client()).get_organizations_me().name == "Acme Corp"
    with pytest.raises(EmulatorError):
        orgtrust.token(demo.PARTNER_ADMIN)


def test_the_controls_need_the_operator_token(orgtrust):
    request = urllib.request.Request(orgtrust.base_url + "/_orgtrust/clock")
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(request)
    assert e.value.code == 401
    assert Emulator(orgtrust.base_url, orgtrust.operator_token).clock.offset() == orgtrust.clock.offset()


def test_a_server_started_by_hand_with_its_own_flags():
    with Emulator.start(None, args=["--request-log-entries", "2"]) as e:
        with pytest.raises(EmulatorError):
            e.token()  # no data at all
        for _ in range(3):
            with pytest.raises(EmulatorError):
                e.token()
        assert e.count_requests() == 2
    with pytest.raises(OSError):
        e.clock.now()
