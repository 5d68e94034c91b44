package conformance

import (
	"sort"
	"testing"
	"time"

	"github.com/mypurecloud/platform-client-sdk-go/v176/platformclientv2"
)

// The Organization API through the Go SDK's OrganizationApi (the organization, features, the
// authentication settings and their deprecated aliases, limits, field configuration), and the
// internal operations no public SDK release has, through its generic APIClient.CallAPI.

func orgAPI(t *testing.T, s *server, clientID string) (*platformclientv2.OrganizationApi, *platformclientv2.Configuration) {
	c := s.signIn(t, clientID)
	return platformclientv2.NewOrganizationApiWithConfig(c), c
}

func TestOrganizationMeFeaturesAndFieldconfig(t *testing.T) {
	track(t)
	s := startServer(t, nil)
	api, _ := orgAPI(t, s, "acme-admin")
	me, resp, err := api.GetOrganizationsMe()
	ok(t, resp, err)
	eq(t, acme, *me.Id)
	me.Name = ptr("Acme Corporation")
	updated, resp, err := api.PutOrganizationsMe(*me)
	ok(t, resp, err)
	eq(t, []any{"Acme Corporation", *me.Version + 1}, []any{*updated.Name, *updated.Version})
	_, resp, _ = api.PutOrganizationsMe(*me)
	refused(t, resp, 409, "general.conflict")

	features, resp, err := api.PatchOrganizationsFeature("pci", platformclientv2.Featurestate{Enabled: ptr(true)})
	ok(t, resp, err)
	eq(t, true, *features.Pci)
	me, resp, err = api.GetOrganizationsMe()
	ok(t, resp, err)
	eq(t, true, (*me.Features)["pci"])
	_, resp, _ = api.PatchOrganizationsFeature("teleport", platformclientv2.Featurestate{Enabled: ptr(true)})
	refused(t, resp, 400, "")

	fc, resp, err := api.GetFieldconfig("group")
	ok(t, resp, err)
	eq(t, "group", *fc.EntityType)
	_, resp, _ = api.GetFieldconfig("externalContact")
	refused(t, resp, 400, "bad.entity.type")
}

func TestAuthenticationSettingsAndTheirAliases(t *testing.T) {
	track(t)
	// The emulator: its IP allowlists accept loopback, so the suite can lock itself in.
	s := startServer(t, nil, "--emulator")
	api, _ := orgAPI(t, s, "acme-admin")
	settings, resp, err := api.GetOrganizationsAuthenticationSettings()
	ok(t, resp, err)
	eq(t, 8, *settings.PasswordRequirements.MinimumLength)
	patched, resp, err := api.PatchOrganizationsAuthenticationSettings(platformclientv2.Orgauthsettings{
		DomainAllowlistEnabled: ptr(true), DomainAllowlist: &[]string{"acme.example"}})
	ok(t, resp, err)
	eq(t, []string{"acme.example"}, *patched.DomainAllowlist)
	eq(t, 1, *patched.PasswordRequirements.MinimumUpper) // untouched by the partial update

	written, resp, err := api.PutOrganizationsWhitelist(platformclientv2.Orgwhitelistsettings{EnableWhitelist: ptr(true), DomainWhitelist: &[]string{"w.example"}})
	ok(t, resp, err)
	eq(t, []any{true, []string{"w.example"}}, []any{*written.EnableWhitelist, *written.DomainWhitelist})
	embedded, resp, err := api.GetOrganizationsEmbeddedintegration()
	ok(t, resp, err)
	eq(t, []any{true, []string{"w.example"}}, []any{*embedded.EnableWhitelist, *embedded.DomainWhitelist})
	_, resp, err = api.PutOrganizationsEmbeddedintegration(platformclientv2.Embeddedintegration{EnableWhitelist: ptr(false), DomainWhitelist: &[]string{"e.example"}})
	ok(t, resp, err)
	whitelist, resp, err := api.GetOrganizationsWhitelist()
	ok(t, resp, err)
	eq(t, []any{false, []string{"e.example"}}, []any{*whitelist.EnableWhitelist, *whitelist.DomainWhitelist})

	// Public IPv4 ranges only (and loopback in the emulator); none that shuts the caller out.
	for _, bad := range []string{"10.0.0.0/8", "300.0.0.0/8", "198.51.100.0/24"} {
		_, resp, _ = api.PutOrganizationsIpaddressauthentication(platformclientv2.Ipaddressauthentication{NetworkWhitelist: &[]string{bad}})
		refused(t, resp, 400, "invalid.value")
	}
	ip, resp, err := api.PutOrganizationsIpaddressauthentication(platformclientv2.Ipaddressauthentication{NetworkWhitelist: &[]string{"127.0.0.0/8"}})
	ok(t, resp, err)
	eq(t, []string{"127.0.0.0/8"}, *ip.NetworkWhitelist)
	ip, resp, err = api.GetOrganizationsIpaddressauthentication()
	ok(t, resp, err)
	eq(t, []string{"127.0.0.0/8"}, *ip.NetworkWhitelist)
	settings, resp, err = api.GetOrganizationsAuthenticationSettings()
	ok(t, resp, err)
	eq(t, []string{"127.0.0.0/8"}, *settings.IpAddressAllowlist)
	_, resp, err = api.PutOrganizationsIpaddressauthentication(platformclientv2.Ipaddressauthentication{NetworkWhitelist: &[]string{}})
	ok(t, resp, err)
}

