package conformance

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mypurecloud/platform-client-sdk-go/v176/platformclientv2"
)

// Organization Authorization through the Go SDK's OrganizationAuthorizationApi: the pairing and
// trust flow from both sides, members and roles, groups, cloned users, Customer Care, bulk
// deletes and the audits, with the typed answers and the documented failures.

const (
	pat          = "b0000000-0000-4000-8000-000000000031"
	sam          = "b0000000-0000-4000-8000-000000000032"
	support      = "b0000000-0000-4000-8000-000000000041"
	adminRole    = "a0000000-0000-4000-8000-000000000021"
	userViewer   = "a0000000-0000-4000-8000-000000000022"
	trustAuditor = "a0000000-0000-4000-8000-000000000023"
	emea         = "a0000000-0000-4000-8000-000000000012"
)

type orgAuth = *platformclientv2.OrganizationAuthorizationApi

func orgAuthPair(t *testing.T, s *server) (orgAuth, orgAuth) {
	return platformclientv2.NewOrganizationAuthorizationApiWithConfig(s.signIn(t, "acme-admin")),
		platformclientv2.NewOrganizationAuthorizationApiWithConfig(s.signIn(t, "partner-admin"))
}

// makeTrust: Partner asks for Pat and the Support group; Acme trusts Partner (Pat with roleIds).
func makeTrust(t *testing.T, a, p orgAuth, roleIds []string) {
	t.Helper()
	pairing, resp, err := p.PostOrgauthorizationPairings(platformclientv2.Trustrequestcreate{UserIds: &[]string{pat}, GroupIds: &[]string{support}})
	ok(t, resp, err)
	_, resp, err = a.PostOrgauthorizationTrustees(platformclientv2.Trustcreate{
		PairingId: pairing.Id, Enabled: ptr(true),
		Users: &[]platformclientv2.Trustmembercreate{{Id: ptr(pat), RoleIds: &roleIds}},
		Groups: &[]platformclientv2.Trustmembercreate{{Id: ptr(support), RoleDivisions: &platformclientv2.Roledivisiongrants{
			Grants: &[]platformclientv2.Roledivisionpair{{RoleId: ptr(userViewer), DivisionId: ptr(emea)}}}}},
	})
	ok(t, resp, err)
}

func names[T any](items *[]T, name func(T) *string) []string {
	out := []string{}
	if items != nil {
		for _, i := range *items {
			out = append(out, *name(i))
		}
	}
	return out
}

