// The official JavaScript SDK (purecloud-platform-client-v2 262.0.0) against a live
// `orgtrust serve`: the 23 methods of the OrganizationAuthorizationApi seed page
// (000_ed999598e7847271.txt), with the typed answers and the documented failures (status and
// `code`), and the SDK's empty-bodied DELETE that still declares a JSON content type.

const { before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const platformClient = require('purecloud-platform-client-v2');
const support = require('./support');

const { ACME, PARTNER, rejects, seedTest } = support;

const CARE = 'c0000000-0000-4000-8000-000000000001';
const PAT = 'b0000000-0000-4000-8000-000000000031';
const SAM = 'b0000000-0000-4000-8000-000000000032';
const SUPPORT = 'b0000000-0000-4000-8000-000000000041';
const ADMIN = 'a0000000-0000-4000-8000-000000000021';
const USER_VIEWER = 'a0000000-0000-4000-8000-000000000022';
const TRUST_AUDITOR = 'a0000000-0000-4000-8000-000000000023';

let server;

before(async () => {
  server = await support.startServer();
});

after(() => server.stop());

/** The OrganizationAuthorizationApi of a client signed in with client credentials. */
async function orgAuth(clientId, secret) {
  return new platformClient.OrganizationAuthorizationApi(await support.signIn(server.port, clientId, secret));
}

/** Partner asks for Pat (and the Support group); Acme trusts Partner with `roleIds` for Pat. */
async function makeTrust(acme, partner, roleIds = [USER_VIEWER]) {
  const pairing = await partner.postOrgauthorizationPairings({ userIds: [PAT], groupIds: [SUPPORT] });
  const trust = await acme.postOrgauthorizationTrustees({ pairingId: pairing.id, enabled: true, users: [{ id: PAT, roleIds }] });
  return { pairing, trust };
}

seedTest('orgauthorization: pairing, trust and both views', {
  '000': [
    'postOrgauthorizationPairings', 'getOrgauthorizationPairing', 'postOrgauthorizationTrustees',
    'getOrgauthorizationTrustees', 'getOrgauthorizationTrustee', 'putOrgauthorizationTrustee',
    'getOrgauthorizationTrustors', 'getOrgauthorizationTrustor', 'deleteOrgauthorizationTrustee',
  ],
}, async () => {
  const acme = await orgAuth('acme-admin', 'acme-admin-secret');
  const partner = await orgAuth('partner-admin', 'partner-admin-secret');

  const pairing = await partner.postOrgauthorizationPairings({ userIds: [PAT], groupIds: [SUPPORT] });
  assert.equal(pairing.trustee.id, PARTNER);
  assert.deepEqual(pairing.users.map((u) => [u.id, u.name]), [[PAT, 'Pat Partner']]);
  assert.deepEqual(pairing.groups.map((g) => g.name), ['Partner Support']);
  const again = await acme.getOrgauthorizationPairing(pairing.id);
  assert.equal(again.id, pairing.id);
  assert.equal(again.trustee.name, 'Partner Co');
  await rejects(acme.getOrgauthorizationPairing('no-such-pairing'), 404, 'not.found');

  // The documented failures of trust creation.
  await rejects(acme.postOrgauthorizationTrustees({ enabled: true, users: [{ id: PAT }] }), 400, 'pairing.id.required');
  const trust = await acme.postOrgauthorizationTrustees({ pairingId: pairing.id, enabled: true, users: [{ id: PAT, roleIds: [USER_VIEWER] }] });
  assert.equal(trust.id, PARTNER);
  assert.equal(trust.enabled, true);
  assert.equal(trust.organization.name, 'Partner Co');
  assert.equal(trust.createdBy.id, 'acme-admin');
  assert.match(trust.dateCreated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await rejects(acme.postOrgauthorizationTrustees({ pairingId: pairing.id, enabled: true, users: [{ id: PAT }] }), 409, 'pairing.used');

  const listing = await acme.getOrgauthorizationTrustees({ pageSize: 10, pageNumber: 1 });
  assert.deepEqual([listing.total, listing.pageSize, listing.pageNumber, listing.pageCount], [1, 10, 1, 1]);
  assert.deepEqual(listing.entities.map((t) => t.id), [PARTNER]);
  await rejects(acme.getOrgauthorizationTrustees({ pageSize: 501 }), 400, 'invalid.value');
  const got = await acme.getOrgauthorizationTrustee(PARTNER);
  assert.equal(got.dateCreated, trust.dateCreated);

  const trustors = await partner.getOrgauthorizationTrustors();
  assert.equal(trustors.total, 1);
  assert.equal(trustors.entities[0].id, ACME);
  const trustor = await partner.getOrgauthorizationTrustor(ACME);
  assert.equal(trustor.organization.name, 'Acme Corp');
  assert.equal(trustor.dateCreated, trust.dateCreated);
  await rejects(partner.getOrgauthorizationTrustor(CARE), 404, 'not.found');

  // Disable with an expiry; the trustee's view follows.
  const expires = new Date(Date.now() + 3 * 86400000);
  const updated = await acme.putOrgauthorizationTrustee(PARTNER, { enabled: false, dateExpired: expires.toISOString() });
  assert.equal(updated.enabled, false);
  assert.ok(Math.abs(Date.parse(updated.dateExpired) - expires.getTime()) < 1000);
  assert.equal((await partner.getOrgauthorizationTrustor(ACME)).enabled, false);
  await rejects(acme.putOrgauthorizationTrustee(CARE, { enabled: true }), 404, 'not.found');

  await acme.deleteOrgauthorizationTrustee(PARTNER);
  await rejects(acme.getOrgauthorizationTrustee(PARTNER), 404, 'not.found');
  assert.equal((await partner.getOrgauthorizationTrustors()).total, 0);
  // Partner trusts no one: Acme is no trustee of it.
  await rejects(partner.getOrgauthorizationTrustee(ACME), 404, 'not.found');
});

seedTest('orgauthorization: trust users and their roles (trustor side)', {
  '000': [
    'getOrgauthorizationTrusteeUsers', 'getOrgauthorizationTrusteeUser', 'getOrgauthorizationTrusteeUserRoles',
    'putOrgauthorizationTrusteeUserRoles', 'deleteOrgauthorizationTrusteeUserRoles', 'deleteOrgauthorizationTrusteeUser',
    'postOrgauthorizationTrusteeUsers',
  ],
}, async () => {
  const acme = await orgAuth('acme-admin', 'acme-admin-secret');
  const partner = await orgAuth('partner-admin', 'partner-admin-secret');
  await makeTrust(acme, partner);
  try {
    const users = await acme.getOrgauthorizationTrusteeUsers(PARTNER, { pageSize: 5, pageNumber: 1 });
    assert.deepEqual([users.total, users.pageSize, users.pageNumber], [1, 5, 1]);
    assert.equal(users.entities[0].id, PAT);
    assert.equal(users.entities[0].trustUserDetails.createdBy.id, 'acme-admin');
    const pat = await acme.getOrgauthorizationTrusteeUser(PARTNER, PAT);
    assert.equal(pat.email, 'pat@partner.example');
    await rejects(acme.getOrgauthorizationTrusteeUser(PARTNER, SAM), 404, 'not.found');

    const roles = await acme.getOrgauthorizationTrusteeUserRoles(PARTNER, PAT);
    assert.deepEqual(roles.roles.map((r) => r.name), ['User Viewer']);
    assert.deepEqual(roles.permissions, ['directory:group:view', 'directory:user:view']);
    const replaced = await acme.putOrgauthorizationTrusteeUserRoles(PARTNER, PAT, [TRUST_AUDITOR]);
    assert.deepEqual(replaced.roles.map((r) => r.id), [TRUST_AUDITOR]);
    assert.ok(replaced.permissions.includes('authorization:audit:view'));
    await rejects(acme.putOrgauthorizationTrusteeUserRoles(PARTNER, PAT, ['no-such-role']), 400);
    assert.deepEqual((await acme.getOrgauthorizationTrusteeUserRoles(PARTNER, PAT)).roles.map((r) => r.id), [TRUST_AUDITOR]);
    await acme.deleteOrgauthorizationTrusteeUserRoles(PARTNER, PAT);
    const none = await acme.getOrgauthorizationTrusteeUserRoles(PARTNER, PAT);
    assert.deepEqual([none.roles, none.permissions], [[], []]);

    await acme.deleteOrgauthorizationTrusteeUser(PARTNER, PAT);
    assert.equal((await acme.getOrgauthorizationTrusteeUsers(PARTNER)).total, 0);
    const added = await acme.postOrgauthorizationTrusteeUsers(PARTNER, { id: PAT, roleIds: [ADMIN] });
    assert.equal(added.id, PAT);
    assert.equal(added.name, 'Pat Partner');
    await rejects(acme.postOrgauthorizationTrusteeUsers(PARTNER, { id: 'a0000000-0000-4000-8000-000000000031', roleIds: [ADMIN] }), 400);
    assert.deepEqual((await acme.getOrgauthorizationTrusteeUserRoles(PARTNER, PAT)).roles.map((r) => r.name), ['Admin']);
  } finally {
    await acme.deleteOrgauthorizationTrustee(PARTNER);
  }
});

seedTest('orgauthorization: the trustee adds and removes its own users (trustee side)', {
  '000': [
    'putOrgauthorizationTrustorUser', 'getOrgauthorizationTrustorUsers', 'getOrgauthorizationTrustorUser',
    'deleteOrgauthorizationTrustorUser', 'deleteOrgauthorizationTrustor',
  ],
}, async () => {
  const acme = await orgAuth('acme-admin', 'acme-admin-secret');
  const partner = await orgAuth('partner-admin', 'partner-admin-secret');
  await makeTrust(acme, partner);
  const sam = await partner.putOrgauthorizationTrustorUser(ACME, SAM);
  assert.equal(sam.id, SAM);
  assert.equal(sam.trustUserDetails.createdBy.id, 'partner-admin');
  const users = await partner.getOrgauthorizationTrustorUsers(ACME, { pageSize: 25, pageNumber: 1 });
  assert.deepEqual(users.entities.map((u) => u.id).sort(), [PAT, SAM]);
  assert.equal(users.total, 2);
  assert.equal((await partner.getOrgauthorizationTrustorUser(ACME, SAM)).name, 'Sam Support');
  // Acme's own user cannot join Acme's trust with Partner from Partner's side.
  await rejects(partner.putOrgauthorizationTrustorUser(ACME, 'a0000000-0000-4000-8000-000000000031'), 404);
  await partner.deleteOrgauthorizationTrustorUser(ACME, SAM);
  await rejects(partner.getOrgauthorizationTrustorUser(ACME, SAM), 404, 'not.found');
  await partner.deleteOrgauthorizationTrustor(ACME);
  assert.equal((await partner.getOrgauthorizationTrustors()).total, 0);
  await rejects(partner.deleteOrgauthorizationTrustor(ACME), 404, 'not.found');
  await rejects(acme.getOrgauthorizationTrustee(PARTNER), 404, 'not.found');
});

seedTest('orgauthorization: audits of what trustee users did in the trustor', {
  '000': ['postOrgauthorizationTrusteesAudits', 'postOrgauthorizationTrustorAudits'],
}, async () => {
  const acme = await orgAuth('acme-admin', 'acme-admin-secret');
  const partner = await orgAuth('partner-admin', 'partner-admin-secret');
  await makeTrust(acme, partner, [ADMIN]);
  try {
    // Pat signs in to Acme through the trust and creates a group there.
    const patInAcme = await support.signInUser(server.port, 'partner-admin', 'partner-admin-secret', 'pat@partner.example', 'Partner-pat-1!', ACME);
    const token = await new platformClient.TokensApi(patInAcme).getTokensMe();
    assert.deepEqual([token.organization.id, token.homeOrganization.id], [ACME, PARTNER]);
    const group = await new platformClient.GroupsApi(patInAcme).postGroups({ name: 'Night Shift', type: 'official', visibility: 'public' });

    const trustee = await acme.postOrgauthorizationTrusteesAudits(
      { trusteeOrganizationIds: [PARTNER], trusteeUserIds: [PAT], facets: [{ name: 'action', type: 'STRING' }] },
      { pageSize: 25, pageNumber: 1, sortBy: 'timestamp', sortOrder: 'descending' },
    );
    const created = trustee.auditMessages.find((m) => m.entity.id === group.id);
    assert.ok(created, JSON.stringify(trustee));
    assert.equal(created.action, 'create');
    assert.equal(created.entity.name, 'Night Shift');
    assert.deepEqual(created.user, { id: PAT, name: 'Pat Partner', display: 'Pat Partner (Partner Co)' });
    assert.equal(trustee.pageNumber, 1);
    assert.equal(trustee.total, trustee.auditMessages.length);
    assert.ok(trustee.facetInfo[0].entries.some((e) => e.value === 'create' && e.count >= 1));

    const trustor = await partner.postOrgauthorizationTrustorAudits({ trustorOrganizationId: ACME, trusteeUserIds: [PAT] }, { sortOrder: 'ascending' });
    assert.ok(trustor.auditMessages.some((m) => m.entity.id === group.id && m.user.id === PAT));

    // No trust, no audits.
    await rejects(acme.postOrgauthorizationTrusteesAudits({ trusteeOrganizationIds: [CARE], trusteeUserIds: [] }), 400, 'invalid.value');
    await rejects(partner.postOrgauthorizationTrustorAudits({ trustorOrganizationId: CARE, trusteeUserIds: [] }), 400, 'invalid.value');
  } finally {
    await acme.deleteOrgauthorizationTrustee(PARTNER);
  }
});

test('wire: the SDK sends an empty-bodied DELETE with a JSON content type, and it is accepted', async () => {
  const acme = await orgAuth('acme-admin', 'acme-admin-secret');
  const partner = await orgAuth('partner-admin', 'partner-admin-secret');
  await makeTrust(acme, partner);
  const wire = await support.wireRecorder(server.port);
  try {
    const client = await support.signIn(wire.port, 'acme-admin', 'acme-admin-secret');
    await new platformClient.OrganizationAuthorizationApi(client).deleteOrgauthorizationTrusteeUserRoles(PARTNER, PAT);
    const sent = wire.seen.filter((r) => r.method === 'DELETE');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].url, `/api/v2/orgauthorization/trustees/${PARTNER}/users/${PAT}/roles`);
    assert.equal(sent[0].headers['content-type'], 'application/json');
    assert.equal(sent[0].body, '');
    assert.deepEqual((await acme.getOrgauthorizationTrusteeUserRoles(PARTNER, PAT)).roles, []);
  } finally {
    wire.close();
    await acme.deleteOrgauthorizationTrustee(PARTNER);
  }
});

