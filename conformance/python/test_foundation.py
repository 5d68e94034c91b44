"""The foundation through the official Python SDK: token endpoint and GET /organizations/me."""

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME, PARTNER


def test_client_credentials_token_and_organizations_me(acme):
    org = genesys.OrganizationApi(acme).get_organizations_me()
    assert org.id == ACME
    assert org.name == "Acme Corp"
    assert org.third_party_org_name == "acme"
    assert org.state == "active"
    assert org.features["directory"] is True


def test_each_client_sees_its_own_organization(partner):
    assert genesys.OrganizationApi(partner).get_organizations_me().id == PARTNER


def test_token_info(acme):
    info = genesys.TokensApi(acme).get_tokens_me()
    assert info.organization.id == ACME
    assert info.home_organization.id == ACME
    assert info.o_auth_client.id == "acme-admin"


def test_bad_secret_is_refused(server):
    with pytest.raises(ApiException) as e:
        server.client("acme-admin", "wrong")
    assert e.value.status == 401


def test_errors_carry_the_genesys_body(server):
    api_client = genesys.api_client.ApiClient(host=server.base)
    api_client.access_token = "not-a-token"
    with pytest.raises(ApiException) as e:
        genesys.OrganizationApi(api_client).get_organizations_me()
    assert e.value.status == 401
    assert '"code":"bad.credentials"' in e.value.body
    assert e.value.headers["ININ-Correlation-Id"] in e.value.body