func TestPairingTrustAndBothViews(t *testing.T) {
	track(t)
	s := startServer(t, nil)
	a, p := orgAuthPair(t, s)

	pairing, resp, err := p.PostOrgauthorizationPairings(platformclientv2.Trustrequestcreate{UserIds: &[]string{pat}, GroupIds: &[]string{support}})
	ok(t, resp, err)
	eq(t, partner, *pairing.Trustee.Id)
	eq(t, []string{"Pat Partner"}, names(pairing.Users, func(u platformclientv2.Orguser) *string { return u.Name }))
	again, resp, err := a.GetOrgauthorizationPairing(*pairing.Id)
	ok(t, resp, err)
	eq(t, "Partner Co", *again.Trustee.Name)
	_, resp, _ = a.GetOrgauthorizationPairing("no-such-pairing")
	refused(t, resp, 404, "not.found")

	_, resp, _ = a.PostOrgauthorizationTrustees(platformclientv2.Trustcreate{Enabled: ptr(true), Users: &[]platformclientv2.Trustmembercreate{{Id: ptr(pat)}}})
	refused(t, resp, 400, "pairing.id.required")
	trust, resp, err := a.PostOrgauthorizationTrustees(platformclientv2.Trustcreate{PairingId: pairing.Id, Enabled: ptr(true),
		Users: &[]platformclientv2.Trustmembercreate{{Id: ptr(pat), RoleIds: &[]string{userViewer}}}})
	ok(t, resp, err)
	eq(t, []any{partner, true, "Partner Co", "acme-admin"}, []any{*trust.Id, *trust.Enabled, *trust.Organization.Name, *trust.CreatedBy.Id})
	_, resp, _ = a.PostOrgauthorizationTrustees(platformclientv2.Trustcreate{PairingId: pairing.Id, Enabled: ptr(true),
		Users: &[]platformclientv2.Trustmembercreate{{Id: ptr(pat)}}})
	refused(t, resp, 409, "pairing.used")

	listing, resp, err := a.GetOrgauthorizationTrustees(10, 1)
	ok(t, resp, err)
	eq(t, []int{1, 10, 1, 1}, []int{*listing.Total, *listing.PageSize, *listing.PageNumber, *listing.PageCount})
	_, resp, _ = a.GetOrgauthorizationTrustees(501, 1)
	refused(t, resp, 400, "invalid.value")
	got, resp, err := a.GetOrgauthorizationTrustee(partner)
	ok(t, resp, err)
	if !got.DateCreated.Equal(*trust.DateCreated) {
		t.Fatalf("dateCreated %v, then %v", trust.DateCreated, got.DateCreated)
	}

	trustors, resp, err := p.GetOrgauthorizationTrustors(25, 1)
	ok(t, resp, err)
	eq(t, []any{1, acme}, []any{*trustors.Total, *(*trustors.Entities)[0].Id})
	trustor, resp, err := p.GetOrgauthorizationTrustor(acme)
	ok(t, resp, err)
	eq(t, "Acme Corp", *trustor.Organization.Name)
	_, resp, _ = p.GetOrgauthorizationTrustor(care)
	refused(t, resp, 404, "not.found")

	// Disabled with an expiry (time.Time, the SDK's date-time type); the trustee's view follows.
	expires := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Millisecond)
	updated, resp, err := a.PutOrgauthorizationTrustee(partner, platformclientv2.Trustupdate{Enabled: ptr(false), DateExpired: &expires})
	ok(t, resp, err)
	if *updated.Enabled || !updated.DateExpired.Equal(expires) {
		t.Fatalf("updated %v %v, sent %v", *updated.Enabled, updated.DateExpired, expires)
	}
	trustor, resp, err = p.GetOrgauthorizationTrustor(acme)
	ok(t, resp, err)
	eq(t, false, *trustor.Enabled)
	_, resp, _ = a.PutOrgauthorizationTrustee(care, platformclientv2.Trustupdate{Enabled: ptr(true)})
	refused(t, resp, 404, "not.found")

	resp, err = a.DeleteOrgauthorizationTrustee(partner)
	ok(t, resp, err)
	_, resp, _ = a.GetOrgauthorizationTrustee(partner)
	refused(t, resp, 404, "not.found")
	trustors, resp, err = p.GetOrgauthorizationTrustors(25, 1)
	ok(t, resp, err)
	eq(t, 0, *trustors.Total)
}

