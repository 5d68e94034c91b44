"""The directory through the official Python SDK against a live server: divisions, roles, users,
groups, OAuth clients, grants; a new user's password token and what its roles allow; division
scoping; deletion refusing the user's token; every write recorded as an audit event in the store.

The server runs on a database file here so the test can read the audit trail from the store."""

import base64
import json
import os
import sqlite3
import tempfile
import urllib.parse
import urllib.request
import uuid

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME, Server

ANN = "a0000000-0000-4000-8000-000000000031"
PASSWORD = "Py-directory-1!"


def model(cls, **fields):
    """An SDK model with the given attributes (the SDK's constructors take none)."""
    m = cls()
    for k, v in fields.items():
        setattr(m, k, v)
    return m


@pytest.fixture(scope="module")
def dbserver():
    folder = tempfile.mkdtemp(prefix="orgtrust-directory-")
    path = os.path.join(folder, "orgtrust.db")
    s = Server(database=f"sqlite://{path}")
    s.db_path = path
    yield s
    s.stop()


@pytest.fixture
def admin(dbserver):
    return dbserver.client("acme-admin", "acme-admin-secret")


def password_client(server, username, password):
    """An SDK ApiClient with a password-grant token (the SDK has no helper for this grant)."""
    basic = base64.b64encode(b"acme-admin:acme-admin-secret").decode()
    req = urllib.request.Request(
        server.base + "/oauth/token",
        data=urllib.parse.urlencode(
            {"grant_type": "password", "username": username, "password": password}
        ).encode(),
        headers={"Authorization": "Basic " + basic},
    )
    with urllib.request.urlopen(req) as resp:
        token = json.load(resp)["access_token"]
    api_client = genesys.api_client.ApiClient(host=server.base)
    api_client.access_token = token
    return api_client


def audit_events(server, entity_id):
    con = sqlite3.connect(f"file:{server.db_path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT action, entity_type, org_id FROM audit_events WHERE entity_id = ? ORDER BY seq",
            (entity_id,),
        ).fetchall()
    finally:
        con.close()
    return rows


