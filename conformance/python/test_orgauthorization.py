"""Organization Authorization through the official Python SDK: every method of the Python seed
(002_7e314d836ddb63a2.txt) except the two audit queries, plus the Customer Care list methods,
against a live server. Each typed result must deserialise and carry the expected values.

The audit methods (post_orgauthorization_trustees_audits, post_orgauthorization_trustor_audits)
are tested in test_orgauthorization_audits.py.
"""

import base64
import datetime
import json
import urllib.parse
import urllib.request

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME, PARTNER

CARE = "c0000000-0000-4000-8000-000000000001"
PAT = "b0000000-0000-4000-8000-000000000031"
SAM = "b0000000-0000-4000-8000-000000000032"
SUPPORT = "b0000000-0000-4000-8000-000000000041"
USER_VIEWER = "a0000000-0000-4000-8000-000000000022"
TRUST_AUDITOR = "a0000000-0000-4000-8000-000000000023"
ADMIN = "a0000000-0000-4000-8000-000000000021"
EMEA = "a0000000-0000-4000-8000-000000000012"

# The seed's methods, less the two audit queries (branch issue-4a), plus the Care list methods.
EXPECTED = {
    "delete_orgauthorization_trustee", "delete_orgauthorization_trustee_cloneduser",
    "delete_orgauthorization_trustee_group", "delete_orgauthorization_trustee_group_roles",
    "delete_orgauthorization_trustee_user", "delete_orgauthorization_trustee_user_roles",
    "delete_orgauthorization_trustees", "delete_orgauthorization_trustor",
    "delete_orgauthorization_trustor_cloneduser", "delete_orgauthorization_trustor_group",
    "delete_orgauthorization_trustor_user", "delete_orgauthorization_trustors",
    "get_orgauthorization_pairing", "get_orgauthorization_trustee",
    "get_orgauthorization_trustee_clonedusers", "get_orgauthorization_trustee_group",
    "get_orgauthorization_trustee_group_roles", "get_orgauthorization_trustee_groups",
    "get_orgauthorization_trustee_user", "get_orgauthorization_trustee_user_roles",
    "get_orgauthorization_trustee_users", "get_orgauthorization_trustees",
    "get_orgauthorization_trustees_default", "get_orgauthorization_trustor",
    "get_orgauthorization_trustor_cloneduser", "get_orgauthorization_trustor_clonedusers",
    "get_orgauthorization_trustor_group", "get_orgauthorization_trustor_groups",
    "get_orgauthorization_trustor_user", "get_orgauthorization_trustor_users",
    "get_orgauthorization_trustors", "post_orgauthorization_pairings",
    "post_orgauthorization_trustee_groups", "post_orgauthorization_trustee_users",
    "post_orgauthorization_trustees", "post_orgauthorization_trustees_default",
    "put_orgauthorization_trustee", "put_orgauthorization_trustee_group_roledivisions",
    "put_orgauthorization_trustee_group_roles", "put_orgauthorization_trustee_user_roledivisions",
    "put_orgauthorization_trustee_user_roles", "put_orgauthorization_trustor_cloneduser",
    "put_orgauthorization_trustor_group", "put_orgauthorization_trustor_user",
    "get_orgauthorization_trustees_care", "post_orgauthorization_trustees_care",
}
CALLED = set()


class Tracked:
    """The SDK's OrganizationAuthorizationApi, noting which methods the tests call."""

    def __init__(self, client):
        self._api = genesys.OrganizationAuthorizationApi(client)

    def __getattr__(self, name):
        method = getattr(self._api, name)

        def call(*args, **kwargs):
            CALLED.add(name)
            return method(*args, **kwargs)

        return call


