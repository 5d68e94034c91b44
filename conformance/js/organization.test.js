// The official JavaScript SDK (purecloud-platform-client-v2 262.0.0) against a live
// `orgtrust serve`: every method of the OrganizationApi seed page (004_12f174aa34226d58.txt).
// The internal methods the public package lacks (postOrganizations, deleteOrganizationsMe,
// enforcescopes, passwordrequirements, migrations, creating and updating limit change requests)
// go through the SDK's own ApiClient.callApi with the seed's method, path and body.

const { before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const platformClient = require('purecloud-platform-client-v2');
const support = require('./support');

const { ACME, rejects, seedTest } = support;

let server;

// The demo data plus an Acme operator (internal limit permissions), an Acme client authorized
// for the `organization` scope, and an organization that may terminate itself.
before(async () => {
  server = await support.startServer((doc) => {
    const acme = doc.organizations.find((o) => o.name === 'Acme Corp');
    acme.roles.push({ name: 'Operator', permissions: ['*', 'internal:*:*'] });
    acme.oauthClients.push(
      { id: 'acme-operator', secret: 'acme-operator-secret', name: 'Acme operator', roles: ['Operator'] },
      { id: 'acme-scoped', secret: 'acme-scoped-secret', name: 'Acme scoped', roles: ['Admin'], scope: ['organization'] },
    );
    doc.organizations.push({
      id: 'd0000000-0000-4000-8000-000000000001',
      name: 'Doomed Co',
      thirdPartyOrgName: 'doomed',
      roles: [{ name: 'Terminator', permissions: ['*', 'internal:organization:terminate'] }],
      oauthClients: [{ id: 'doomed-admin', secret: 'doomed-admin-secret', name: 'Doomed admin', roles: ['Terminator'] }],
    });
    // The emulator: its IP allowlists accept loopback, so the suite can lock itself in.
  }, ['--emulator']);
});

after(() => server.stop());

// The 30 methods of the seed page.
const SEED_METHODS = [
  'deleteOrganizationsMe', 'getFieldconfig', 'getOrganizationsAuthenticationSettings',
  'getOrganizationsEmbeddedintegration', 'getOrganizationsEnforcescopes',
  'getOrganizationsIpaddressauthentication', 'getOrganizationsLimitsChangerequest',
  'getOrganizationsLimitsChangerequests', 'getOrganizationsLimitsDocs', 'getOrganizationsLimitsNamespace',
  'getOrganizationsLimitsNamespaceDefaults', 'getOrganizationsLimitsNamespaces', 'getOrganizationsMe',
  'getOrganizationsMigration', 'getOrganizationsMigrationState', 'getOrganizationsMigrations',
  'getOrganizationsPasswordrequirements', 'getOrganizationsWhitelist',
  'patchOrganizationsAuthenticationSettings', 'patchOrganizationsFeature',
  'patchOrganizationsLimitsChangerequest', 'patchOrganizationsMigration', 'postOrganizations',
  'postOrganizationsLimitsChangerequests', 'putOrganizationsEmbeddedintegration',
  'putOrganizationsEnforcescopes', 'putOrganizationsIpaddressauthentication', 'putOrganizationsMe',
  'putOrganizationsPasswordrequirements', 'putOrganizationsWhitelist',
];

/** A signed-in SDK client of its own and its OrganizationApi. */
async function signIn(clientId, secret) {
  const client = await support.signIn(server.port, clientId, secret);
  return { client, api: new platformClient.OrganizationApi(client) };
}

/** An internal operation through the SDK's generic callApi. */
const internal = support.generic;

seedTest('organization: getOrganizationsMe, putOrganizationsMe, patchOrganizationsFeature', { '004': ['getOrganizationsMe', 'putOrganizationsMe', 'patchOrganizationsFeature'] }, async () => {
  const { api } = await signIn('acme-admin', 'acme-admin-secret');
  const me = await api.getOrganizationsMe();
  assert.equal(me.id, ACME);
  assert.equal(me.name, 'Acme Corp');
  const updated = await api.putOrganizationsMe({ body: { ...me, name: 'Acme Corporation' } });
  assert.equal(updated.name, 'Acme Corporation');
  assert.equal(updated.version, me.version + 1);
  await rejects(api.putOrganizationsMe({ body: { ...me, name: 'stale' } }), 409, 'general.conflict');
  const features = await api.patchOrganizationsFeature('hipaa', { enabled: true });
  assert.equal(features.hipaa, true);
  assert.equal(Object.keys(features).length, 13);
  await rejects(api.patchOrganizationsFeature('teleport', { enabled: true }), 400);
  assert.equal((await api.getOrganizationsMe()).features.hipaa, true);
});

seedTest('authentication settings and their deprecated aliases stay consistent', { '004': ['getOrganizationsAuthenticationSettings', 'patchOrganizationsAuthenticationSettings', 'getOrganizationsWhitelist', 'putOrganizationsWhitelist', 'getOrganizationsEmbeddedintegration', 'putOrganizationsEmbeddedintegration', 'putOrganizationsIpaddressauthentication', 'getOrganizationsIpaddressauthentication', 'putOrganizationsPasswordrequirements', 'getOrganizationsPasswordrequirements'] }, async () => {
  const { api, client } = await signIn('acme-admin', 'acme-admin-secret');
  const s = await api.getOrganizationsAuthenticationSettings();
  assert.equal(s.passwordRequirements.minimumLength, 8);
  assert.deepEqual(s.ipAddressAllowlist, []);
  const patched = await api.patchOrganizationsAuthenticationSettings({ domainAllowlistEnabled: true, domainAllowlist: ['acme.example'] });
  assert.equal(patched.domainAllowlistEnabled, true);
  assert.deepEqual(await api.getOrganizationsWhitelist(), { enableWhitelist: true, domainWhitelist: ['acme.example'] });
  await api.putOrganizationsWhitelist({ enableWhitelist: true, domainWhitelist: ['w.example'] });
  assert.deepEqual((await api.getOrganizationsEmbeddedintegration()).domainWhitelist, ['w.example']);
  await api.putOrganizationsEmbeddedintegration({ enableWhitelist: false, domainWhitelist: ['e.example'] });
  const after = await api.getOrganizationsAuthenticationSettings();
  assert.equal(after.domainAllowlistEnabled, false);
  assert.deepEqual(after.domainAllowlist, ['e.example']);

  await rejects(api.putOrganizationsIpaddressauthentication({ networkWhitelist: ['203.0.113.0/24'] }), 400, 'invalid.value');
  await rejects(api.putOrganizationsIpaddressauthentication({ networkWhitelist: ['300.0.0.0/8'] }), 400, 'invalid.value');
  // Public IPv4 ranges only (and loopback in the emulator).
  await rejects(api.putOrganizationsIpaddressauthentication({ networkWhitelist: ['10.0.0.0/8'] }), 400, 'invalid.value');
  const ip = await api.putOrganizationsIpaddressauthentication({ networkWhitelist: ['127.0.0.0/8'] });
  assert.deepEqual(ip.networkWhitelist, ['127.0.0.0/8']);
  assert.deepEqual((await api.getOrganizationsIpaddressauthentication()).networkWhitelist, ['127.0.0.0/8']);
  assert.deepEqual((await api.getOrganizationsAuthenticationSettings()).ipAddressAllowlist, ['127.0.0.0/8']);
  await api.patchOrganizationsAuthenticationSettings({ ipAddressAllowlist: [] });

  const pw = await internal(client, 'PUT', '/api/v2/organizations/passwordrequirements', { body: { minimumLength: 10 } });
  assert.equal(pw.minimumLength, 10);
  assert.equal((await internal(client, 'GET', '/api/v2/organizations/passwordrequirements')).minimumLength, 10);
  assert.equal((await api.getOrganizationsAuthenticationSettings()).passwordRequirements.minimumLength, 10);
  await rejects(internal(client, 'PUT', '/api/v2/organizations/passwordrequirements', { body: { minimumLength: 4 } }), 400, 'invalid.value');
});

seedTest('enforce scopes: the token holds role permissions intersected with its scopes', { '004': ['getOrganizationsEnforcescopes', 'putOrganizationsEnforcescopes'] }, async () => {
  const admin = await signIn('acme-admin', 'acme-admin-secret');
  const scoped = await signIn('acme-scoped', 'acme-scoped-secret');
  assert.deepEqual(await internal(admin.client, 'GET', '/api/v2/organizations/enforcescopes'), { enforceScopes: false });
  const on = await internal(admin.client, 'PUT', '/api/v2/organizations/enforcescopes', { body: { enforceScopes: true } });
  assert.equal(on.enforceScopes, true);
  // The admin client has no authorized scopes: refused, naming the scope.
  const e = await rejects(admin.api.getOrganizationsAuthenticationSettings(), 403, 'not.authorized');
  assert.match(e.message, /\[organization\]/);
  // The client authorized for `organization` keeps what its role and that scope allow.
  await scoped.api.getOrganizationsAuthenticationSettings();
  const off = await internal(scoped.client, 'PUT', '/api/v2/organizations/enforcescopes', { body: { enforceScopes: false } });
  assert.equal(off.enforceScopes, false);
  await admin.api.getOrganizationsAuthenticationSettings();
});

seedTest('limits and limit change requests', { '004': ['getOrganizationsLimitsNamespaces', 'getOrganizationsLimitsNamespaceDefaults', 'getOrganizationsLimitsDocs', 'postOrganizationsLimitsChangerequests', 'patchOrganizationsLimitsChangerequest', 'getOrganizationsLimitsNamespace', 'getOrganizationsLimitsChangerequest', 'getOrganizationsLimitsChangerequests'] }, async () => {
  const { api } = await signIn('acme-admin', 'acme-admin-secret');
  const operator = await signIn('acme-operator', 'acme-operator-secret');
  const namespaces = await api.getOrganizationsLimitsNamespaces();
  assert.deepEqual(namespaces.entities.map((n) => n.name), ['authorization', 'platform.api']);
  const defaults = await api.getOrganizationsLimitsNamespaceDefaults('platform.api');
  assert.ok(defaults.entities.some((l) => l.key === 'client.credentials.token.rate.per.minute' && l.value === 300));
  const docs = await api.getOrganizationsLimitsDocs();
  assert.ok(docs.namespaces.find((n) => n.name === 'authorization').limits.some((l) => l.key === 'max.members.per.trust' && l.defaultValue === 25));
  assert.equal((await api.getOrganizationsLimitsDocsFreetrial()).namespaces.length, 2);

  const created = await internal(operator.client, 'POST', '/api/v2/organizations/limits/changerequests', {
    body: { key: 'org.app.user.rate.per.minute', namespace: 'platform.api', requestedValue: 450, description: 'integration load', supportCaseUrl: 'https://support.example/42' },
  });
  assert.equal(created.status, 'Open');
  assert.equal(created.currentValue, 300);
  await rejects(internal(operator.client, 'PATCH', '/api/v2/organizations/limits/changerequests/{requestId}', {
    pathParams: { requestId: created.id }, body: { status: 'ChangeImplemented' },
  }), 400);
  let last;
  for (const status of ['Pending', 'Approved', 'ImplementingChange', 'ChangeImplemented']) {
    last = await internal(operator.client, 'PATCH', '/api/v2/organizations/limits/changerequests/{requestId}', {
      pathParams: { requestId: created.id }, body: { status },
    });
    assert.equal(last.status, status);
  }
  assert.ok(last.dateCompleted);
  const effective = await api.getOrganizationsLimitsNamespace('platform.api');
  assert.ok(effective.entities.some((l) => l.key === 'org.app.user.rate.per.minute' && l.value === 450));
  const one = await api.getOrganizationsLimitsChangerequest(created.id);
  assert.equal(one.status, 'ChangeImplemented');
  assert.equal(one.statusHistory.length, 5);
  const listed = await api.getOrganizationsLimitsChangerequests({ expand: ['statusHistory'], status: 'ChangeImplemented' });
  assert.equal(listed.entities.length, 1);
  assert.equal(listed.entities[0].statusHistory.length, 5);
  const future = Date.now() + 86400000;
  assert.equal((await api.getOrganizationsLimitsChangerequests({ after: future })).entities.length, 0);
  // Customers may not create requests.
  await rejects(internal((await signIn('acme-admin', 'acme-admin-secret')).client, 'POST', '/api/v2/organizations/limits/changerequests', {
    body: { key: 'org.app.user.rate.per.minute', namespace: 'platform.api', requestedValue: 1, description: 'd', supportCaseUrl: 'u' },
  }), 403, 'missing.any.permissions');
});

seedTest('migrations', { '004': ['getOrganizationsMigrations', 'getOrganizationsMigration', 'patchOrganizationsMigration', 'getOrganizationsMigrationState'] }, async () => {
  const { client } = await signIn('acme-admin', 'acme-admin-secret');
  const list = await internal(client, 'GET', '/api/v2/organizations/migrations', { query: { migrationType: 'Disabled', includeDetails: true } });
  assert.deepEqual(list.entities.map((m) => m.name), ['oauthScopeEnforcement']);
  assert.ok(list.entities[0].description);
  const one = await internal(client, 'GET', '/api/v2/organizations/migrations/{migrationName}', { pathParams: { migrationName: 'divisionAwareTrustees' } });
  assert.equal(one.enabled, true);
  const patched = await internal(client, 'PATCH', '/api/v2/organizations/migrations/{migrationName}', {
    pathParams: { migrationName: 'oauthScopeEnforcement' }, body: { enabled: true },
  });
  assert.equal(patched.enabled, true);
  const state = await internal(client, 'GET', '/api/v2/organizations/migrations/{migrationName}/state', { pathParams: { migrationName: 'oauthScopeEnforcement' } });
  assert.deepEqual(state, { enabled: true });
  await rejects(internal(client, 'PATCH', '/api/v2/organizations/migrations/{migrationName}', {
    pathParams: { migrationName: 'authSettingsApi' }, body: { enabled: false },
  }), 400);
  const hidden = await internal(client, 'GET', '/api/v2/organizations/migrations', { query: { includeHidden: true } });
  assert.ok(hidden.entities.some((m) => m.name === 'platformTokenDigests'));
});

seedTest('fieldconfig', { '004': ['getFieldconfig'] }, async () => {
  const { api } = await signIn('partner-admin', 'partner-admin-secret');
  for (const type of ['person', 'group', 'org']) {
    const config = await api.getFieldconfig(type);
    assert.equal(config.entityType, type);
    assert.ok(config.sections.length > 0);
  }
  await rejects(api.getFieldconfig('externalContact'), 400, 'bad.entity.type');
});

seedTest('postOrganizations and deleteOrganizationsMe (internal)', { '004': ['postOrganizations', 'deleteOrganizationsMe'] }, async () => {
  const operator = await signIn('platform-operator', 'platform-operator-secret');
  const org = await internal(operator.client, 'POST', '/api/v2/organizations', {
    body: { name: 'JS Co', adminUsername: 'admin@js.example', adminPassword: 'Js-admin-pass-1!', domain: 'js.example', thirdPartyOrgName: 'jsco' },
  });
  assert.equal(org.name, 'JS Co');
  assert.equal(org.state, 'active');
  await rejects(internal(operator.client, 'POST', '/api/v2/organizations', {
    body: { name: 'Weak Co', adminUsername: 'admin@weak.example', adminPassword: 'weak', domain: 'weak.example', thirdPartyOrgName: 'weakco' },
  }), 400, 'invalid.value');

  const doomed = await signIn('doomed-admin', 'doomed-admin-secret');
  assert.equal((await doomed.api.getOrganizationsMe()).name, 'Doomed Co');
  await internal(doomed.client, 'DELETE', '/api/v2/organizations/me');
  await rejects(doomed.api.getOrganizationsMe(), 401);
  await assert.rejects(signIn('doomed-admin', 'doomed-admin-secret'));
});

test('every method of the seed page was called successfully', () => {
  const missing = SEED_METHODS.filter((m) => !support.calledMethods.has(`004 ${m}`));
  assert.deepEqual(missing, []);
  assert.equal(SEED_METHODS.length, 30);
});
