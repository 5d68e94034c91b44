"""The directory writes through the official Python SDK over the backend under test
(ORGTRUST_CONFORMANCE_BACKEND; test_directory.py pins a SQLite file to read its audit trail):
group members under versions, bulk grant changes, a role deletion taking its grants, division
deletion refused while in use, OAuth client update and secret rotation, deletions refusing tokens.
On PostgreSQL, also two servers on one database: a revocation through one is in force on the
other."""

import time
import uuid

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import BACKEND, Server, database_url
from test_directory import model, password_client

HOME = "a0000000-0000-4000-8000-000000000011"
PASSWORD = "Py-backend-1!"


def refused(status, call, *args):
    with pytest.raises(ApiException) as e:
        call(*args)
    assert e.value.status == status, e.value.body
    return e.value


def grants_of(authz, subject_id):
    return sorted((g.role.id, g.division.id) for g in authz.get_authorization_subject(subject_id).grants)


def pairs(*grants):
    return model(
        genesys.RoleDivisionGrants,
        grants=[model(genesys.RoleDivisionPair, role_id=r, division_id=d) for r, d in grants],
    )


def test_directory_writes(server, acme):
    authz = genesys.AuthorizationApi(acme)
    users = genesys.UsersApi(acme)
    groups = genesys.GroupsApi(acme)
    oauth = genesys.OAuthApi(acme)
    tag = uuid.uuid4().hex[:8]

    division = authz.post_authorization_divisions(model(genesys.AuthzDivision, name=f"Backend {tag}"))
    viewer = authz.post_authorization_roles(
        model(genesys.DomainOrganizationRoleCreate, name=f"Viewer {tag}", permissions=["directory:user:view"])
    )
    auditor = authz.post_authorization_roles(
        model(genesys.DomainOrganizationRoleCreate, name=f"Auditor {tag}", permissions=["authorization:audit:view"])
    )
    email = f"backend-{tag}@acme.example"
    user = users.post_users(
        model(genesys.CreateUser, name="Backend User", email=email, password=PASSWORD, division_id=division.id)
    )
    other = users.post_users(model(genesys.CreateUser, name="Backend Other", email=f"other-{tag}@acme.example"))
    refused(409, users.post_users, model(genesys.CreateUser, name="Twin", email=email))

    # Group members follow the group's version.
    group = groups.post_groups(
        model(genesys.GroupCreate, name=f"Backend group {tag}", type="official", visibility="public", rules_visible=True)
    )
    groups.post_group_members(group.id, model(genesys.GroupMembersUpdate, member_ids=[user.id, other.id], version=1))
    refused(409, groups.post_group_members, group.id, model(genesys.GroupMembersUpdate, member_ids=[user.id], version=1))
    groups.delete_group_members(group.id, other.id)
    assert [m.id for m in groups.get_group_members(group.id).entities] == [user.id]
    current = groups.get_group(group.id)
    assert current.member_count == 1
    renamed = groups.put_group(group.id, body=model(genesys.GroupUpdate, name=f"Renamed {tag}", version=current.version))
    assert renamed.name == f"Renamed {tag}"
    late = model(genesys.GroupUpdate, name="Late", version=current.version)
    refused(409, lambda: groups.put_group(group.id, body=late))

    # Bulk grants: add (kept once), remove, replace.
    authz.post_authorization_subject_bulkadd(user.id, pairs((viewer.id, division.id), (auditor.id, "*"), (viewer.id, division.id)))
    assert grants_of(authz, user.id) == sorted([(viewer.id, division.id), (auditor.id, "*")])
    authz.post_authorization_subject_bulkremove(user.id, pairs((auditor.id, "*")))
    assert grants_of(authz, user.id) == [(viewer.id, division.id)]
    authz.post_authorization_subject_bulkreplace(user.id, pairs((viewer.id, division.id), (auditor.id, HOME)))
    assert grants_of(authz, user.id) == sorted([(viewer.id, division.id), (auditor.id, HOME)])

    # The user signs in and sees its division; the role deleted takes its grant at once.
    me = genesys.UsersApi(password_client(server, email, PASSWORD))
    assert [u.id for u in me.get_users().entities] == [user.id]
    authz.delete_authorization_role(viewer.id)
    assert grants_of(authz, user.id) == [(auditor.id, HOME)]
    refused(403, me.get_users)

    # OAuth clients: update replaces grants; a new secret ends the old one; deletion its tokens.
    created = oauth.post_oauth_clients(
        model(
            genesys.OAuthClientRequest,
            name=f"Backend client {tag}",
            authorized_grant_type="CLIENT-CREDENTIALS",
            role_divisions=[model(genesys.RoleDivision, role_id=auditor.id, division_id="*")],
        )
    )
    updated = oauth.put_oauth_client(
        created.id,
        model(
            genesys.OAuthClientRequest,
            name=f"Backend client renamed {tag}",
            authorized_grant_type="CLIENT-CREDENTIALS",
            role_divisions=[model(genesys.RoleDivision, role_id=auditor.id, division_id=HOME)],
        ),
    )
    assert updated.name == f"Backend client renamed {tag}"
    assert grants_of(authz, created.id) == [(auditor.id, HOME)]
    rotated = oauth.post_oauth_client_secret(created.id)
    with pytest.raises(Exception):
        server.client(created.id, created.secret)
    client_api = server.client(created.id, rotated.secret)
    genesys.OrganizationApi(client_api).get_organizations_me()
    oauth.delete_oauth_client(created.id)
    refused(401, genesys.OrganizationApi(client_api).get_organizations_me)
    refused(404, oauth.get_oauth_client, created.id)

    # The division goes only once empty; the home division never.
    refused(409, authz.delete_authorization_division, division.id)
    users.delete_user(user.id)
    refused(401, me.get_users_me)
    refused(404, users.get_user, user.id)
    authz.delete_authorization_division(division.id)
    refused(404, authz.get_authorization_division, division.id)
    refused(409, authz.delete_authorization_division, HOME)
    groups.delete_group(group.id)
    refused(404, groups.get_group, group.id)