func TestLimits(t *testing.T) {
	track(t)
	s := startServer(t, nil)
	api, _ := orgAPI(t, s, "acme-admin")
	// The SDK types the namespace listing as *interface{}.
	namespaces, resp, err := api.GetOrganizationsLimitsNamespaces(25, 1)
	ok(t, resp, err)
	var got []string
	for _, n := range jsonOf(t, namespaces)["entities"].([]any) {
		got = append(got, n.(map[string]any)["name"].(string))
	}
	eq(t, []string{"authorization", "platform.api"}, got)
	limits, resp, err := api.GetOrganizationsLimitsNamespace("platform.api")
	ok(t, resp, err)
	found := false
	for _, l := range *limits.Entities {
		found = found || (*l.Key == "client.credentials.token.rate.per.minute" && *l.Value == 300)
	}
	if !found {
		t.Fatalf("platform.api limits %s", resp.RawBody)
	}
	defaults, resp, err := api.GetOrganizationsLimitsNamespaceDefaults("authorization")
	ok(t, resp, err)
	var pairs []string
	for _, l := range *defaults.Entities {
		pairs = append(pairs, *l.Key)
	}
	sort.Strings(pairs)
	eq(t, []string{"max.cloned.users", "max.members.per.trust"}, pairs)
	docs, resp, err := api.GetOrganizationsLimitsDocs()
	ok(t, resp, err)
	eq(t, 2, len(*docs.Namespaces))
	trial, resp, err := api.GetOrganizationsLimitsDocsFreetrial()
	ok(t, resp, err)
	eq(t, 2, len(*trial.Namespaces))
	listing, resp, err := api.GetOrganizationsLimitsChangerequests(0, 0, "", 25, []string{"statusHistory"})
	ok(t, resp, err)
	eq(t, 0, len(*listing.Entities))
	_, resp, _ = api.GetOrganizationsLimitsChangerequest("nope")
	refused(t, resp, 404, "")
}

// internalServer: the demo data plus an Acme operator (internal permissions), an Acme client
// authorized for the `organization` scope, and an organization that may terminate itself.
func internalServer(t *testing.T) *server {
	return startServer(t, func(doc map[string]any) {
		for _, o := range doc["organizations"].([]any) {
			org := o.(map[string]any)
			if org["name"] == "Acme Corp" {
				org["roles"] = append(org["roles"].([]any), map[string]any{"name": "Operator", "permissions": []string{"*", "internal:*:*"}})
				org["oauthClients"] = append(org["oauthClients"].([]any),
					map[string]any{"id": "acme-operator", "secret": "acme-operator-secret", "name": "Acme operator", "roles": []string{"Operator"}},
					map[string]any{"id": "acme-scoped", "secret": "acme-scoped-secret", "name": "Acme scoped", "roles": []string{"Admin"}, "scope": []string{"organization"}})
			}
		}
		doc["organizations"] = append(doc["organizations"].([]any), map[string]any{
			"id": doomed, "name": "Doomed Co", "thirdPartyOrgName": "doomed",
			"roles":        []any{map[string]any{"name": "Terminator", "permissions": []string{"*", "internal:organization:terminate"}}},
			"oauthClients": []any{map[string]any{"id": "doomed-admin", "secret": "doomed-admin-secret", "name": "Doomed admin", "roles": []string{"Terminator"}}},
		})
	})
}