func TestMembersRolesAndGroupsOnBothSides(t *testing.T) {
	track(t)
	s := startServer(t, nil)
	a, p := orgAuthPair(t, s)
	makeTrust(t, a, p, []string{userViewer})
	roleNames := func(u *platformclientv2.Userauthorization) []string {
		return names(u.Roles, func(r platformclientv2.Domainrole) *string { return r.Name })
	}

	users, resp, err := a.GetOrgauthorizationTrusteeUsers(partner, 5, 1)
	ok(t, resp, err)
	eq(t, []int{1, 5, 1}, []int{*users.Total, *users.PageSize, *users.PageNumber})
	eq(t, []string{pat, "acme-admin"}, []string{*(*users.Entities)[0].Id, *(*users.Entities)[0].TrustUserDetails.CreatedBy.Id})
	user, resp, err := a.GetOrgauthorizationTrusteeUser(partner, pat)
	ok(t, resp, err)
	eq(t, "pat@partner.example", *user.Email)
	_, resp, _ = a.GetOrgauthorizationTrusteeUser(partner, sam)
	refused(t, resp, 404, "not.found")

	roles, resp, err := a.GetOrgauthorizationTrusteeUserRoles(partner, pat)
	ok(t, resp, err)
	eq(t, []string{"User Viewer"}, roleNames(roles))
	eq(t, []string{"directory:group:view", "directory:user:view"}, *roles.Permissions)
	roles, resp, err = a.PutOrgauthorizationTrusteeUserRoles(partner, pat, []string{trustAuditor})
	ok(t, resp, err)
	eq(t, trustAuditor, *(*roles.Roles)[0].Id)
	_, resp, _ = a.PutOrgauthorizationTrusteeUserRoles(partner, pat, []string{"no-such-role"})
	refused(t, resp, 400, "")
	roles, resp, err = a.PutOrgauthorizationTrusteeUserRoledivisions(partner, pat, platformclientv2.Roledivisiongrants{
		Grants: &[]platformclientv2.Roledivisionpair{{RoleId: ptr(adminRole), DivisionId: ptr(emea)}}})
	ok(t, resp, err)
	eq(t, []string{"Admin"}, roleNames(roles))
	resp, err = a.DeleteOrgauthorizationTrusteeUserRoles(partner, pat)
	ok(t, resp, err)
	roles, resp, err = a.GetOrgauthorizationTrusteeUserRoles(partner, pat)
	ok(t, resp, err)
	eq(t, []string{}, roleNames(roles))

	groups, resp, err := a.GetOrgauthorizationTrusteeGroups(partner, 25, 1)
	ok(t, resp, err)
	eq(t, []any{1, "Partner Support"}, []any{*groups.Total, *(*groups.Entities)[0].Name})
	group, resp, err := a.GetOrgauthorizationTrusteeGroup(partner, support)
	ok(t, resp, err)
	eq(t, []any{"official", 1}, []any{*group.VarType, *group.MemberCount})
	groles, resp, err := a.GetOrgauthorizationTrusteeGroupRoles(partner, support)
	ok(t, resp, err)
	eq(t, []string{"User Viewer"}, roleNames(groles))
	groles, resp, err = a.PutOrgauthorizationTrusteeGroupRoles(partner, support, []string{adminRole})
	ok(t, resp, err)
	eq(t, []string{"Admin"}, roleNames(groles))
	groles, resp, err = a.PutOrgauthorizationTrusteeGroupRoledivisions(partner, support, platformclientv2.Roledivisiongrants{
		Grants: &[]platformclientv2.Roledivisionpair{{RoleId: ptr(userViewer), DivisionId: ptr("*")}}})
	ok(t, resp, err)
	eq(t, []string{"directory:group:view", "directory:user:view"}, *groles.Permissions)
	resp, err = a.DeleteOrgauthorizationTrusteeGroupRoles(partner, support)
	ok(t, resp, err)
	groles, resp, err = a.GetOrgauthorizationTrusteeGroupRoles(partner, support)
	ok(t, resp, err)
	eq(t, []string{}, *groles.Permissions)

	resp, err = a.DeleteOrgauthorizationTrusteeGroup(partner, support)
	ok(t, resp, err)
	resp, err = a.DeleteOrgauthorizationTrusteeUser(partner, pat)
	ok(t, resp, err)
	users, resp, err = a.GetOrgauthorizationTrusteeUsers(partner, 25, 1)
	ok(t, resp, err)
	eq(t, 0, *users.Total)
	added, resp, err := a.PostOrgauthorizationTrusteeUsers(partner, platformclientv2.Trustmembercreate{Id: ptr(pat), RoleIds: &[]string{adminRole}})
	ok(t, resp, err)
	eq(t, []string{pat, "Pat Partner"}, []string{*added.Id, *added.Name})
	_, resp, _ = a.PostOrgauthorizationTrusteeUsers(partner, platformclientv2.Trustmembercreate{Id: ptr("a0000000-0000-4000-8000-000000000031"), RoleIds: &[]string{adminRole}})
	refused(t, resp, 400, "")
	gadded, resp, err := a.PostOrgauthorizationTrusteeGroups(partner, platformclientv2.Trustmembercreate{Id: ptr(support)})
	ok(t, resp, err)
	eq(t, support, *gadded.Id)

	// The trustee's side.
	su, resp, err := p.PutOrgauthorizationTrustorUser(acme, sam)
	ok(t, resp, err)
	eq(t, []string{sam, "partner-admin"}, []string{*su.Id, *su.TrustUserDetails.CreatedBy.Id})
	tusers, resp, err := p.GetOrgauthorizationTrustorUsers(acme, 25, 1)
	ok(t, resp, err)
	ids := names(tusers.Entities, func(u platformclientv2.Trustuser) *string { return u.Id })
	sort.Strings(ids)
	eq(t, []string{pat, sam}, ids)
	tu, resp, err := p.GetOrgauthorizationTrustorUser(acme, sam)
	ok(t, resp, err)
	eq(t, "Sam Support", *tu.Name)
	_, resp, _ = p.PutOrgauthorizationTrustorUser(acme, "a0000000-0000-4000-8000-000000000031")
	refused(t, resp, 404, "")
	resp, err = p.DeleteOrgauthorizationTrustorUser(acme, sam)
	ok(t, resp, err)
	_, resp, _ = p.GetOrgauthorizationTrustorUser(acme, sam)
	refused(t, resp, 404, "not.found")
	tgroups, resp, err := p.GetOrgauthorizationTrustorGroups(acme, 25, 1)
	ok(t, resp, err)
	eq(t, []string{support}, names(tgroups.Entities, func(g platformclientv2.Trustgroup) *string { return g.Id }))
	tg, resp, err := p.GetOrgauthorizationTrustorGroup(acme, support)
	ok(t, resp, err)
	eq(t, "Partner Support", *tg.Name)
	resp, err = p.DeleteOrgauthorizationTrustorGroup(acme, support)
	ok(t, resp, err)
	tgroups, resp, err = p.GetOrgauthorizationTrustorGroups(acme, 25, 1)
	ok(t, resp, err)
	eq(t, 0, *tgroups.Total)
	tg, resp, err = p.PutOrgauthorizationTrustorGroup(acme, support)
	ok(t, resp, err)
	eq(t, "Partner Support", *tg.Name)

	resp, err = p.DeleteOrgauthorizationTrustor(acme)
	ok(t, resp, err)
	trustors, resp, err := p.GetOrgauthorizationTrustors(25, 1)
	ok(t, resp, err)
	eq(t, 0, *trustors.Total)
	resp, _ = p.DeleteOrgauthorizationTrustor(acme)
	refused(t, resp, 404, "not.found")
}

