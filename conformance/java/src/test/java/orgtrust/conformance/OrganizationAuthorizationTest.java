package orgtrust.conformance;

import static orgtrust.conformance.Orgtrust.ACME;
import static orgtrust.conformance.Orgtrust.CARE;
import static orgtrust.conformance.Orgtrust.PARTNER;
import static orgtrust.conformance.Orgtrust.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.GroupsApi;
import com.mypurecloud.sdk.v2.api.OrganizationAuthorizationApi;
import com.mypurecloud.sdk.v2.model.ClonedUser;
import com.mypurecloud.sdk.v2.model.Facet;
import com.mypurecloud.sdk.v2.model.Group;
import com.mypurecloud.sdk.v2.model.GroupCreate;
import com.mypurecloud.sdk.v2.model.RoleDivisionGrants;
import com.mypurecloud.sdk.v2.model.RoleDivisionPair;
import com.mypurecloud.sdk.v2.model.TrustCreate;
import com.mypurecloud.sdk.v2.model.TrustMemberCreate;
import com.mypurecloud.sdk.v2.model.TrustRequest;
import com.mypurecloud.sdk.v2.model.TrustRequestCreate;
import com.mypurecloud.sdk.v2.model.TrustUpdate;
import com.mypurecloud.sdk.v2.model.TrusteeAuditQueryRequest;
import com.mypurecloud.sdk.v2.model.Trustee;
import com.mypurecloud.sdk.v2.model.TrustorAuditQueryRequest;
import com.mypurecloud.sdk.v2.model.UserAuthorization;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Organization Authorization through the Java SDK's {@code OrganizationAuthorizationApi}: the
 * pairing and trust flow from both sides, members and their roles, groups, cloned users,
 * Customer Care, bulk deletes and the audits, with the typed answers and documented failures.
 */
@ExtendWith(Recording.class)
class OrganizationAuthorizationTest {
    static final String PAT = "b0000000-0000-4000-8000-000000000031";
    static final String SAM = "b0000000-0000-4000-8000-000000000032";
    static final String SUPPORT = "b0000000-0000-4000-8000-000000000041";
    static final String ADMIN = "a0000000-0000-4000-8000-000000000021";
    static final String USER_VIEWER = "a0000000-0000-4000-8000-000000000022";
    static final String TRUST_AUDITOR = "a0000000-0000-4000-8000-000000000023";
    static final String EMEA = "a0000000-0000-4000-8000-000000000012";

    static Orgtrust.Server server;
    OrganizationAuthorizationApi acme;
    OrganizationAuthorizationApi partner;

    @BeforeAll
    static void start() throws Exception {
        server = Orgtrust.Server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private OrganizationAuthorizationApi api(String id) throws Exception {
        return new OrganizationAuthorizationApi(server.client(id, id + "-secret"));
    }

    private void signIn() throws Exception {
        acme = api("acme-admin");
        partner = api("partner-admin");
    }

    private static List<String> ids(List<?> entities) {
        return entities.stream().map(e -> {
            try {
                return (String) e.getClass().getMethod("getId").invoke(e);
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException(x);
            }
        }).collect(Collectors.toList());
    }

    /** Partner asks for Pat and the Support group; Acme trusts Partner (Pat with {@code roleIds}). */
    private Trustee makeTrust(List<String> roleIds) throws Exception {
        TrustRequest pairing = partner.postOrgauthorizationPairings(
                new TrustRequestCreate().userIds(List.of(PAT)).groupIds(List.of(SUPPORT)));
        return acme.postOrgauthorizationTrustees(new TrustCreate().pairingId(pairing.getId()).enabled(true)
                .users(List.of(new TrustMemberCreate().id(PAT).roleIds(roleIds)))
                .groups(List.of(new TrustMemberCreate().id(SUPPORT).roleDivisions(new RoleDivisionGrants()
                        .grants(List.of(new RoleDivisionPair().roleId(USER_VIEWER).divisionId(EMEA)))))));
    }

    private static ApiException refused(int status, String code, org.junit.jupiter.api.function.Executable call) throws Exception {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.getStatusCode(), e.getRawBody());
        if (code != null) {
            assertEquals(code, code(e), e.getRawBody());
        }
        return e;
    }