def password_client(server, client_id, secret, username, password):
    """An SDK ApiClient holding a user's token (password grant; the SDK has no helper for it)."""
    data = urllib.parse.urlencode(
        {"grant_type": "password", "username": username, "password": password}
    ).encode()
    req = urllib.request.Request(server.base + "/oauth/token", data=data)
    req.add_header("Authorization", "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode())
    token = json.load(urllib.request.urlopen(req))["access_token"]
    client = genesys.api_client.ApiClient(host=server.base)
    client.access_token = token
    return client


def model(cls, **fields):
    """An SDK model with fields set (the generated constructors take no arguments)."""
    obj = cls()
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


def error_code(exc):
    return json.loads(exc.body)["code"]


def make_trust(acme_api, partner_api):
    pairing = partner_api.post_orgauthorization_pairings(
        model(genesys.TrustRequestCreate, user_ids=[PAT], group_ids=[SUPPORT])
    )
    body = model(genesys.TrustCreate, 
        pairing_id=pairing.id,
        enabled=True,
        users=[model(genesys.TrustMemberCreate, id=PAT, role_ids=[USER_VIEWER])],
        groups=[
            model(genesys.TrustMemberCreate, 
                id=SUPPORT,
                role_divisions=model(genesys.RoleDivisionGrants, 
                    grants=[model(genesys.RoleDivisionPair, role_id=USER_VIEWER, division_id=EMEA)]
                ),
            )
        ],
    )
    return pairing, acme_api.post_orgauthorization_trustees(body)


@pytest.mark.seed(
    "002",
    "post_orgauthorization_pairings", "get_orgauthorization_pairing",
    "post_orgauthorization_trustees", "get_orgauthorization_trustees",
    "get_orgauthorization_trustee", "get_orgauthorization_trustors", "get_orgauthorization_trustor",
    "put_orgauthorization_trustee", "delete_orgauthorization_trustee",
)
def test_pairing_trust_and_both_views(server, acme, partner):
    acme_api, partner_api = Tracked(acme), Tracked(partner)
    pairing, trustee = make_trust(acme_api, partner_api)
    assert pairing.trustee.id == PARTNER
    assert [u.id for u in pairing.users] == [PAT]
    assert pairing.users[0].name == "Pat Partner"
    assert pairing.groups[0].name == "Partner Support"
    assert isinstance(pairing.date_created, datetime.datetime)
    again = acme_api.get_orgauthorization_pairing(pairing.id)
    assert again.id == pairing.id and again.trustee.name == "Partner Co"

    assert trustee.id == PARTNER
    assert trustee.enabled is True
    assert trustee.organization.name == "Partner Co"
    assert trustee.created_by.id == "acme-admin"

    listing = acme_api.get_orgauthorization_trustees(page_size=25, page_number=1)
    assert listing.total == 1 and listing.entities[0].id == PARTNER
    got = acme_api.get_orgauthorization_trustee(PARTNER)
    assert got.date_created == trustee.date_created

    trustors = partner_api.get_orgauthorization_trustors()
    assert trustors.total == 1
    trustor = partner_api.get_orgauthorization_trustor(ACME)
    assert trustor.id == ACME and trustor.organization.name == "Acme Corp"
    assert trustor.date_created == trustee.date_created
    assert trustor.enabled is True
    assert trustor.authorization.permissions == []

    pat = Tracked(password_client(server, "partner-admin", "partner-admin-secret", "pat@partner.example", "Partner-pat-1!"))
    assert pat.get_orgauthorization_trustor(ACME).authorization.permissions == [
        "directory:group:view",
        "directory:user:view",
    ]

    # Errors carry their codes.
    with pytest.raises(ApiException) as e:
        acme_api.post_orgauthorization_trustees(model(genesys.TrustCreate, enabled=True, users=[model(genesys.TrustMemberCreate, id=PAT)]))
    assert e.value.status == 400 and error_code(e.value) == "pairing.id.required"
    with pytest.raises(ApiException) as e:
        acme_api.post_orgauthorization_trustees(model(genesys.TrustCreate, pairing_id=pairing.id, enabled=True, users=[model(genesys.TrustMemberCreate, id=PAT)]))
    assert e.value.status == 409 and error_code(e.value) == "pairing.used"

    # Enable, disable, expire.
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=3)
    updated = acme_api.put_orgauthorization_trustee(PARTNER, model(genesys.TrustUpdate, enabled=False, date_expired=expires))
    assert updated.enabled is False
    assert abs((updated.date_expired - expires).total_seconds()) < 1
    assert partner_api.get_orgauthorization_trustor(ACME).enabled is False
    assert pat.get_orgauthorization_trustor(ACME).authorization.permissions == []
    acme_api.put_orgauthorization_trustee(PARTNER, model(genesys.TrustUpdate, enabled=True))

    acme_api.delete_orgauthorization_trustee(PARTNER)
    with pytest.raises(ApiException) as e:
        acme_api.get_orgauthorization_trustee(PARTNER)
    assert e.value.status == 404