def eventually_refused(status, call):
    """The other instance learns of a change by notification, a moment after the commit; until
    then it may answer from its old view (for a deleted user, even a 404 from the store)."""
    deadline = time.time() + 5
    while True:
        try:
            call()
            last = "allowed"
        except ApiException as e:
            if e.status == status:
                return
            last = f"{e.status} {e.body}"
        assert time.time() < deadline, f"expected {status} on the other instance, still {last}"
        time.sleep(0.05)


@pytest.mark.skipif(BACKEND != "postgres", reason="two servers share a database only on PostgreSQL")
def test_two_instances_share_revocations():
    url = database_url()
    one = Server(database=url)
    two = Server(database=url)
    try:
        acme_one = one.client("acme-admin", "acme-admin-secret")
        authz = genesys.AuthorizationApi(acme_one)
        users = genesys.UsersApi(acme_one)
        tag = uuid.uuid4().hex[:8]
        role = authz.post_authorization_roles(
            model(genesys.DomainOrganizationRoleCreate, name=f"Shared {tag}", permissions=["directory:user:view"])
        )
        email = f"shared-{tag}@acme.example"
        user = users.post_users(model(genesys.CreateUser, name="Shared User", email=email, password=PASSWORD))
        authz.post_authorization_subject_bulkadd(user.id, pairs((role.id, "*")))

        # Signed in on the second instance; a grant removed through the first is in force there.
        me = genesys.UsersApi(password_client(two, email, PASSWORD))
        assert user.id in [u.id for u in me.get_users().entities]
        authz.post_authorization_subject_bulkremove(user.id, pairs((role.id, "*")))
        eventually_refused(403, me.get_users)

        # Deleting the user through the first refuses its token on the second.
        users.delete_user(user.id)
        eventually_refused(401, me.get_users_me)

        # A client deleted through the first: its token on the second is refused.
        created = genesys.OAuthApi(acme_one).post_oauth_clients(
            model(
                genesys.OAuthClientRequest,
                name=f"Shared client {tag}",
                authorized_grant_type="CLIENT-CREDENTIALS",
                role_divisions=[model(genesys.RoleDivision, role_id=role.id, division_id="*")],
            )
        )
        on_two = genesys.UsersApi(two.client(created.id, created.secret))
        on_two.get_users()
        genesys.OAuthApi(acme_one).delete_oauth_client(created.id)
        eventually_refused(401, on_two.get_users)
    finally:
        one.stop()
        two.stop()