test('every method of the seed page was called successfully', () => {
  const SEED_METHODS = [
    'deleteOrgauthorizationTrustee', 'deleteOrgauthorizationTrusteeUser', 'deleteOrgauthorizationTrusteeUserRoles',
    'deleteOrgauthorizationTrustor', 'deleteOrgauthorizationTrustorUser', 'getOrgauthorizationPairing',
    'getOrgauthorizationTrustee', 'getOrgauthorizationTrusteeUser', 'getOrgauthorizationTrusteeUserRoles',
    'getOrgauthorizationTrusteeUsers', 'getOrgauthorizationTrustees', 'getOrgauthorizationTrustor',
    'getOrgauthorizationTrustorUser', 'getOrgauthorizationTrustorUsers', 'getOrgauthorizationTrustors',
    'postOrgauthorizationPairings', 'postOrgauthorizationTrusteeUsers', 'postOrgauthorizationTrustees',
    'postOrgauthorizationTrusteesAudits', 'postOrgauthorizationTrustorAudits', 'putOrgauthorizationTrustee',
    'putOrgauthorizationTrusteeUserRoles', 'putOrgauthorizationTrustorUser',
  ];
  assert.equal(SEED_METHODS.length, 23);
  assert.deepEqual(SEED_METHODS.filter((m) => !support.calledMethods.has(`000 ${m}`)), []);
});
