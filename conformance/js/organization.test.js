// The official JavaScript SDK (purecloud-platform-client-v2 262.0.0) against a live
// `orgtrust serve`: every method of the OrganizationApi seed page (004_12f174aa34226d58.txt).
// The internal methods the public package lacks (postOrganizations, deleteOrganizationsMe,
// enforcescopes, passwordrequirements, migrations, creating and updating limit change requests)
// go through the SDK's own ApiClient.callApi with the seed's method, path and body.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const platformClient = require('purecloud-platform-client-v2');

const ROOT = path.resolve(__dirname, '..', '..');
const BINARY = process.env.ORGTRUST_BIN || path.join(ROOT, 'target', 'debug', 'orgtrust');
const ACME = 'a0000000-0000-4000-8000-000000000001';

let server;
let port;

// The backend under test, as in conformance/python/conftest.py: `sqlite` (in memory, default) or
// `postgres` (a fresh database on the cluster named by ORGTRUST_TEST_PG_URL, created with psql).
const BACKEND = process.env.ORGTRUST_CONFORMANCE_BACKEND || 'sqlite';

function databaseUrl() {
  if (BACKEND !== 'postgres') return 'sqlite::memory:';
  const admin = process.env.ORGTRUST_TEST_PG_URL;
  if (!admin) throw new Error('ORGTRUST_CONFORMANCE_BACKEND=postgres needs ORGTRUST_TEST_PG_URL');
  const name = `sdk_js_${process.pid}_${Date.now()}`;
  execFileSync('psql', [admin, '-qc', `CREATE DATABASE ${name}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  return `${admin.slice(0, admin.lastIndexOf('/'))}/${name}`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

// The demo data plus an Acme operator (internal limit permissions), an Acme client authorized
// for the `organization` scope, and an organization that may terminate itself.
function fixture() {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'demo.json'), 'utf8'));
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
  const file = path.join(os.tmpdir(), `orgtrust-js-fixture-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

async function waitUp() {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`orgtrust exited with ${server.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v2/organizations/me`);
      if (r.status === 401) return;
    } catch (_) {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('orgtrust did not start');
}

before(async () => {
  port = await freePort();
  server = spawn(BINARY, ['serve', '--listen', `127.0.0.1:${port}`, '--database', databaseUrl(), '--fixture', fixture()], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ORGTRUST_LOG: 'warn' },
  });
  await waitUp();
});

after(() => {
  if (server) server.kill('SIGTERM');
});

// The 30 methods of the seed page, and the ones this suite called successfully.
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
const called = new Set();

// The seed's internal methods by HTTP method and path.
const INTERNAL = {
  'POST /api/v2/organizations': 'postOrganizations',
  'DELETE /api/v2/organizations/me': 'deleteOrganizationsMe',
  'GET /api/v2/organizations/enforcescopes': 'getOrganizationsEnforcescopes',
  'PUT /api/v2/organizations/enforcescopes': 'putOrganizationsEnforcescopes',
  'GET /api/v2/organizations/passwordrequirements': 'getOrganizationsPasswordrequirements',
  'PUT /api/v2/organizations/passwordrequirements': 'putOrganizationsPasswordrequirements',
  'GET /api/v2/organizations/migrations': 'getOrganizationsMigrations',
  'GET /api/v2/organizations/migrations/{migrationName}': 'getOrganizationsMigration',
  'PATCH /api/v2/organizations/migrations/{migrationName}': 'patchOrganizationsMigration',
  'GET /api/v2/organizations/migrations/{migrationName}/state': 'getOrganizationsMigrationState',
  'POST /api/v2/organizations/limits/changerequests': 'postOrganizationsLimitsChangerequests',
  'PATCH /api/v2/organizations/limits/changerequests/{requestId}': 'patchOrganizationsLimitsChangerequest',
};

/** Records every SDK method that resolves. */
function recording(api) {
  return new Proxy(api, {
    get(target, name) {
      const value = target[name];
      if (typeof value !== 'function') return value;
      return (...args) => value.apply(target, args).then((r) => {
        called.add(name);
        return r;
      });
    },
  });
}

/** A signed-in SDK client of its own (the package's default instance is a singleton). */
async function signIn(clientId, secret) {
  const client = new platformClient.ApiClientClass();
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port });
  await client.loginClientCredentialsGrant(clientId, secret);
  return { client, api: recording(new platformClient.OrganizationApi(client)) };
}

/** An internal operation through the SDK's generic callApi. */
async function internal(client, method, apiPath, { pathParams = {}, query = {}, body = null } = {}) {
  const name = INTERNAL[`${method} ${apiPath}`];
  assert.ok(name, `${method} ${apiPath} is not an internal seed method`);
  const result = await client.callApi(apiPath, method, pathParams, query, {}, {}, body, ['PureCloud OAuth'], ['application/json'], ['application/json']);
  called.add(name);
  return result;
}

async function rejects(promise, status, code) {
  try {
    await promise;
  } catch (e) {
    // The SDK rejects with the parsed ErrorBody.
    assert.equal(e.status, status, JSON.stringify(e));
    if (code) assert.equal(e.code, code, JSON.stringify(e));
    return e;
  }
  assert.fail(`expected ${status}`);
}

test('organization: getOrganizationsMe, putOrganizationsMe, patchOrganizationsFeature', async () => {
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

test('authentication settings and their deprecated aliases stay consistent', async () => {
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

test('enforce scopes: the token holds role permissions intersected with its scopes', async () => {
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

test('limits and limit change requests', async () => {
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

test('migrations', async () => {
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

test('fieldconfig', async () => {
  const { api } = await signIn('partner-admin', 'partner-admin-secret');
  for (const type of ['person', 'group', 'org']) {
    const config = await api.getFieldconfig(type);
    assert.equal(config.entityType, type);
    assert.ok(config.sections.length > 0);
  }
  await rejects(api.getFieldconfig('externalContact'), 400, 'bad.entity.type');
});

test('postOrganizations and deleteOrganizationsMe (internal)', async () => {
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
  const missing = SEED_METHODS.filter((m) => !called.has(m));
  assert.deepEqual(missing, []);
  assert.equal(SEED_METHODS.length, 30);
});
