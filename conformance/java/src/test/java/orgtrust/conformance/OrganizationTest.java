package orgtrust.conformance;

import static orgtrust.conformance.Orgtrust.ACME;
import static orgtrust.conformance.Orgtrust.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import com.mypurecloud.sdk.v2.model.EmbeddedIntegration;
import com.mypurecloud.sdk.v2.model.FeatureState;
import com.mypurecloud.sdk.v2.model.IpAddressAuthentication;
import com.mypurecloud.sdk.v2.model.OrgAuthSettings;
import com.mypurecloud.sdk.v2.model.OrgWhitelistSettings;
import com.mypurecloud.sdk.v2.model.Organization;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Organization API through the Java SDK's {@code OrganizationApi}: the organization, its
 * features, the authentication settings and their deprecated aliases, limits, field configuration.
 */
@ExtendWith(Recording.class)
class OrganizationTest {
    static Orgtrust.Server server;
    ApiClient client;
    OrganizationApi api;

    @BeforeAll
    static void start() throws Exception {
        // The emulator: its IP allowlists accept loopback, so the suite can lock itself in.
        server = Orgtrust.Server.start(doc -> {}, "--emulator");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private void signIn() throws Exception {
        client = server.client("acme-admin", "acme-admin-secret");
        api = new OrganizationApi(client);
    }

    static ApiException refused(int status, String code, org.junit.jupiter.api.function.Executable call) throws Exception {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.getStatusCode(), e.getRawBody());
        if (code != null) {
            assertEquals(code, code(e), e.getRawBody());
        }
        return e;
    }

    @Test
    void putMeBumpsTheVersionAndRefusesAStaleOne() throws Exception {
        signIn();
        Organization me = api.getOrganizationsMe();
        assertEquals(ACME, me.getId());
        me.setName("Acme Corporation");
        Organization updated = api.putOrganizationsMe(me);
        assertEquals("Acme Corporation", updated.getName());
        assertEquals(me.getVersion() + 1, updated.getVersion());
        refused(409, "general.conflict", () -> api.putOrganizationsMe(me));
        updated.setName("Acme Corp");
        api.putOrganizationsMe(updated);
    }

    @Test
    void features() throws Exception {
        signIn();
        assertTrue(api.patchOrganizationsFeature("pci", new FeatureState().enabled(true)).getPci());
        assertEquals(true, api.getOrganizationsMe().getFeatures().get("pci"));
        refused(400, null, () -> api.patchOrganizationsFeature("teleport", new FeatureState().enabled(true)));
    }

    @Test
    void authenticationSettings() throws Exception {
        signIn();
        OrgAuthSettings settings = api.getOrganizationsAuthenticationSettings();
        assertEquals(8, settings.getPasswordRequirements().getMinimumLength());
        OrgAuthSettings patched = api.patchOrganizationsAuthenticationSettings(
                new OrgAuthSettings().domainAllowlistEnabled(true).domainAllowlist(List.of("acme.example")));
        assertEquals(List.of("acme.example"), patched.getDomainAllowlist());
        assertEquals(1, patched.getPasswordRequirements().getMinimumUpper()); // untouched by the partial update
        assertEquals(List.of("acme.example"), api.getOrganizationsWhitelist().getDomainWhitelist());
        assertEquals(true, api.getOrganizationsEmbeddedintegration().getEnableWhitelist());
        api.patchOrganizationsAuthenticationSettings(new OrgAuthSettings().domainAllowlistEnabled(false).domainAllowlist(List.of()));
    }