@pytest.mark.seed(
    "002",
    "get_orgauthorization_trustee_users", "get_orgauthorization_trustee_user",
    "get_orgauthorization_trustee_user_roles", "put_orgauthorization_trustee_user_roles",
    "put_orgauthorization_trustee_user_roledivisions", "delete_orgauthorization_trustee_user_roles",
    "get_orgauthorization_trustee_groups", "get_orgauthorization_trustee_group",
    "get_orgauthorization_trustee_group_roles", "put_orgauthorization_trustee_group_roles",
    "put_orgauthorization_trustee_group_roledivisions",
    "delete_orgauthorization_trustee_group_roles", "delete_orgauthorization_trustee_group",
    "delete_orgauthorization_trustee_user", "post_orgauthorization_trustee_users",
    "post_orgauthorization_trustee_groups", "put_orgauthorization_trustor_user",
    "get_orgauthorization_trustor_users", "get_orgauthorization_trustor_user",
    "delete_orgauthorization_trustor_user", "get_orgauthorization_trustor_groups",
    "get_orgauthorization_trustor_group", "delete_orgauthorization_trustor_group",
    "put_orgauthorization_trustor_group", "delete_orgauthorization_trustor",
)
def test_members_and_roles(acme, partner):
    acme_api, partner_api = Tracked(acme), Tracked(partner)
    make_trust(acme_api, partner_api)
    try:
        users = acme_api.get_orgauthorization_trustee_users(PARTNER, page_size=10, page_number=1)
        assert users.total == 1 and users.entities[0].id == PAT
        assert users.entities[0].trust_user_details.created_by.id == "acme-admin"
        user = acme_api.get_orgauthorization_trustee_user(PARTNER, PAT)
        assert user.email == "pat@partner.example"

        roles = acme_api.get_orgauthorization_trustee_user_roles(PARTNER, PAT)
        assert [r.name for r in roles.roles] == ["User Viewer"]
        assert roles.permissions == ["directory:group:view", "directory:user:view"]
        assert {(p.domain, p.entity_name) for p in roles.permission_policies} == {("directory", "group"), ("directory", "user")}
        roles = acme_api.put_orgauthorization_trustee_user_roles(PARTNER, PAT, [TRUST_AUDITOR])
        assert [r.id for r in roles.roles] == [TRUST_AUDITOR]
        assert "authorization:audit:view" in roles.permissions
        roles = acme_api.put_orgauthorization_trustee_user_roledivisions(
            PARTNER, PAT, model(genesys.RoleDivisionGrants, grants=[model(genesys.RoleDivisionPair, role_id=ADMIN, division_id=EMEA)])
        )
        assert [r.name for r in roles.roles] == ["Admin"]
        acme_api.delete_orgauthorization_trustee_user_roles(PARTNER, PAT)
        assert acme_api.get_orgauthorization_trustee_user_roles(PARTNER, PAT).roles == []

        groups = acme_api.get_orgauthorization_trustee_groups(PARTNER)
        assert groups.total == 1 and groups.entities[0].name == "Partner Support"
        group = acme_api.get_orgauthorization_trustee_group(PARTNER, SUPPORT)
        assert group.type == "official" and group.member_count == 1
        groles = acme_api.get_orgauthorization_trustee_group_roles(PARTNER, SUPPORT)
        assert [r.name for r in groles.roles] == ["User Viewer"]
        groles = acme_api.put_orgauthorization_trustee_group_roles(PARTNER, SUPPORT, [ADMIN])
        assert [r.name for r in groles.roles] == ["Admin"]
        groles = acme_api.put_orgauthorization_trustee_group_roledivisions(
            PARTNER, SUPPORT, model(genesys.RoleDivisionGrants, grants=[model(genesys.RoleDivisionPair, role_id=USER_VIEWER, division_id="*")])
        )
        assert groles.permissions == ["directory:group:view", "directory:user:view"]
        acme_api.delete_orgauthorization_trustee_group_roles(PARTNER, SUPPORT)
        assert acme_api.get_orgauthorization_trustee_group_roles(PARTNER, SUPPORT).permissions == []

        acme_api.delete_orgauthorization_trustee_group(PARTNER, SUPPORT)
        acme_api.delete_orgauthorization_trustee_user(PARTNER, PAT)
        assert acme_api.get_orgauthorization_trustee_users(PARTNER).total == 0

        added = acme_api.post_orgauthorization_trustee_users(PARTNER, model(genesys.TrustMemberCreate, id=PAT, role_ids=[USER_VIEWER]))
        assert added.id == PAT and added.name == "Pat Partner"
        gadded = acme_api.post_orgauthorization_trustee_groups(PARTNER, model(genesys.TrustMemberCreate, id=SUPPORT))
        assert gadded.id == SUPPORT

        # The trustee's side.
        sam = partner_api.put_orgauthorization_trustor_user(ACME, SAM)
        assert sam.id == SAM and sam.trust_user_details.created_by.id == "partner-admin"
        tusers = partner_api.get_orgauthorization_trustor_users(ACME)
        assert {u.id for u in tusers.entities} == {PAT, SAM}
        assert partner_api.get_orgauthorization_trustor_user(ACME, SAM).name == "Sam Support"
        partner_api.delete_orgauthorization_trustor_user(ACME, SAM)
        tgroups = partner_api.get_orgauthorization_trustor_groups(ACME)
        assert [g.id for g in tgroups.entities] == [SUPPORT]
        assert partner_api.get_orgauthorization_trustor_group(ACME, SUPPORT).name == "Partner Support"
        partner_api.delete_orgauthorization_trustor_group(ACME, SUPPORT)
        assert partner_api.get_orgauthorization_trustor_groups(ACME).total == 0
        regrouped = partner_api.put_orgauthorization_trustor_group(ACME, SUPPORT)
        assert regrouped.name == "Partner Support"
    finally:
        partner_api.delete_orgauthorization_trustor(ACME)
    assert partner_api.get_orgauthorization_trustors().total == 0


