"""The internal operations of the OrganizationApi seed page (004_12f174aa34226d58.txt) that the
public Python SDK lacks, through the SDK's own generic `ApiClient.call_api` with the seed's
method and path: creating and terminating organizations, OAuth scope enforcement, password
requirements, migrations, and limit change requests (read back through the SDK's methods)."""

import json

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME, ROOT, Server, generic

DOOMED = "d0000000-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo data plus an Acme operator (internal permissions), an Acme client authorized for
    the `organization` scope, and an organization that may terminate itself."""
    with open(f"{ROOT}/fixtures/demo.json") as f:
        doc = json.load(f)
    acme = next(o for o in doc["organizations"] if o["name"] == "Acme Corp")
    acme["roles"].append({"name": "Operator", "permissions": ["*", "internal:*:*"]})
    acme["oauthClients"] += [
        {"id": "acme-operator", "secret": "acme-operator-secret", "name": "Acme operator", "roles": ["Operator"]},
        {"id": "acme-scoped", "secret": "acme-scoped-secret", "name": "Acme scoped", "roles": ["Admin"],
         "scope": ["organization"]},
    ]
    doc["organizations"].append({
        "id": DOOMED, "name": "Doomed Co", "thirdPartyOrgName": "doomed",
        "roles": [{"name": "Terminator", "permissions": ["*", "internal:organization:terminate"]}],
        "oauthClients": [{"id": "doomed-admin", "secret": "doomed-admin-secret", "name": "Doomed admin",
                          "roles": ["Terminator"]}],
    })
    fixture = tmp_path_factory.mktemp("internal") / "fixture.json"
    fixture.write_text(json.dumps(doc))
    s = Server(fixture=str(fixture))
    yield s
    s.stop()


def error(exc):
    return exc.status, json.loads(exc.body)["code"]


@pytest.mark.seed("004", "getOrganizationsEnforcescopes", "putOrganizationsEnforcescopes")
def test_enforce_scopes(server):
    admin = server.client("acme-admin", "acme-admin-secret")
    scoped = server.client("acme-scoped", "acme-scoped-secret")
    assert generic(admin, "GET", "/api/v2/organizations/enforcescopes") == {"enforceScopes": False}
    assert generic(admin, "PUT", "/api/v2/organizations/enforcescopes", body={"enforceScopes": True}) == {
        "enforceScopes": True
    }
    # The admin client has no authorized scopes: refused, naming the scope it lacks.
    with pytest.raises(ApiException) as e:
        genesys.OrganizationApi(admin).get_organizations_authentication_settings()
    assert error(e.value) == (403, "not.authorized")
    assert "[organization]" in json.loads(e.value.body)["message"]
    assert genesys.OrganizationApi(scoped).get_organizations_authentication_settings().password_requirements
    assert generic(scoped, "PUT", "/api/v2/organizations/enforcescopes", body={"enforceScopes": False}) == {
        "enforceScopes": False
    }
    assert genesys.OrganizationApi(admin).get_organizations_me().id == ACME


@pytest.mark.seed("004", "getOrganizationsPasswordrequirements", "putOrganizationsPasswordrequirements")
def test_password_requirements(server):
    admin = server.client("acme-admin", "acme-admin-secret")
    before = generic(admin, "GET", "/api/v2/organizations/passwordrequirements")
    assert before["minimumLength"] == 8
    after = generic(admin, "PUT", "/api/v2/organizations/passwordrequirements", body={**before, "minimumLength": 12})
    assert after["minimumLength"] == 12
    settings = genesys.OrganizationApi(admin).get_organizations_authentication_settings()
    assert settings.password_requirements.minimum_length == 12
    with pytest.raises(ApiException) as e:
        generic(admin, "PUT", "/api/v2/organizations/passwordrequirements", body={"minimumLength": 3})
    assert error(e.value) == (400, "invalid.value")
    assert generic(admin, "GET", "/api/v2/organizations/passwordrequirements")["minimumLength"] == 12


@pytest.mark.seed(
    "004",
    "getOrganizationsMigrations", "getOrganizationsMigration", "patchOrganizationsMigration",
    "getOrganizationsMigrationState",
)
def test_migrations(server):
    admin = server.client("acme-admin", "acme-admin-secret")
    listing = generic(admin, "GET", "/api/v2/organizations/migrations",
                      query={"migrationType": "Disabled", "includeDetails": "true"})
    assert [m["name"] for m in listing["entities"]] == ["oauthScopeEnforcement"]
    assert listing["entities"][0]["description"]
    one = generic(admin, "GET", "/api/v2/organizations/migrations/{migrationName}",
                  path_params={"migrationName": "divisionAwareTrustees"})
    assert one["enabled"] is True
    patched = generic(admin, "PATCH", "/api/v2/organizations/migrations/{migrationName}",
                      path_params={"migrationName": "oauthScopeEnforcement"}, body={"enabled": True})
    assert patched["enabled"] is True
    state = generic(admin, "GET", "/api/v2/organizations/migrations/{migrationName}/state",
                    path_params={"migrationName": "oauthScopeEnforcement"})
    assert state == {"enabled": True}
    with pytest.raises(ApiException) as e:
        generic(admin, "GET", "/api/v2/organizations/migrations/{migrationName}",
                path_params={"migrationName": "noSuchMigration"})
    assert e.value.status == 404
    generic(admin, "PATCH", "/api/v2/organizations/migrations/{migrationName}",
            path_params={"migrationName": "oauthScopeEnforcement"}, body={"enabled": False})


@pytest.mark.seed(
    "004",
    "postOrganizationsLimitsChangerequests", "patchOrganizationsLimitsChangerequest",
    "getOrganizationsLimitsChangerequest", "getOrganizationsLimitsChangerequests",
)
def test_limit_change_requests(server):
    operator = server.client("acme-operator", "acme-operator-secret")
    admin = server.client("acme-admin", "acme-admin-secret")
    api = genesys.OrganizationApi(admin)
    created = generic(operator, "POST", "/api/v2/organizations/limits/changerequests", body={
        "key": "max.cloned.users", "namespace": "authorization", "requestedValue": 7,
        "description": "more clones", "supportCaseUrl": "https://support.example/7",
    })
    assert (created["status"], created["currentValue"], created["requestedValue"]) == ("Open", 5, 7)
    # Skipping steps of the workflow is refused.
    with pytest.raises(ApiException) as e:
        generic(operator, "PATCH", "/api/v2/organizations/limits/changerequests/{requestId}",
                path_params={"requestId": created["id"]}, body={"status": "ChangeImplemented"})
    assert e.value.status == 400
    for status in ["Pending", "Approved", "ImplementingChange", "ChangeImplemented"]:
        step = generic(operator, "PATCH", "/api/v2/organizations/limits/changerequests/{requestId}",
                       path_params={"requestId": created["id"]}, body={"status": status})
        assert step["status"] == status
    one = api.get_organizations_limits_changerequest(created["id"])
    assert (one.id, one.status, one.requested_value) == (created["id"], "ChangeImplemented", 7)
    assert [h.status for h in one.status_history][-1] == "ChangeImplemented"
    assert one.date_completed is not None
    listing = api.get_organizations_limits_changerequests(status="ChangeImplemented", expand=["statusHistory"])
    assert [r.id for r in listing.entities] == [created["id"]]
    limits = api.get_organizations_limits_namespace("authorization")
    assert ("max.cloned.users", 7) in {(l.key, l.value) for l in limits.entities}
    # A customer may not file requests itself.
    with pytest.raises(ApiException) as e:
        generic(admin, "POST", "/api/v2/organizations/limits/changerequests", body={
            "key": "max.cloned.users", "namespace": "authorization", "requestedValue": 9,
            "description": "d", "supportCaseUrl": "u",
        })
    assert error(e.value) == (403, "missing.any.permissions")


@pytest.mark.seed("004", "postOrganizations", "deleteOrganizationsMe")
def test_create_and_terminate_organizations(server):
    operator = server.client("platform-operator", "platform-operator-secret")
    org = generic(operator, "POST", "/api/v2/organizations", body={
        "name": "Py Co", "adminUsername": "admin@py.example", "adminPassword": "Py-admin-pass-1!",
        "domain": "py.example", "thirdPartyOrgName": "pyco",
    })
    assert (org["name"], org["state"], org["thirdPartyOrgName"]) == ("Py Co", "active", "pyco")
    with pytest.raises(ApiException) as e:
        generic(operator, "POST", "/api/v2/organizations", body={
            "name": "Weak Co", "adminUsername": "admin@weak.example", "adminPassword": "weak",
            "domain": "weak.example", "thirdPartyOrgName": "weakco",
        })
    assert error(e.value) == (400, "invalid.value")

    doomed = server.client("doomed-admin", "doomed-admin-secret")
    assert genesys.OrganizationApi(doomed).get_organizations_me().id == DOOMED
    generic(doomed, "DELETE", "/api/v2/organizations/me")
    with pytest.raises(ApiException) as e:
        genesys.OrganizationApi(doomed).get_organizations_me()
    assert e.value.status == 401
    with pytest.raises(ApiException) as e:
        server.client("doomed-admin", "doomed-admin-secret")
    assert e.value.status in (400, 401)