    @Test
    void pairingTrustAndBothViews() throws Exception {
        signIn();
        TrustRequest pairing = partner.postOrgauthorizationPairings(
                new TrustRequestCreate().userIds(List.of(PAT)).groupIds(List.of(SUPPORT)));
        assertEquals(PARTNER, pairing.getTrustee().getId());
        assertEquals("Pat Partner", pairing.getUsers().get(0).getName());
        assertEquals("Partner Support", pairing.getGroups().get(0).getName());
        TrustRequest again = acme.getOrgauthorizationPairing(pairing.getId());
        assertEquals(pairing.getId(), again.getId());
        assertEquals("Partner Co", again.getTrustee().getName());
        assertNotNull(again.getDateCreated());
        refused(404, "not.found", () -> acme.getOrgauthorizationPairing("no-such-pairing"));

        refused(400, "pairing.id.required", () -> acme.postOrgauthorizationTrustees(
                new TrustCreate().enabled(true).users(List.of(new TrustMemberCreate().id(PAT)))));
        Trustee trust = acme.postOrgauthorizationTrustees(new TrustCreate().pairingId(pairing.getId()).enabled(true)
                .users(List.of(new TrustMemberCreate().id(PAT).roleIds(List.of(USER_VIEWER)))));
        assertEquals(PARTNER, trust.getId());
        assertTrue(trust.getEnabled());
        assertEquals("Partner Co", trust.getOrganization().getName());
        assertEquals("acme-admin", trust.getCreatedBy().getId());
        assertNotNull(trust.getDateCreated());
        refused(409, "pairing.used", () -> acme.postOrgauthorizationTrustees(new TrustCreate()
                .pairingId(pairing.getId()).enabled(true).users(List.of(new TrustMemberCreate().id(PAT)))));

        var listing = acme.getOrgauthorizationTrustees(10, 1);
        assertEquals("1 10 1 1", listing.getTotal() + " " + listing.getPageSize() + " " + listing.getPageNumber() + " " + listing.getPageCount());
        assertEquals(List.of(PARTNER), ids(listing.getEntities()));
        refused(400, "invalid.value", () -> acme.getOrgauthorizationTrustees(501, 1));
        assertEquals(trust.getDateCreated(), acme.getOrgauthorizationTrustee(PARTNER).getDateCreated());

        var trustors = partner.getOrgauthorizationTrustors(25, 1);
        assertEquals(1L, trustors.getTotal());
        assertEquals(ACME, trustors.getEntities().get(0).getId());
        var trustor = partner.getOrgauthorizationTrustor(ACME);
        assertEquals("Acme Corp", trustor.getOrganization().getName());
        assertEquals(trust.getDateCreated(), trustor.getDateCreated());
        refused(404, "not.found", () -> partner.getOrgauthorizationTrustor(CARE));

        // Disabled with an expiry (java.util.Date, the SDK's date-time type); the trustee's view follows.
        Date expires = new Date(System.currentTimeMillis() / 1000 * 1000 + 3 * 86_400_000L);
        Trustee updated = acme.putOrgauthorizationTrustee(PARTNER, new TrustUpdate().enabled(false).dateExpired(expires));
        assertEquals(false, updated.getEnabled());
        assertEquals(expires, updated.getDateExpired());
        assertEquals(false, partner.getOrgauthorizationTrustor(ACME).getEnabled());
        refused(404, "not.found", () -> acme.putOrgauthorizationTrustee(CARE, new TrustUpdate().enabled(true)));

        acme.deleteOrgauthorizationTrustee(PARTNER);
        refused(404, "not.found", () -> acme.getOrgauthorizationTrustee(PARTNER));
        assertEquals(0L, partner.getOrgauthorizationTrustors(25, 1).getTotal());
    }

