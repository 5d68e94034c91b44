"""Trust that works, through the official Python SDK: a trustee user signs in to the trustor
(`grant_type=password&target=<trustorOrgId>`, or the RFC 8693 exchange of a home token; the SDK
has no helper for either, so the token is fetched and handed to an ApiClient), then acts there
with the trust's roles and nothing more, and only while the trust stands."""

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME, PARTNER

CARE = "c0000000-0000-4000-8000-000000000001"
PAT = "b0000000-0000-4000-8000-000000000031"
ANN = "a0000000-0000-4000-8000-000000000031"
USER_VIEWER = "a0000000-0000-4000-8000-000000000022"
TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token"


def token_request(server, form, client=("partner-admin", "partner-admin-secret")):
    """POST /oauth/token; (status, JSON answer)."""
    req = urllib.request.Request(server.base + "/oauth/token", data=urllib.parse.urlencode(form).encode())
    if client:
        req.add_header("Authorization", "Basic " + base64.b64encode(":".join(client).encode()).decode())
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def sdk_client(server, access_token):
    client = genesys.api_client.ApiClient(host=server.base)
    client.access_token = access_token
    return client


def model(cls, **fields):
    obj = cls()
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


PAT_LOGIN = {"grant_type": "password", "username": "pat@partner.example", "password": "Partner-pat-1!"}


@pytest.mark.seed("002", "post_orgauthorization_trustees", "put_orgauthorization_trustee")
def test_a_trustee_user_acts_in_the_trustor_only_while_the_trust_stands(server, acme, partner):
    acme_api = genesys.OrganizationAuthorizationApi(acme)
    pairing = genesys.OrganizationAuthorizationApi(partner).post_orgauthorization_pairings(
        model(genesys.TrustRequestCreate, user_ids=[PAT]))
    acme_api.post_orgauthorization_trustees(model(
        genesys.TrustCreate, pairing_id=pairing.id, enabled=True,
        users=[model(genesys.TrustMemberCreate, id=PAT, role_ids=[USER_VIEWER])],
    ))
    try:
        # Password grant with the trustor as target.
        status, answer = token_request(server, {**PAT_LOGIN, "target": ACME})
        assert status == 200, answer
        by_password = sdk_client(server, answer["access_token"])
        # The RFC 8693 exchange of Pat's home token.
        status, home = token_request(server, PAT_LOGIN)
        assert status == 200, home
        status, exchanged = token_request(server, {
            "grant_type": TOKEN_EXCHANGE, "subject_token": home["access_token"],
            "subject_token_type": ACCESS_TOKEN, "target": ACME,
        })
        assert status == 200, exchanged
        assert exchanged["issued_token_type"] == ACCESS_TOKEN
        by_exchange = sdk_client(server, exchanged["access_token"])

        for pat in (by_password, by_exchange):
            info = genesys.TokensApi(pat).get_tokens_me()
            assert (info.organization.id, info.home_organization.id) == (ACME, PARTNER)
            assert genesys.OrganizationApi(pat).get_organizations_me().id == ACME
            # User Viewer through the trust: Acme's users are visible, nothing may be written.
            users = genesys.UsersApi(pat).get_users(page_size=100)
            assert ANN in [u.id for u in users.entities]
            with pytest.raises(ApiException) as e:
                genesys.GroupsApi(pat).post_groups(model(genesys.GroupCreate, name="Pat's", type="official",
                                                          visibility="public"))
            assert e.value.status == 403
            assert json.loads(e.value.body)["code"] == "missing.any.permissions"

        # No trust with Customer Care: no token for it.
        status, answer = token_request(server, {**PAT_LOGIN, "target": CARE})
        assert status == 400 and answer["error"] == "invalid_grant"

        # A disabled trust ends both sessions at once.
        acme_api.put_orgauthorization_trustee(PARTNER, model(genesys.TrustUpdate, enabled=False))
        for pat in (by_password, by_exchange):
            with pytest.raises(ApiException) as e:
                genesys.OrganizationApi(pat).get_organizations_me()
            assert e.value.status == 401
        status, answer = token_request(server, {**PAT_LOGIN, "target": ACME})
        assert status == 400, answer
    finally:
        acme_api.delete_orgauthorization_trustee(PARTNER)