@pytest.mark.seed(
    "002",
    "put_orgauthorization_trustor_cloneduser", "get_orgauthorization_trustor_clonedusers",
    "get_orgauthorization_trustor_cloneduser", "get_orgauthorization_trustee_clonedusers",
    "delete_orgauthorization_trustee_cloneduser", "delete_orgauthorization_trustor_cloneduser",
)
def test_cloned_users(acme, partner):
    acme_api, partner_api = Tracked(acme), Tracked(partner)
    make_trust(acme_api, partner_api)
    try:
        clone = partner_api.put_orgauthorization_trustor_cloneduser(ACME, PAT)
        assert clone.id != PAT and clone.name == "Pat Partner" and clone.trustor.id == ACME
        listed = partner_api.get_orgauthorization_trustor_clonedusers(ACME)
        assert listed.total == 1 and listed.entities[0].id == clone.id
        assert partner_api.get_orgauthorization_trustor_cloneduser(ACME, PAT).id == clone.id
        theirs = acme_api.get_orgauthorization_trustee_clonedusers(PARTNER)
        assert [c.id for c in theirs.entities] == [clone.id]
        acme_api.delete_orgauthorization_trustee_cloneduser(PARTNER, PAT)
        assert partner_api.get_orgauthorization_trustor_clonedusers(ACME).total == 0
        partner_api.put_orgauthorization_trustor_cloneduser(ACME, SAM)
        partner_api.delete_orgauthorization_trustor_cloneduser(ACME, SAM)
        assert acme_api.get_orgauthorization_trustee_clonedusers(PARTNER).total == 0
    finally:
        acme_api.delete_orgauthorization_trustee(PARTNER)


@pytest.mark.seed(
    "002",
    "get_orgauthorization_trustees_default", "post_orgauthorization_trustees_default",
    "delete_orgauthorization_trustees", "delete_orgauthorization_trustors",
)
def test_customer_care_and_bulk_delete(acme, partner):
    acme_api, partner_api = Tracked(acme), Tracked(partner)
    with pytest.raises(ApiException) as e:
        acme_api.get_orgauthorization_trustees_default()
    assert e.value.status == 404
    care = acme_api.post_orgauthorization_trustees_default(assign_default_role=True, auto_expire=True)
    assert care.id == CARE and care.uses_default_role is True
    assert care.date_expired is not None
    assert acme_api.get_orgauthorization_trustees_default().id == CARE
    with pytest.raises(ApiException) as e:
        acme_api.post_orgauthorization_trustees_default()
    assert e.value.status == 409 and error_code(e.value) == "trust.already.exists"

    ids = acme_api.get_orgauthorization_trustees_care()
    assert [r.id for r in ids.entities] == [CARE]
    listing = partner_api.post_orgauthorization_trustees_care(
        assign_default_role=False, auto_expire=False, assign_full_access=True, allow_trusted_user_access=True
    )
    assert listing.total == 1
    assert listing.entities[0].has_full_access is True and listing.entities[0].is_trusted_user is True

    # Bulk delete: all or nothing, an unknown id named.
    make_trust(acme_api, partner_api)
    unknown = "d0000000-0000-4000-8000-000000000001"
    with pytest.raises(ApiException) as e:
        acme_api.delete_orgauthorization_trustees([PARTNER, unknown])
    assert e.value.status == 400 and unknown in json.loads(e.value.body)["message"]
    assert acme_api.get_orgauthorization_trustees().total == 2
    acme_api.delete_orgauthorization_trustees([PARTNER, CARE])
    assert acme_api.get_orgauthorization_trustees().total == 0

    make_trust(acme_api, partner_api)
    partner_api.delete_orgauthorization_trustors([ACME])
    assert partner_api.get_orgauthorization_trustors().total == 0


def test_zz_every_method_was_called():
    assert EXPECTED - CALLED == set()