    @Test
    void membersRolesAndGroupsOnBothSides() throws Exception {
        signIn();
        makeTrust(List.of(USER_VIEWER));
        try {
            var users = acme.getOrgauthorizationTrusteeUsers(PARTNER, 5, 1);
            assertEquals("1 5 1", users.getTotal() + " " + users.getPageSize() + " " + users.getPageNumber());
            assertEquals(PAT, users.getEntities().get(0).getId());
            assertEquals("acme-admin", users.getEntities().get(0).getTrustUserDetails().getCreatedBy().getId());
            assertEquals("pat@partner.example", acme.getOrgauthorizationTrusteeUser(PARTNER, PAT).getEmail());
            refused(404, "not.found", () -> acme.getOrgauthorizationTrusteeUser(PARTNER, SAM));

            UserAuthorization roles = acme.getOrgauthorizationTrusteeUserRoles(PARTNER, PAT);
            assertEquals(List.of("User Viewer"), roles.getRoles().stream().map(r -> r.getName()).collect(Collectors.toList()));
            assertEquals(List.of("directory:group:view", "directory:user:view"), roles.getPermissions());
            roles = acme.putOrgauthorizationTrusteeUserRoles(PARTNER, PAT, List.of(TRUST_AUDITOR));
            assertEquals(List.of(TRUST_AUDITOR), ids(roles.getRoles()));
            assertTrue(roles.getPermissions().contains("authorization:audit:view"));
            refused(400, null, () -> acme.putOrgauthorizationTrusteeUserRoles(PARTNER, PAT, List.of("no-such-role")));
            roles = acme.putOrgauthorizationTrusteeUserRoledivisions(PARTNER, PAT, new RoleDivisionGrants()
                    .grants(List.of(new RoleDivisionPair().roleId(ADMIN).divisionId(EMEA))));
            assertEquals(List.of("Admin"), roles.getRoles().stream().map(r -> r.getName()).collect(Collectors.toList()));
            acme.deleteOrgauthorizationTrusteeUserRoles(PARTNER, PAT);
            roles = acme.getOrgauthorizationTrusteeUserRoles(PARTNER, PAT);
            assertEquals(List.of(), roles.getRoles());
            assertEquals(List.of(), roles.getPermissions());

            var groups = acme.getOrgauthorizationTrusteeGroups(PARTNER, 25, 1);
            assertEquals(1L, groups.getTotal());
            assertEquals("Partner Support", groups.getEntities().get(0).getName());
            var group = acme.getOrgauthorizationTrusteeGroup(PARTNER, SUPPORT);
            assertEquals("official", group.getType().toString());
            assertEquals(1L, group.getMemberCount());
            UserAuthorization groles = acme.getOrgauthorizationTrusteeGroupRoles(PARTNER, SUPPORT);
            assertEquals(List.of("User Viewer"), groles.getRoles().stream().map(r -> r.getName()).collect(Collectors.toList()));
            groles = acme.putOrgauthorizationTrusteeGroupRoles(PARTNER, SUPPORT, List.of(ADMIN));
            assertEquals(List.of(ADMIN), ids(groles.getRoles()));
            groles = acme.putOrgauthorizationTrusteeGroupRoledivisions(PARTNER, SUPPORT, new RoleDivisionGrants()
                    .grants(List.of(new RoleDivisionPair().roleId(USER_VIEWER).divisionId("*"))));
            assertEquals(List.of("directory:group:view", "directory:user:view"), groles.getPermissions());
            acme.deleteOrgauthorizationTrusteeGroupRoles(PARTNER, SUPPORT);
            assertEquals(List.of(), acme.getOrgauthorizationTrusteeGroupRoles(PARTNER, SUPPORT).getPermissions());

            acme.deleteOrgauthorizationTrusteeGroup(PARTNER, SUPPORT);
            acme.deleteOrgauthorizationTrusteeUser(PARTNER, PAT);
            assertEquals(0L, acme.getOrgauthorizationTrusteeUsers(PARTNER, 25, 1).getTotal());
            var added = acme.postOrgauthorizationTrusteeUsers(PARTNER, new TrustMemberCreate().id(PAT).roleIds(List.of(ADMIN)));
            assertEquals(PAT, added.getId());
            assertEquals("Pat Partner", added.getName());
            refused(400, null, () -> acme.postOrgauthorizationTrusteeUsers(PARTNER,
                    new TrustMemberCreate().id("a0000000-0000-4000-8000-000000000031").roleIds(List.of(ADMIN))));
            assertEquals(SUPPORT, acme.postOrgauthorizationTrusteeGroups(PARTNER, new TrustMemberCreate().id(SUPPORT)).getId());

            // The trustee's side.
            var sam = partner.putOrgauthorizationTrustorUser(ACME, SAM);
            assertEquals(SAM, sam.getId());
            assertEquals("partner-admin", sam.getTrustUserDetails().getCreatedBy().getId());
            var tusers = partner.getOrgauthorizationTrustorUsers(ACME, 25, 1);
            assertEquals(Set.of(PAT, SAM), Set.copyOf(ids(tusers.getEntities())));
            assertEquals("Sam Support", partner.getOrgauthorizationTrustorUser(ACME, SAM).getName());
            refused(404, null, () -> partner.putOrgauthorizationTrustorUser(ACME, "a0000000-0000-4000-8000-000000000031"));
            partner.deleteOrgauthorizationTrustorUser(ACME, SAM);
            refused(404, "not.found", () -> partner.getOrgauthorizationTrustorUser(ACME, SAM));
            assertEquals(List.of(SUPPORT), ids(partner.getOrgauthorizationTrustorGroups(ACME, 25, 1).getEntities()));
            assertEquals("Partner Support", partner.getOrgauthorizationTrustorGroup(ACME, SUPPORT).getName());
            partner.deleteOrgauthorizationTrustorGroup(ACME, SUPPORT);
            assertEquals(0L, partner.getOrgauthorizationTrustorGroups(ACME, 25, 1).getTotal());
            assertEquals("Partner Support", partner.putOrgauthorizationTrustorGroup(ACME, SUPPORT).getName());
        } finally {
            partner.deleteOrgauthorizationTrustor(ACME);
        }
        assertEquals(0L, partner.getOrgauthorizationTrustors(25, 1).getTotal());
        refused(404, "not.found", () -> partner.deleteOrgauthorizationTrustor(ACME));
    }

