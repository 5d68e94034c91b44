"""The example script's tests, on the orgtrust pytest plugin: each test gets the `orgtrust`
fixture, an emulator reset to the demo data (one server per session, per xdist worker)."""

import datetime

import pytest
from orgtrust import EmulatorError, assert_requested, demo

import manage_trust


def test_a_trust_is_made_listed_and_removed(orgtrust):
    acme, partner = orgtrust.client(demo.ACME_ADMIN), orgtrust.client(demo.PARTNER_ADMIN)
    pairing = manage_trust.pair(partner, [demo.PAT.id])
    trustee = manage_trust.trust(acme, pairing, demo.PAT.id, demo.ACME_USER_VIEWER_ROLE)
    assert trustee == demo.PARTNER
    assert manage_trust.list_trustees(acme) == [manage_trust.Trustee(demo.PARTNER, "Partner Co", True)]

    # Pat now signs in to Acme as a trustee user.
    orgtrust.trustee_client(demo.PAT, target=demo.ACME)

    manage_trust.remove(acme, trustee)
    assert manage_trust.list_trustees(acme) == []
    # Verified as WireMock's verify would: exactly one DELETE of a trustee, by Acme, answered 204.
    orgtrust.assert_requested(
        "DELETE", "/api/v2/orgauthorization/trustees/*", times=1, status=204, organization=demo.ACME
    )
    # The trust was created from the pairing: its JSON body says so.
    created = orgtrust.assert_requested(
        "POST", "/api/v2/orgauthorization/trustees", json_paths={"$.pairingId": pairing, "$.enabled": True}
    )
    assert created[0]["status"] == 200
    # The trustee sign-in is logged with its password redacted.
    (signed_in,) = orgtrust.requests("POST", "/oauth/token", body_contains="target=")
    assert demo.PAT.password not in signed_in["body"] and "password=%5Bredacted%5D" in signed_in["body"]


@pytest.mark.usefixtures("orgtrust")
def test_the_module_level_helper_verifies_the_running_tests_emulator():
    # `orgtrust.assert_requested(...)` (imported here) acts on the emulator the fixture gave this test.
    acme = manage_trust.genesys.api_client.ApiClient(host=orgtrust_base())
    acme = acme.get_client_credentials_token(demo.ACME_ADMIN.id, demo.ACME_ADMIN.secret)
    assert manage_trust.list_trustees(acme) == []
    assert_requested("POST", "/oauth/token", times=1, body_contains="grant_type=client_credentials")
    assert_requested("GET", "/api/v2/orgauthorization/**", times=1)
    assert_requested("DELETE", "/api/v2/**", times=0)
    with pytest.raises(AssertionError, match="expected exactly 2 request"):
        assert_requested("GET", "/api/v2/orgauthorization/trustees", times=2)


def orgtrust_base():
    """The running test's emulator's URL, from the module-level API."""
    import orgtrust

    return orgtrust.current().base_url


def test_the_customer_care_trust_expires_after_30_days(orgtrust):
    acme = orgtrust.client()
    expires = datetime.datetime.fromisoformat(manage_trust.grant_customer_care(acme).replace("Z", "+00:00"))
    now = orgtrust.clock.now()
    assert datetime.timedelta(days=29) < expires - now <= datetime.timedelta(days=30, minutes=1)
    # Casey (Customer Care) acts in Acme while the trust stands...
    orgtrust.trustee_client(demo.CASEY, target=demo.ACME)

    orgtrust.clock.advance(days=31)
    # ...and no more once the emulated month has passed.
    with pytest.raises(EmulatorError) as refused:
        orgtrust.user_token(demo.CASEY, target=demo.ACME)
    assert refused.value.status in (400, 401, 403)
    assert orgtrust.clock.now() > expires


def test_a_busy_trustee_listing_is_retried(orgtrust):
    acme = orgtrust.client()
    manage_trust.grant_customer_care(acme)
    orgtrust.faults.add("/api/v2/orgauthorization/trustees", method="GET", status=503, count=2)

    assert [t.id for t in manage_trust.list_trustees(acme, attempts=3)] == [demo.CARE]
    # Two refused, the third answered.
    orgtrust.assert_requested("GET", "/api/v2/orgauthorization/trustees", times=2, status=503)
    orgtrust.assert_requested("GET", "/api/v2/orgauthorization/trustees", times=1, status=200)
    assert orgtrust.faults.list() == []


def test_a_listing_that_stays_down_fails_after_its_attempts(orgtrust):
    acme = orgtrust.client()
    orgtrust.faults.add("/api/v2/orgauthorization/trustees", method="GET", status=503)
    with pytest.raises(manage_trust.TrusteeListingError):
        manage_trust.list_trustees(acme, attempts=2)
    orgtrust.assert_requested("GET", "/api/v2/orgauthorization/trustees", times=2, status="5xx")


def test_each_test_starts_from_the_fixture(orgtrust):
    # The trusts, faults and clock moves of the other tests are gone.
    assert manage_trust.list_trustees(orgtrust.client()) == []
    assert orgtrust.faults.list() == []
    assert abs(orgtrust.clock.offset()) < datetime.timedelta(seconds=5)
    # Only this test's requests are logged: the token request and the listing.
    assert orgtrust.count_requests() == 2