func TestClonedUsers(t *testing.T) {
	track(t)
	s := startServer(t, nil)
	a, p := orgAuthPair(t, s)
	makeTrust(t, a, p, []string{userViewer})
	clone, resp, err := p.PutOrgauthorizationTrustorCloneduser(acme, pat)
	ok(t, resp, err)
	if *clone.Id == pat || *clone.Name != "Pat Partner" || *clone.Trustor.Id != acme {
		t.Fatalf("clone %s", resp.RawBody)
	}
	cloneIds := func(l *platformclientv2.Cloneduserentitylisting) []string {
		return names(l.Entities, func(c platformclientv2.Cloneduser) *string { return c.Id })
	}
	listed, resp, err := p.GetOrgauthorizationTrustorClonedusers(acme)
	ok(t, resp, err)
	eq(t, []string{*clone.Id}, cloneIds(listed))
	one, resp, err := p.GetOrgauthorizationTrustorCloneduser(acme, pat)
	ok(t, resp, err)
	eq(t, *clone.Id, *one.Id)
	theirs, resp, err := a.GetOrgauthorizationTrusteeClonedusers(partner)
	ok(t, resp, err)
	eq(t, []string{*clone.Id}, cloneIds(theirs))
	resp, err = a.DeleteOrgauthorizationTrusteeCloneduser(partner, pat)
	ok(t, resp, err)
	listed, resp, err = p.GetOrgauthorizationTrustorClonedusers(acme)
	ok(t, resp, err)
	eq(t, []string{}, cloneIds(listed))
	_, resp, err = p.PutOrgauthorizationTrustorCloneduser(acme, sam)
	ok(t, resp, err)
	resp, err = p.DeleteOrgauthorizationTrustorCloneduser(acme, sam)
	ok(t, resp, err)
	theirs, resp, err = a.GetOrgauthorizationTrusteeClonedusers(partner)
	ok(t, resp, err)
	eq(t, []string{}, cloneIds(theirs))
	resp, err = a.DeleteOrgauthorizationTrustee(partner)
	ok(t, resp, err)
}

func TestCustomerCareAndBulkDeletes(t *testing.T) {
	track(t)
	s := startServer(t, nil)
	a, p := orgAuthPair(t, s)
	_, resp, _ := a.GetOrgauthorizationTrusteesDefault()
	refused(t, resp, 404, "")
	c, resp, err := a.PostOrgauthorizationTrusteesDefault(true, true)
	ok(t, resp, err)
	if *c.Id != care || !*c.UsesDefaultRole || c.DateExpired == nil {
		t.Fatalf("care trust %s", resp.RawBody)
	}
	c, resp, err = a.GetOrgauthorizationTrusteesDefault()
	ok(t, resp, err)
	eq(t, care, *c.Id)
	_, resp, _ = a.PostOrgauthorizationTrusteesDefault(false, false)
	refused(t, resp, 409, "trust.already.exists")

	refs, resp, err := a.GetOrgauthorizationTrusteesCare()
	ok(t, resp, err)
	eq(t, []string{care}, names(refs.Entities, func(r platformclientv2.Addressableentityref) *string { return r.Id }))
	listing, resp, err := p.PostOrgauthorizationTrusteesCare(false, false, true, true)
	ok(t, resp, err)
	eq(t, []any{1, true, true}, []any{*listing.Total, *(*listing.Entities)[0].HasFullAccess, *(*listing.Entities)[0].IsTrustedUser})

	// Bulk delete: all or nothing, an unknown id named.
	makeTrust(t, a, p, []string{userViewer})
	unknown := "d0000000-0000-4000-8000-000000000001"
	resp, _ = a.DeleteOrgauthorizationTrustees([]string{partner, unknown})
	refused(t, resp, 400, "")
	if !strings.Contains(string(resp.RawBody), unknown) {
		t.Fatalf("the unknown id is not named: %s", resp.RawBody)
	}
	trustees, resp, err := a.GetOrgauthorizationTrustees(25, 1)
	ok(t, resp, err)
	eq(t, 2, *trustees.Total)
	resp, err = a.DeleteOrgauthorizationTrustees([]string{partner, care})
	ok(t, resp, err)
	trustees, resp, err = a.GetOrgauthorizationTrustees(25, 1)
	ok(t, resp, err)
	eq(t, 0, *trustees.Total)

	makeTrust(t, a, p, []string{userViewer})
	resp, err = p.DeleteOrgauthorizationTrustors([]string{acme})
	ok(t, resp, err)
	trustors, resp, err := p.GetOrgauthorizationTrustors(25, 1)
	ok(t, resp, err)
	eq(t, 0, *trustors.Total)
}