    @Test
    void clonedUsers() throws Exception {
        signIn();
        makeTrust(List.of(USER_VIEWER));
        try {
            ClonedUser clone = partner.putOrgauthorizationTrustorCloneduser(ACME, PAT);
            assertNotEquals(PAT, clone.getId());
            assertEquals("Pat Partner", clone.getName());
            assertEquals(ACME, clone.getTrustor().getId());
            var listed = partner.getOrgauthorizationTrustorClonedusers(ACME);
            assertEquals(List.of(clone.getId()), ids(listed.getEntities()));
            assertEquals(clone.getId(), partner.getOrgauthorizationTrustorCloneduser(ACME, PAT).getId());
            assertEquals(List.of(clone.getId()), ids(acme.getOrgauthorizationTrusteeClonedusers(PARTNER).getEntities()));
            acme.deleteOrgauthorizationTrusteeCloneduser(PARTNER, PAT);
            assertEquals(List.of(), partner.getOrgauthorizationTrustorClonedusers(ACME).getEntities());
            partner.putOrgauthorizationTrustorCloneduser(ACME, SAM);
            partner.deleteOrgauthorizationTrustorCloneduser(ACME, SAM);
            assertEquals(List.of(), acme.getOrgauthorizationTrusteeClonedusers(PARTNER).getEntities());
        } finally {
            acme.deleteOrgauthorizationTrustee(PARTNER);
        }
    }

