"""The Organization API through the official Python SDK: the organization, its authentication
settings and their deprecated aliases, limits, and field configuration."""

import json

import pytest
import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2.rest import ApiException

from conftest import ACME


def model(cls, **fields):
    """An SDK model with `fields` set (the generated constructors take no arguments)."""
    m = cls()
    for name, value in fields.items():
        setattr(m, name, value)
    return m


@pytest.mark.seed("004", "getOrganizationsMe", "putOrganizationsMe")
def test_put_me_bumps_the_version_and_refuses_a_stale_one(acme):
    api = genesys.OrganizationApi(acme)
    me = api.get_organizations_me()
    me.name = "Acme Corporation"
    updated = api.put_organizations_me(body=me)
    assert updated.name == "Acme Corporation"
    assert updated.version == me.version + 1
    with pytest.raises(ApiException) as e:
        api.put_organizations_me(body=me)
    assert e.value.status == 409
    assert '"code":"general.conflict"' in e.value.body


@pytest.mark.seed("004", "patchOrganizationsFeature")
def test_features(acme):
    api = genesys.OrganizationApi(acme)
    features = api.patch_organizations_feature("pci", model(genesys.FeatureState, enabled=True))
    assert features.pci is True
    assert api.get_organizations_me().features["pci"] is True
    with pytest.raises(ApiException) as e:
        api.patch_organizations_feature("teleport", model(genesys.FeatureState, enabled=True))
    assert e.value.status == 400


@pytest.mark.seed("004", "getOrganizationsAuthenticationSettings", "patchOrganizationsAuthenticationSettings")
def test_authentication_settings_and_aliases(acme, partner, emulator):
    api = genesys.OrganizationApi(acme)
    settings = api.get_organizations_authentication_settings()
    assert settings.password_requirements.minimum_length == 8
    patched = api.patch_organizations_authentication_settings(
        model(genesys.OrgAuthSettings, domain_allowlist_enabled=True, domain_allowlist=["acme.example"])
    )
    assert patched.domain_allowlist == ["acme.example"]
    assert patched.password_requirements.minimum_upper == 1  # untouched by the partial update
    assert api.get_organizations_whitelist().domain_whitelist == ["acme.example"]
    assert api.get_organizations_embeddedintegration().enable_whitelist is True
    # Public IPv4 ranges only, as Genesys accepts them: private and (outside the emulator)
    # loopback ranges are refused, naming the entry.
    for refused in ["10.0.0.0/8", "127.0.0.0/8"]:
        with pytest.raises(ApiException) as e:
            api.put_organizations_ipaddressauthentication(
                model(genesys.IpAddressAuthentication, network_whitelist=[refused])
            )
        assert e.value.status == 400
        assert '"code":"invalid.value"' in e.value.body and refused in e.value.body
    # The emulator accepts loopback, so a local test can lock itself in.
    local = genesys.OrganizationApi(emulator.client("acme-admin", "acme-admin-secret"))
    local.put_organizations_ipaddressauthentication(
        model(genesys.IpAddressAuthentication, network_whitelist=["127.0.0.0/8"])
    )
    assert local.get_organizations_authentication_settings().ip_address_allowlist == ["127.0.0.0/8"]
    with pytest.raises(ApiException) as e:
        local.put_organizations_ipaddressauthentication(
            model(genesys.IpAddressAuthentication, network_whitelist=["198.51.100.0/24"])
        )
    assert e.value.status == 400
    assert '"code":"invalid.value"' in e.value.body
    local.patch_organizations_authentication_settings(model(genesys.OrgAuthSettings, ip_address_allowlist=[]))
    # Another organization keeps its own settings.
    assert genesys.OrganizationApi(partner).get_organizations_whitelist().domain_whitelist == []