func TestAuditsOfWhatTrusteeUsersDidInTheTrustor(t *testing.T) {
	track(t)
	s := startServer(t, nil)
	a, p := orgAuthPair(t, s)
	makeTrust(t, a, p, []string{adminRole})

	// Pat signs in to Acme through the trust and creates a group there.
	patInAcme := s.userConfig(t, "partner-admin", "pat@partner.example", "Partner-pat-1!", acme)
	group, resp, err := platformclientv2.NewGroupsApiWithConfig(patInAcme).PostGroups(platformclientv2.Groupcreate{
		Name: ptr("Night Shift"), VarType: ptr("official"), Visibility: ptr("public")})
	ok(t, resp, err)

	type message struct {
		Action string                    `json:"action"`
		Entity struct{ ID, Name string } `json:"entity"`
		User   struct{ ID string }       `json:"user"`
	}
	type result struct {
		Total         int       `json:"total"`
		AuditMessages []message `json:"auditMessages"`
	}
	read := func(v *interface{}) result {
		var r result
		data, _ := json.Marshal(v)
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatalf("audit answer %s: %v", data, err)
		}
		return r
	}
	// The SDK types both audit answers as *interface{}.
	trustee, resp, err := a.PostOrgauthorizationTrusteesAudits(platformclientv2.Trusteeauditqueryrequest{
		TrusteeOrganizationIds: &[]string{partner}, TrusteeUserIds: &[]string{pat},
		Facets: &[]platformclientv2.Facet{{Name: ptr("action"), VarType: ptr("STRING")}}}, 25, 1, "timestamp", "descending")
	ok(t, resp, err)
	r := read(trustee)
	found := false
	for _, m := range r.AuditMessages {
		if m.Entity.ID == *group.Id {
			found = true
			eq(t, []string{"create", "Night Shift", pat}, []string{m.Action, m.Entity.Name, m.User.ID})
		}
	}
	if !found || r.Total != len(r.AuditMessages) {
		t.Fatalf("trustee audits %s", resp.RawBody)
	}
	trustor, resp, err := p.PostOrgauthorizationTrustorAudits(platformclientv2.Trustorauditqueryrequest{
		TrustorOrganizationId: ptr(acme), TrusteeUserIds: &[]string{pat}}, 25, 1, "", "ascending")
	ok(t, resp, err)
	found = false
	for _, m := range read(trustor).AuditMessages {
		found = found || (m.Entity.ID == *group.Id && m.User.ID == pat)
	}
	if !found {
		t.Fatalf("trustor audits %s", resp.RawBody)
	}
	_, resp, _ = a.PostOrgauthorizationTrusteesAudits(platformclientv2.Trusteeauditqueryrequest{
		TrusteeOrganizationIds: &[]string{care}, TrusteeUserIds: &[]string{}}, 25, 1, "", "")
	refused(t, resp, 400, "invalid.value")
	_, resp, _ = p.PostOrgauthorizationTrustorAudits(platformclientv2.Trustorauditqueryrequest{
		TrustorOrganizationId: ptr(care), TrusteeUserIds: &[]string{}}, 25, 1, "", "")
	refused(t, resp, 400, "invalid.value")
	resp, err = a.DeleteOrgauthorizationTrustee(partner)
	ok(t, resp, err)
}