    @Test
    void deprecatedAliasesReadAndWriteTheSameSettings() throws Exception {
        signIn();
        OrgWhitelistSettings written = api.putOrganizationsWhitelist(
                new OrgWhitelistSettings().enableWhitelist(true).domainWhitelist(List.of("w.example")));
        assertEquals(List.of(true, List.of("w.example")), List.of(written.getEnableWhitelist(), written.getDomainWhitelist()));
        EmbeddedIntegration embedded = api.getOrganizationsEmbeddedintegration();
        assertEquals(List.of(true, List.of("w.example")), List.of(embedded.getEnableWhitelist(), embedded.getDomainWhitelist()));
        api.putOrganizationsEmbeddedintegration(new EmbeddedIntegration().enableWhitelist(false).domainWhitelist(List.of("e.example")));
        OrgWhitelistSettings whitelist = api.getOrganizationsWhitelist();
        assertEquals(List.of(false, List.of("e.example")), List.of(whitelist.getEnableWhitelist(), whitelist.getDomainWhitelist()));
        assertEquals(List.of("e.example"), api.getOrganizationsAuthenticationSettings().getDomainAllowlist());

        // Public IPv4 ranges only (and loopback in the emulator); none that shuts the caller out.
        for (String bad : List.of("10.0.0.0/8", "300.0.0.0/8", "198.51.100.0/24")) {
            refused(400, "invalid.value", () -> api.putOrganizationsIpaddressauthentication(
                    new IpAddressAuthentication().networkWhitelist(List.of(bad))));
        }
        IpAddressAuthentication ip = api.putOrganizationsIpaddressauthentication(
                new IpAddressAuthentication().networkWhitelist(List.of("127.0.0.0/8")));
        assertEquals(List.of("127.0.0.0/8"), ip.getNetworkWhitelist());
        assertEquals(List.of("127.0.0.0/8"), api.getOrganizationsIpaddressauthentication().getNetworkWhitelist());
        assertEquals(List.of("127.0.0.0/8"), api.getOrganizationsAuthenticationSettings().getIpAddressAllowlist());
        api.putOrganizationsIpaddressauthentication(new IpAddressAuthentication().networkWhitelist(List.of()));
        assertEquals(List.of(), api.getOrganizationsIpaddressauthentication().getNetworkWhitelist());
    }

    @Test
    void limits() throws Exception {
        signIn();
        // The SDK types the namespace listing as Object.
        JsonNode namespaces = Orgtrust.JSON.valueToTree(api.getOrganizationsLimitsNamespaces(25, 1));
        List<String> names = new java.util.ArrayList<>();
        namespaces.get("entities").forEach(n -> names.add(n.get("name").asText()));
        assertEquals(List.of("authorization", "platform.api"), names);
        var limits = api.getOrganizationsLimitsNamespace("platform.api");
        assertTrue(limits.getEntities().stream().anyMatch(l ->
                l.getKey().equals("client.credentials.token.rate.per.minute") && l.getValue() == 300), limits.toString());
        var defaults = api.getOrganizationsLimitsNamespaceDefaults("authorization");
        assertEquals(Set.of("max.members.per.trust=25", "max.cloned.users=5"),
                defaults.getEntities().stream().map(l -> l.getKey() + "=" + l.getValue()).collect(Collectors.toSet()));
        // SDK 198 types the documentation answer as UrlResponse: of the reference's
        // LimitDocumentation (a url and the namespaces) it keeps the url.
        assertEquals("https://developer.genesys.cloud/organization/organization/limits", api.getOrganizationsLimitsDocs().getUrl());
        JsonNode freeTrial = Orgtrust.generic(client, "GET", "/api/v2/organizations/limits/docs/freetrial");
        assertEquals(2, freeTrial.get("namespaces").size());
        var listing = api.getOrganizationsLimitsChangerequests(null, null, null, 25, List.of("statusHistory"));
        assertEquals(List.of(), listing.getEntities());
        refused(404, null, () -> api.getOrganizationsLimitsChangerequest("nope"));
    }

    @Test
    void fieldconfig() throws Exception {
        signIn();
        assertEquals("group", api.getFieldconfig("group").getEntityType().toString());
        refused(400, "bad.entity.type", () -> api.getFieldconfig("externalContact"));
    }
}
