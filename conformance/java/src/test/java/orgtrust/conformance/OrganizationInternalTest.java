package orgtrust.conformance;

import static orgtrust.conformance.Orgtrust.ACME;
import static orgtrust.conformance.Orgtrust.generic;
import static orgtrust.conformance.OrganizationTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import com.mypurecloud.sdk.v2.model.LimitChangeRequestDetails;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operations of the reference extract that no public SDK release has (creating and
 * terminating organizations, scope enforcement, password requirements, migrations, limit change
 * requests), through the SDK's generic {@code ApiClient.invoke}, read back through its methods
 * where it has them.
 */
@ExtendWith(Recording.class)
class OrganizationInternalTest {
    static final String DOOMED = "d0000000-0000-4000-8000-000000000001";
    static Orgtrust.Server server;

    /** The demo data plus an Acme operator (internal permissions), an Acme client authorized for
     * the {@code organization} scope, and an organization that may terminate itself. */
    @BeforeAll
    static void start() throws Exception {
        server = Orgtrust.Server.start(doc -> {
            for (JsonNode org : doc.get("organizations")) {
                if (org.get("name").asText().equals("Acme Corp")) {
                    ((ArrayNode) org.get("roles")).addObject().put("name", "Operator")
                            .putArray("permissions").add("*").add("internal:*:*");
                    ArrayNode clients = (ArrayNode) org.get("oauthClients");
                    ObjectNode op = clients.addObject().put("id", "acme-operator").put("secret", "acme-operator-secret")
                            .put("name", "Acme operator");
                    op.putArray("roles").add("Operator");
                    ObjectNode scoped = clients.addObject().put("id", "acme-scoped").put("secret", "acme-scoped-secret")
                            .put("name", "Acme scoped");
                    scoped.putArray("roles").add("Admin");
                    scoped.putArray("scope").add("organization");
                }
            }
            ObjectNode doomed = ((ArrayNode) doc.get("organizations")).addObject()
                    .put("id", DOOMED).put("name", "Doomed Co").put("thirdPartyOrgName", "doomed");
            doomed.putArray("roles").addObject().put("name", "Terminator")
                    .putArray("permissions").add("*").add("internal:organization:terminate");
            ObjectNode admin = doomed.putArray("oauthClients").addObject().put("id", "doomed-admin")
                    .put("secret", "doomed-admin-secret").put("name", "Doomed admin");
            admin.putArray("roles").add("Terminator");
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    @Test
    void enforceScopes() throws Exception {
        ApiClient admin = server.client("acme-admin", "acme-admin-secret");
        ApiClient scoped = server.client("acme-scoped", "acme-scoped-secret");
        assertEquals(false, generic(admin, "GET", "/api/v2/organizations/enforcescopes").get("enforceScopes").asBoolean());
        assertEquals(true, generic(admin, "PUT", "/api/v2/organizations/enforcescopes", Map.of(), Map.of(),
                body("enforceScopes", true)).get("enforceScopes").asBoolean());
        // The admin client has no authorized scopes: refused, naming the scope it lacks.
        var e = refused(403, "not.authorized", () -> new OrganizationApi(admin).getOrganizationsAuthenticationSettings());
        assertTrue(e.getRawBody().contains("[organization]"), e.getRawBody());
        assertNotNull(new OrganizationApi(scoped).getOrganizationsAuthenticationSettings().getPasswordRequirements());
        assertEquals(false, generic(scoped, "PUT", "/api/v2/organizations/enforcescopes", Map.of(), Map.of(),
                body("enforceScopes", false)).get("enforceScopes").asBoolean());
        assertEquals(ACME, new OrganizationApi(admin).getOrganizationsMe().getId());
    }

    @Test
    void passwordRequirements() throws Exception {
        ApiClient admin = server.client("acme-admin", "acme-admin-secret");
        ObjectNode before = (ObjectNode) generic(admin, "GET", "/api/v2/organizations/passwordrequirements");
        assertEquals(8, before.get("minimumLength").asInt());
        JsonNode after = generic(admin, "PUT", "/api/v2/organizations/passwordrequirements", Map.of(), Map.of(),
                before.deepCopy().put("minimumLength", 12));
        assertEquals(12, after.get("minimumLength").asInt());
        assertEquals(12, new OrganizationApi(admin).getOrganizationsAuthenticationSettings().getPasswordRequirements().getMinimumLength());
        refused(400, "invalid.value", () -> generic(admin, "PUT", "/api/v2/organizations/passwordrequirements", Map.of(), Map.of(),
                body("minimumLength", 3)));
        assertEquals(12, generic(admin, "GET", "/api/v2/organizations/passwordrequirements").get("minimumLength").asInt());
    }

    @Test
    void migrations() throws Exception {
        ApiClient admin = server.client("acme-admin", "acme-admin-secret");
        JsonNode listing = generic(admin, "GET", "/api/v2/organizations/migrations", Map.of(),
                Map.of("migrationType", "Disabled", "includeDetails", "true"), null);
        assertEquals(1, listing.get("entities").size(), listing.toString());
        assertEquals("oauthScopeEnforcement", listing.get("entities").get(0).get("name").asText());
        String one = "/api/v2/organizations/migrations/{migrationName}";
        assertTrue(generic(admin, "GET", one, Map.of("migrationName", "divisionAwareTrustees"), Map.of(), null)
                .get("enabled").asBoolean());
        assertTrue(generic(admin, "PATCH", one, Map.of("migrationName", "oauthScopeEnforcement"), Map.of(),
                body("enabled", true)).get("enabled").asBoolean());
        JsonNode state = generic(admin, "GET", one + "/state", Map.of("migrationName", "oauthScopeEnforcement"), Map.of(), null);
        assertEquals(Orgtrust.JSON.readTree("{\"enabled\":true}"), state);
        refused(404, null, () -> generic(admin, "GET", one, Map.of("migrationName", "noSuchMigration"), Map.of(), null));
        generic(admin, "PATCH", one, Map.of("migrationName", "oauthScopeEnforcement"), Map.of(), body("enabled", false));
    }

    @Test
    void limitChangeRequests() throws Exception {
        ApiClient operator = server.client("acme-operator", "acme-operator-secret");
        ApiClient admin = server.client("acme-admin", "acme-admin-secret");
        OrganizationApi api = new OrganizationApi(admin);
        JsonNode created = generic(operator, "POST", "/api/v2/organizations/limits/changerequests", Map.of(), Map.of(),
                body("key", "max.cloned.users", "namespace", "authorization", "requestedValue", 7,
                        "description", "more clones", "supportCaseUrl", "https://support.example/7"));
        assertEquals("Open", created.get("status").asText());
        assertEquals(5, created.get("currentValue").asInt());
        String id = created.get("id").asText();
        String one = "/api/v2/organizations/limits/changerequests/{requestId}";
        // Skipping steps of the workflow is refused.
        refused(400, null, () -> generic(operator, "PATCH", one, Map.of("requestId", id), Map.of(), body("status", "ChangeImplemented")));
        for (String status : List.of("Pending", "Approved", "ImplementingChange", "ChangeImplemented")) {
            assertEquals(status, generic(operator, "PATCH", one, Map.of("requestId", id), Map.of(), body("status", status))
                    .get("status").asText());
        }
        LimitChangeRequestDetails got = api.getOrganizationsLimitsChangerequest(id);
        assertEquals(id, got.getId());
        assertEquals("ChangeImplemented", got.getStatus().toString());
        assertEquals(7.0, got.getRequestedValue());
        assertNotNull(got.getDateCompleted());
        var history = got.getStatusHistory();
        assertEquals("ChangeImplemented", history.get(history.size() - 1).getStatus().toString());
        var listing = api.getOrganizationsLimitsChangerequests(null, null, "ChangeImplemented", 25, List.of("statusHistory"));
        assertEquals(1, listing.getEntities().size());
        assertEquals(id, listing.getEntities().get(0).getId());
        assertTrue(api.getOrganizationsLimitsNamespace("authorization").getEntities().stream()
                .anyMatch(l -> l.getKey().equals("max.cloned.users") && l.getValue() == 7));
        // A customer may not file requests itself.
        refused(403, "missing.any.permissions", () -> generic(admin, "POST", "/api/v2/organizations/limits/changerequests",
                Map.of(), Map.of(), body("key", "max.cloned.users", "namespace", "authorization", "requestedValue", 9,
                        "description", "d", "supportCaseUrl", "u")));
    }

    @Test
    void createAndTerminateOrganizations() throws Exception {
        ApiClient operator = server.client("platform-operator", "platform-operator-secret");
        JsonNode org = generic(operator, "POST", "/api/v2/organizations", Map.of(), Map.of(), body(
                "name", "Java Co", "adminUsername", "admin@java.example", "adminPassword", "Java-admin-pass-1!",
                "domain", "java.example", "thirdPartyOrgName", "javaco"));
        assertEquals(List.of("Java Co", "active", "javaco"), List.of(org.get("name").asText(), org.get("state").asText(),
                org.get("thirdPartyOrgName").asText()));
        refused(400, "invalid.value", () -> generic(operator, "POST", "/api/v2/organizations", Map.of(), Map.of(), body(
                "name", "Weak Co", "adminUsername", "admin@weak.example", "adminPassword", "weak",
                "domain", "weak.example", "thirdPartyOrgName", "weakco")));

        ApiClient doomed = server.client("doomed-admin", "doomed-admin-secret");
        assertEquals(DOOMED, new OrganizationApi(doomed).getOrganizationsMe().getId());
        generic(doomed, "DELETE", "/api/v2/organizations/me");
        refused(401, null, () -> new OrganizationApi(doomed).getOrganizationsMe());
        Orgtrust.TokenRefused t = assertThrows(Orgtrust.TokenRefused.class, () -> server.client("doomed-admin", "doomed-admin-secret"));
        assertTrue(t.status == 400 || t.status == 401, t.getMessage());
    }
}