const doomed = "d0000000-0000-4000-8000-000000000001"

func field(t *testing.T, v any, name string) any {
	t.Helper()
	m, isMap := v.(map[string]any)
	if !isMap {
		t.Fatalf("not an object: %v", v)
	}
	return m[name]
}

func TestInternalOperations(t *testing.T) {
	track(t)
	s := internalServer(t)
	api, admin := orgAPI(t, s, "acme-admin")

	// Scope enforcement.
	got, resp := generic(t, admin, "GET", "/api/v2/organizations/enforcescopes", nil, nil)
	ok(t, resp, nil)
	eq(t, false, field(t, got, "enforceScopes"))
	got, resp = generic(t, admin, "PUT", "/api/v2/organizations/enforcescopes", nil, map[string]any{"enforceScopes": true})
	ok(t, resp, nil)
	eq(t, true, field(t, got, "enforceScopes"))
	_, resp, _ = api.GetOrganizationsAuthenticationSettings()
	refused(t, resp, 403, "not.authorized")
	scopedAPI, scoped := orgAPI(t, s, "acme-scoped")
	_, resp, err := scopedAPI.GetOrganizationsAuthenticationSettings()
	ok(t, resp, err)
	_, resp = generic(t, scoped, "PUT", "/api/v2/organizations/enforcescopes", nil, map[string]any{"enforceScopes": false})
	ok(t, resp, nil)

	// Password requirements.
	before, resp := generic(t, admin, "GET", "/api/v2/organizations/passwordrequirements", nil, nil)
	ok(t, resp, nil)
	eq(t, 8.0, field(t, before, "minimumLength"))
	before.(map[string]any)["minimumLength"] = 12
	after, resp := generic(t, admin, "PUT", "/api/v2/organizations/passwordrequirements", nil, before)
	ok(t, resp, nil)
	eq(t, 12.0, field(t, after, "minimumLength"))
	settings, resp, err := api.GetOrganizationsAuthenticationSettings()
	ok(t, resp, err)
	eq(t, 12, *settings.PasswordRequirements.MinimumLength)
	_, resp = generic(t, admin, "PUT", "/api/v2/organizations/passwordrequirements", nil, map[string]any{"minimumLength": 3})
	refused(t, resp, 400, "invalid.value")

	// Migrations.
	listing, resp := generic(t, admin, "GET", "/api/v2/organizations/migrations", map[string]string{"migrationType": "Disabled", "includeDetails": "true"}, nil)
	ok(t, resp, nil)
	entities := field(t, listing, "entities").([]any)
	eq(t, []any{1, "oauthScopeEnforcement"}, []any{len(entities), field(t, entities[0], "name")})
	one, resp := generic(t, admin, "GET", "/api/v2/organizations/migrations/divisionAwareTrustees", nil, nil)
	ok(t, resp, nil)
	eq(t, true, field(t, one, "enabled"))
	patched, resp := generic(t, admin, "PATCH", "/api/v2/organizations/migrations/oauthScopeEnforcement", nil, map[string]any{"enabled": true})
	ok(t, resp, nil)
	eq(t, true, field(t, patched, "enabled"))
	state, resp := generic(t, admin, "GET", "/api/v2/organizations/migrations/oauthScopeEnforcement/state", nil, nil)
	ok(t, resp, nil)
	eq(t, map[string]any{"enabled": true}, state)
	_, resp = generic(t, admin, "GET", "/api/v2/organizations/migrations/noSuchMigration", nil, nil)
	refused(t, resp, 404, "")
	_, resp = generic(t, admin, "PATCH", "/api/v2/organizations/migrations/oauthScopeEnforcement", nil, map[string]any{"enabled": false})
	ok(t, resp, nil)

	// Limit change requests: filed and moved by an operator, read back through the SDK.
	operator := s.signIn(t, "acme-operator")
	created, resp := generic(t, operator, "POST", "/api/v2/organizations/limits/changerequests", nil, map[string]any{
		"key": "max.cloned.users", "namespace": "authorization", "requestedValue": 7,
		"description": "more clones", "supportCaseUrl": "https://support.example/7"})
	ok(t, resp, nil)
	eq(t, []any{"Open", 5.0}, []any{field(t, created, "status"), field(t, created, "currentValue")})
	id := field(t, created, "id").(string)
	_, resp = generic(t, operator, "PATCH", "/api/v2/organizations/limits/changerequests/"+id, nil, map[string]any{"status": "ChangeImplemented"})
	refused(t, resp, 400, "")
	for _, status := range []string{"Pending", "Approved", "ImplementingChange", "ChangeImplemented"} {
		step, resp := generic(t, operator, "PATCH", "/api/v2/organizations/limits/changerequests/"+id, nil, map[string]any{"status": status})
		ok(t, resp, nil)
		eq(t, status, field(t, step, "status"))
	}
	request, resp, err := api.GetOrganizationsLimitsChangerequest(id)
	ok(t, resp, err)
	eq(t, []any{id, "ChangeImplemented", 7.0}, []any{*request.Id, *request.Status, *request.RequestedValue})
	if request.DateCompleted == nil {
		t.Fatalf("no dateCompleted: %s", resp.RawBody)
	}
	// The SDK sends every int parameter, zero too: its `after`/`before` cannot be left out, and
	// `before=0` (epoch milliseconds, as the reference has them) bounds the search at 1970.
	requests, resp, err := api.GetOrganizationsLimitsChangerequests(0, 0, "ChangeImplemented", 25, []string{"statusHistory"})
	ok(t, resp, err)
	eq(t, 0, len(*requests.Entities))
	now := int(time.Now().UnixMilli())
	requests, resp, err = api.GetOrganizationsLimitsChangerequests(now-3_600_000, now+3_600_000, "ChangeImplemented", 25, []string{"statusHistory"})
	ok(t, resp, err)
	eq(t, []string{id}, names(requests.Entities, func(r platformclientv2.Limitchangerequestdetails) *string { return r.Id }))
	_, resp = generic(t, admin, "POST", "/api/v2/organizations/limits/changerequests", nil, map[string]any{
		"key": "max.cloned.users", "namespace": "authorization", "requestedValue": 9, "description": "d", "supportCaseUrl": "u"})
	refused(t, resp, 403, "missing.any.permissions")

	// Organizations created by the platform operator; one terminates itself.
	platform := s.signIn(t, "platform-operator")
	org, resp := generic(t, platform, "POST", "/api/v2/organizations", nil, map[string]any{
		"name": "Go Co", "adminUsername": "admin@go.example", "adminPassword": "Go-admin-pass-1!",
		"domain": "go.example", "thirdPartyOrgName": "goco"})
	ok(t, resp, nil)
	eq(t, []any{"Go Co", "active"}, []any{field(t, org, "name"), field(t, org, "state")})
	_, resp = generic(t, platform, "POST", "/api/v2/organizations", nil, map[string]any{
		"name": "Weak Co", "adminUsername": "admin@weak.example", "adminPassword": "weak",
		"domain": "weak.example", "thirdPartyOrgName": "weakco"})
	refused(t, resp, 400, "invalid.value")
	doomedAPI, doomedConfig := orgAPI(t, s, "doomed-admin")
	me, resp, err := doomedAPI.GetOrganizationsMe()
	ok(t, resp, err)
	eq(t, doomed, *me.Id)
	_, resp = generic(t, doomedConfig, "DELETE", "/api/v2/organizations/me", nil, nil)
	ok(t, resp, nil)
	_, resp, _ = doomedAPI.GetOrganizationsMe()
	refused(t, resp, 401, "")
	if err := s.config().AuthorizeClientCredentials("doomed-admin", "doomed-admin-secret"); err == nil {
		t.Fatal("a terminated organization's client still signs in")
	}
}