@pytest.mark.seed(
    "004",
    "getOrganizationsWhitelist", "putOrganizationsWhitelist", "getOrganizationsEmbeddedintegration",
    "putOrganizationsEmbeddedintegration", "getOrganizationsIpaddressauthentication",
    "putOrganizationsIpaddressauthentication",
)
def test_deprecated_aliases_read_and_write_the_same_settings(acme, emulator):
    api = genesys.OrganizationApi(acme)
    written = api.put_organizations_whitelist(
        model(genesys.OrgWhitelistSettings, enable_whitelist=True, domain_whitelist=["w.example"])
    )
    assert (written.enable_whitelist, written.domain_whitelist) == (True, ["w.example"])
    embedded = api.get_organizations_embeddedintegration()
    assert (embedded.enable_whitelist, embedded.domain_whitelist) == (True, ["w.example"])
    api.put_organizations_embeddedintegration(
        model(genesys.EmbeddedIntegration, enable_whitelist=False, domain_whitelist=["e.example"])
    )
    whitelist = api.get_organizations_whitelist()
    assert (whitelist.enable_whitelist, whitelist.domain_whitelist) == (False, ["e.example"])
    settings = api.get_organizations_authentication_settings()
    assert (settings.domain_allowlist_enabled, settings.domain_allowlist) == (False, ["e.example"])

    # Loopback ranges are accepted by the emulator only (public IPv4 ranges elsewhere).
    local = genesys.OrganizationApi(emulator.client("acme-admin", "acme-admin-secret"))
    ip = local.put_organizations_ipaddressauthentication(
        model(genesys.IpAddressAuthentication, network_whitelist=["127.0.0.0/8"])
    )
    assert ip.network_whitelist == ["127.0.0.0/8"]
    assert local.get_organizations_ipaddressauthentication().network_whitelist == ["127.0.0.0/8"]
    with pytest.raises(ApiException) as e:
        local.put_organizations_ipaddressauthentication(
            model(genesys.IpAddressAuthentication, network_whitelist=["300.0.0.0/8"])
        )
    assert e.value.status == 400 and json.loads(e.value.body)["code"] == "invalid.value"
    local.put_organizations_ipaddressauthentication(model(genesys.IpAddressAuthentication, network_whitelist=[]))
    assert local.get_organizations_ipaddressauthentication().network_whitelist == []


@pytest.mark.seed("004", "getOrganizationsLimitsNamespaces", "getOrganizationsLimitsNamespace", "getOrganizationsLimitsNamespaceDefaults", "getOrganizationsLimitsDocs", "getOrganizationsLimitsChangerequests")
def test_limits(acme):
    api = genesys.OrganizationApi(acme)
    namespaces = api.get_organizations_limits_namespaces()
    assert [n["name"] for n in namespaces["entities"]] == ["authorization", "platform.api"]
    limits = api.get_organizations_limits_namespace("platform.api")
    assert {(l.key, l.value) for l in limits.entities} >= {("client.credentials.token.rate.per.minute", 300)}
    defaults = api.get_organizations_limits_namespace_defaults("authorization")
    assert {(l.key, l.value) for l in defaults.entities} == {("max.members.per.trust", 25), ("max.cloned.users", 5)}
    docs = api.get_organizations_limits_docs()
    assert {n.name for n in docs.namespaces} == {"authorization", "platform.api"}
    listing = api.get_organizations_limits_changerequests(expand=["statusHistory"])
    assert listing.entities == []
    with pytest.raises(ApiException) as e:
        api.get_organizations_limits_changerequest("nope")
    assert e.value.status == 404


@pytest.mark.seed("004", "getFieldconfig")
def test_fieldconfig(acme):
    api = genesys.OrganizationApi(acme)
    assert api.get_fieldconfig("group").entity_type == "group"
    with pytest.raises(ApiException) as e:
        api.get_fieldconfig("externalContact")
    assert e.value.status == 400
    assert '"code":"bad.entity.type"' in e.value.body


def test_me_still_names_acme(acme):
    assert genesys.OrganizationApi(acme).get_organizations_me().id == ACME