def test_directory_end_to_end(dbserver, admin):
    authz = genesys.AuthorizationApi(admin)
    users = genesys.UsersApi(admin)
    groups = genesys.GroupsApi(admin)
    oauth = genesys.OAuthApi(admin)
    tag = uuid.uuid4().hex[:8]

    division = authz.post_authorization_divisions(
        model(genesys.AuthzDivision, name=f"Py {tag}", description="made by the SDK")
    )
    assert division.home_division is False
    assert authz.get_authorization_division(division.id).name == f"Py {tag}"
    assert authz.get_authorization_divisions_home().id == "a0000000-0000-4000-8000-000000000011"

    role = authz.post_authorization_roles(
        model(
            genesys.DomainOrganizationRoleCreate,
            name=f"Py viewer {tag}",
            permissions=["directory:user:view", "directory:group:view"],
        )
    )
    assert sorted(role.permissions) == ["directory:group:view", "directory:user:view"]

    email = f"py-{tag}@acme.example"
    user = users.post_users(
        model(genesys.CreateUser, name="Py User", email=email, password=PASSWORD, division_id=division.id)
    )
    assert user.division.id == division.id
    assert user.state == "active"
    assert user.version == 1

    group = groups.post_groups(
        model(genesys.GroupCreate, name=f"Py group {tag}", type="official", visibility="public", rules_visible=True)
    )
    groups.post_group_members(group.id, model(genesys.GroupMembersUpdate, member_ids=[user.id], version=1))
    members = groups.get_group_members(group.id)
    assert [m.id for m in members.entities] == [user.id]
    assert groups.get_group(group.id).member_count == 1

    created = oauth.post_oauth_clients(
        model(
            genesys.OAuthClientRequest,
            name=f"Py client {tag}",
            authorized_grant_type="CLIENT-CREDENTIALS",
            role_divisions=[model(genesys.RoleDivision, role_id=role.id, division_id=division.id)],
        )
    )
    assert created.secret
    assert oauth.get_oauth_client(created.id).secret is None
    client_api = dbserver.client(created.id, created.secret)
    listed = genesys.UsersApi(client_api).get_users()
    assert [u.id for u in listed.entities] == [user.id]

    # Grant the role to the group, in the new division only.
    authz.post_authorization_subject_bulkadd(
        group.id,
        model(
            genesys.RoleDivisionGrants,
            grants=[model(genesys.RoleDivisionPair, role_id=role.id, division_id=division.id)],
        ),
    )
    subject = authz.get_authorization_subject(group.id)
    assert [(g.role.id, g.division.id) for g in subject.grants] == [(role.id, division.id)]

    # The new user signs in and sees what its (group's) role allows: users of that division only.
    me_client = password_client(dbserver, email, PASSWORD)
    me_users = genesys.UsersApi(me_client)
    assert me_users.get_users_me().id == user.id
    visible = me_users.get_users()
    assert visible.total == 1
    assert [u.id for u in visible.entities] == [user.id]
    with pytest.raises(ApiException) as denied:
        me_users.get_user(ANN)
    assert denied.value.status == 403
    assert '"code":"missing.division.permission"' in denied.value.body
    with pytest.raises(ApiException) as denied:
        genesys.AuthorizationApi(me_client).get_authorization_roles()
    assert denied.value.status == 403

    roles = users.get_user_roles(user.id)
    assert roles.roles == []
    assert "directory:user:view" in roles.permissions

    # A stale version is refused.
    patched = users.patch_user(user.id, model(genesys.UpdateUser, title="Engineer", version=1))
    assert patched.version == 2 and patched.title == "Engineer"
    with pytest.raises(ApiException) as stale:
        users.patch_user(user.id, model(genesys.UpdateUser, title="Lost", version=1))
    assert stale.value.status == 409

    # The division cannot go while it holds the user.
    with pytest.raises(ApiException) as busy:
        authz.delete_authorization_division(division.id)
    assert busy.value.status == 409

    # Deleting the user refuses its token on the very next request.
    users.delete_user(user.id)
    with pytest.raises(ApiException) as gone:
        me_users.get_users_me()
    assert gone.value.status == 401

    oauth.delete_oauth_client(created.id)
    with pytest.raises(ApiException) as gone:
        genesys.UsersApi(client_api).get_users()
    assert gone.value.status == 401

    groups.delete_group(group.id)
    authz.delete_authorization_role(role.id)
    authz.delete_authorization_division(division.id)

    # Every write is in the audit trail of the store.
    assert [a for a, _, _ in audit_events(dbserver, division.id)] == ["create", "delete"]
    assert [a for a, _, _ in audit_events(dbserver, role.id)] == ["create", "delete"]
    assert [a for a, _, _ in audit_events(dbserver, user.id)] == ["create", "update", "delete"]
    assert [a for a, _, _ in audit_events(dbserver, group.id)] == [
        "create",
        "addMembers",
        "addGrants",
        "delete",
    ]
    assert [a for a, _, _ in audit_events(dbserver, created.id)] == ["create", "delete"]
    assert {org for _, _, org in audit_events(dbserver, user.id)} == {ACME}


def test_invalid_permissions_and_unknown_ids(admin):
    authz = genesys.AuthorizationApi(admin)
    with pytest.raises(ApiException) as bad:
        authz.post_authorization_roles(
            model(genesys.DomainOrganizationRoleCreate, name="Typo", permissions=["directory:user:veiw"])
        )
    assert bad.value.status == 400
    assert '"code":"invalid.value"' in bad.value.body
    with pytest.raises(ApiException) as missing:
        genesys.UsersApi(admin).get_user("00000000-0000-4000-8000-000000000000")
    assert missing.value.status == 404


def test_permission_catalogue_and_paging(admin):
    catalogue = genesys.AuthorizationApi(admin).get_authorization_permissions(page_size=100)
    domains = {c.domain for c in catalogue.entities}
    assert {"authorization", "directory", "oauth"} <= domains
    page = genesys.UsersApi(admin).get_users(page_size=1, page_number=2)
    assert page.page_number == 2
    assert page.total >= 2
    assert len(page.entities) == 1


def test_users_me_needs_a_user(admin):
    with pytest.raises(ApiException) as e:
        genesys.UsersApi(admin).get_users_me()
    assert e.value.status == 400