    @Test
    void customerCareAndBulkDeletes() throws Exception {
        signIn();
        ApiClient acmeClient = server.client("acme-admin", "acme-admin-secret");
        ApiClient partnerClient = server.client("partner-admin", "partner-admin-secret");
        refused(404, null, () -> acme.getOrgauthorizationTrusteesDefault());
        Trustee care = acme.postOrgauthorizationTrusteesDefault(true, true);
        assertEquals(CARE, care.getId());
        assertTrue(care.getUsesDefaultRole());
        assertNotNull(care.getDateExpired());
        assertEquals(CARE, acme.getOrgauthorizationTrusteesDefault().getId());
        refused(409, "trust.already.exists", () -> acme.postOrgauthorizationTrusteesDefault(false, false));

        // The Customer Care list operations: this SDK release has no method for them.
        JsonNode careIds = Orgtrust.generic(acmeClient, "GET", "/api/v2/orgauthorization/trustees/care");
        assertEquals(CARE, careIds.get("entities").get(0).get("id").asText());
        JsonNode listing = Orgtrust.generic(partnerClient, "POST", "/api/v2/orgauthorization/trustees/care", Map.of(),
                Map.of("assignDefaultRole", "false", "autoExpire", "false", "assignFullAccess", "true",
                        "allowTrustedUserAccess", "true"), null);
        assertEquals(1, listing.get("total").asInt());
        assertTrue(listing.get("entities").get(0).get("hasFullAccess").asBoolean());
        assertTrue(listing.get("entities").get(0).get("isTrustedUser").asBoolean());

        // Bulk delete: all or nothing, an unknown id named.
        makeTrust(List.of(USER_VIEWER));
        String unknown = "d0000000-0000-4000-8000-000000000001";
        ApiException e = refused(400, null, () -> acme.deleteOrgauthorizationTrustees(List.of(PARTNER, unknown)));
        assertTrue(e.getRawBody().contains(unknown), e.getRawBody());
        assertEquals(2L, acme.getOrgauthorizationTrustees(25, 1).getTotal());
        acme.deleteOrgauthorizationTrustees(List.of(PARTNER, CARE));
        assertEquals(0L, acme.getOrgauthorizationTrustees(25, 1).getTotal());

        makeTrust(List.of(USER_VIEWER));
        partner.deleteOrgauthorizationTrustors(List.of(ACME));
        assertEquals(0L, partner.getOrgauthorizationTrustors(25, 1).getTotal());
    }

    @Test
    void auditsOfWhatTrusteeUsersDidInTheTrustor() throws Exception {
        signIn();
        makeTrust(List.of(ADMIN));
        try {
            // Pat signs in to Acme through the trust and creates a group there.
            ApiClient patInAcme = server.userClient("partner-admin", "partner-admin-secret", "pat@partner.example",
                    "Partner-pat-1!", ACME);
            Group group = new GroupsApi(patInAcme).postGroups(new GroupCreate().name("Night Shift")
                    .type(GroupCreate.TypeEnum.OFFICIAL).visibility(GroupCreate.VisibilityEnum.PUBLIC));

            // The SDK types both audit answers as Object (a map of the JSON).
            Object trustee = acme.postOrgauthorizationTrusteesAudits(new TrusteeAuditQueryRequest()
                    .trusteeOrganizationIds(List.of(PARTNER)).trusteeUserIds(List.of(PAT))
                    .facets(List.of(new Facet().name("action").type("STRING"))), 25, 1, "timestamp", "descending");
            JsonNode t = Orgtrust.JSON.valueToTree(trustee);
            JsonNode created = null;
            for (JsonNode m : t.get("auditMessages")) {
                if (m.get("entity").get("id").asText().equals(group.getId())) {
                    created = m;
                }
            }
            assertNotNull(created, t.toString());
            assertEquals("create", created.get("action").asText());
            assertEquals("Night Shift", created.get("entity").get("name").asText());
            assertEquals(PAT, created.get("user").get("id").asText());
            assertEquals(t.get("auditMessages").size(), t.get("total").asInt());

            Object trustor = partner.postOrgauthorizationTrustorAudits(new TrustorAuditQueryRequest()
                    .trustorOrganizationId(ACME).trusteeUserIds(List.of(PAT)), 25, 1, "timestamp", "ascending");
            boolean seen = false;
            for (JsonNode m : Orgtrust.JSON.valueToTree(trustor).get("auditMessages")) {
                seen |= m.get("entity").get("id").asText().equals(group.getId()) && m.get("user").get("id").asText().equals(PAT);
            }
            assertTrue(seen);

            refused(400, "invalid.value", () -> acme.postOrgauthorizationTrusteesAudits(new TrusteeAuditQueryRequest()
                    .trusteeOrganizationIds(List.of(CARE)).trusteeUserIds(List.of()), 25, 1, null, null));
            refused(400, "invalid.value", () -> partner.postOrgauthorizationTrustorAudits(new TrustorAuditQueryRequest()
                    .trustorOrganizationId(CARE).trusteeUserIds(List.of()), 25, 1, null, null));
        } finally {
            acme.deleteOrgauthorizationTrustee(PARTNER);
        }
    }
}
