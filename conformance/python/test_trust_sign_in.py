"""Trustee users acting in the trustor through the official Python SDK: Pat (Partner Co) gets a
token for Acme Corp from the token endpoint (`grant_type=password&target=<acme id>`, which the SDK
has no method for, so the form is posted here and the token handed to an ApiClient), then typed
SDK calls with it. Also the RFC 8693 exchange, divisions across organizations, revocation and
clones.
"""

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME, PARTNER

PAT = "b0000000-0000-4000-8000-000000000031"
SUPPORT = "b0000000-0000-4000-8000-000000000041"
ANN = "a0000000-0000-4000-8000-000000000031"
EMIL = "a0000000-0000-4000-8000-000000000032"
USER_VIEWER = "a0000000-0000-4000-8000-000000000022"
EMEA = "a0000000-0000-4000-8000-000000000012"
PARTNER_CLIENT = ("partner-admin", "partner-admin-secret")
EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"


def model(cls, **fields):
    obj = cls()
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


def token_request(server, form, client=PARTNER_CLIENT):
    """POST /oauth/token; (status, JSON body)."""
    req = urllib.request.Request(server.base + "/oauth/token", data=urllib.parse.urlencode(form).encode())
    if client:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{client[0]}:{client[1]}".encode()).decode())
    try:
        with urllib.request.urlopen(req) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def sdk_client(server, token):
    client = genesys.api_client.ApiClient(host=server.base)
    client.access_token = token
    return client


def signed_in(server, username, password, target=None):
    form = {"grant_type": "password", "username": username, "password": password}
    if target:
        form["target"] = target
    status, body = token_request(server, form)
    assert status == 200, body
    return sdk_client(server, body["access_token"])


def code_of(exc):
    return json.loads(exc.body)["code"]


@pytest.fixture(scope="module")
def trust(server):
    """Acme trusts Partner: Pat holds User Viewer everywhere, Partner Support in EMEA."""
    acme = server.client("acme-admin", "acme-admin-secret")
    partner = server.client("partner-admin", "partner-admin-secret")
    partner_api = genesys.OrganizationAuthorizationApi(partner)
    acme_api = genesys.OrganizationAuthorizationApi(acme)
    pairing = partner_api.post_orgauthorization_pairings(
        model(genesys.TrustRequestCreate, user_ids=[PAT], group_ids=[SUPPORT])
    )
    acme_api.post_orgauthorization_trustees(model(
        genesys.TrustCreate,
        pairing_id=pairing.id,
        enabled=True,
        users=[model(genesys.TrustMemberCreate, id=PAT, role_ids=[USER_VIEWER])],
        groups=[model(
            genesys.TrustMemberCreate,
            id=SUPPORT,
            role_divisions=model(genesys.RoleDivisionGrants, grants=[
                model(genesys.RoleDivisionPair, role_id=USER_VIEWER, division_id=EMEA)
            ]),
        )],
    ))
    return acme_api, partner_api


def test_pat_signs_in_to_acme_and_uses_the_sdk_there(server, trust):
    pat_in_acme = signed_in(server, "pat@partner.example", "Partner-pat-1!", target=ACME)

    users = genesys.UsersApi(pat_in_acme).get_users()
    assert isinstance(users, genesys.UserEntityListing)
    assert sorted(u.name for u in users.entities) == ["Ann Admin", "Emil Europe"]
    assert all(isinstance(u, genesys.User) for u in users.entities)

    me = genesys.TokensApi(pat_in_acme).get_tokens_me()
    assert isinstance(me, genesys.TokenInfo)
    assert me.organization.id == ACME and me.organization.name == "Acme Corp"
    assert me.home_organization.id == PARTNER and me.home_organization.name == "Partner Co"
    assert me.cloned_user is None

    # Pat's home Admin role does not travel: no writes in Acme.
    with pytest.raises(ApiException) as e:
        genesys.UsersApi(pat_in_acme).post_users(
            model(genesys.CreateUser, name="Mallory", email="mallory@acme.example")
        )
    assert e.value.status == 403 and code_of(e.value) == "missing.any.permissions"

    # From home, Pat reads what it holds in Acme.
    pat_home = signed_in(server, "pat@partner.example", "Partner-pat-1!")
    trustor = genesys.OrganizationAuthorizationApi(pat_home).get_orgauthorization_trustor(ACME)
    assert isinstance(trustor, genesys.Trustor)
    assert trustor.organization.id == ACME
    assert trustor.authorization.permissions == ["directory:group:view", "directory:user:view"]


def test_token_exchange_and_divisions_across_organizations(server, trust):
    sam_home = signed_in(server, "sam@partner.example", "Partner-sam-1!")
    status, body = token_request(
        server,
        {"grant_type": EXCHANGE, "subject_token": sam_home.access_token, "audience": ACME},
        client=None,
    )
    assert status == 200, body
    assert body["issued_token_type"] == "urn:ietf:params:oauth:token-type:access_token"
    sam_in_acme = sdk_client(server, body["access_token"])
    users = genesys.UsersApi(sam_in_acme).get_users()
    assert [u.name for u in users.entities] == ["Emil Europe"]
    assert users.total == 1
    assert genesys.UsersApi(sam_in_acme).get_user(EMIL).name == "Emil Europe"
    with pytest.raises(ApiException) as e:
        genesys.UsersApi(sam_in_acme).get_user(ANN)
    assert e.value.status == 403 and code_of(e.value) == "missing.division.permission"


def test_refusals_revocation_and_clones(server, trust):
    acme_api, partner_api = trust
    # Casey of Customer Care is not trusted by Acme.
    status, body = token_request(
        server,
        {"grant_type": "password", "username": "casey@care.example", "password": "Care-casey-1!", "target": ACME},
        client=("care-admin", "care-admin-secret"),
    )
    assert status == 400 and body["error"] == "invalid_grant", body

    pat_in_acme = signed_in(server, "pat@partner.example", "Partner-pat-1!", target=ACME)
    genesys.UsersApi(pat_in_acme).get_users()
    # Disabling the trust ends the token on its very next request, and refuses new sign-ins.
    acme_api.put_orgauthorization_trustee(PARTNER, model(genesys.TrustUpdate, enabled=False))
    with pytest.raises(ApiException) as e:
        genesys.UsersApi(pat_in_acme).get_users()
    assert e.value.status == 401 and code_of(e.value) == "credentials.expired"
    status, body = token_request(
        server,
        {"grant_type": "password", "username": "pat@partner.example", "password": "Partner-pat-1!", "target": ACME},
    )
    assert status == 400 and body["error"] == "invalid_grant" and "disabled" in body["error_description"]
    acme_api.put_orgauthorization_trustee(PARTNER, model(genesys.TrustUpdate, enabled=True))
    # Enabling it again does not revive the revoked token: Pat signs in again.
    with pytest.raises(ApiException) as e:
        genesys.UsersApi(pat_in_acme).get_users()
    assert e.value.status == 401 and code_of(e.value) == "bad.credentials"

    # A cloned user signs in the same way; the token names the original native user.
    clone = partner_api.put_orgauthorization_trustor_cloneduser(ACME, PAT)
    assert isinstance(clone, genesys.ClonedUser)
    pat_in_acme = signed_in(server, "pat@partner.example", "Partner-pat-1!", target=ACME)
    me = genesys.TokensApi(pat_in_acme).get_tokens_me()
    assert me.cloned_user.id == PAT and me.cloned_user.organization.id == PARTNER
    assert len(genesys.UsersApi(pat_in_acme).get_users().entities) >= 2
