// The browser sign-in in a real browser: the official JavaScript SDK's loginPKCEGrant and
// loginImplicitGrant, unmodified, in a static test app on its own 127.0.0.1 origin, signing in
// through orgtrust's /oauth/authorize page in Debian's Chromium; then "switch organization" for a
// trustee user. The SDK is pointed at orgtrust with its own gateway setting
// (setGateway({host, protocol, port})), which replaces both https://login.<env> and
// https://api.<env>; its API and token calls cross origins through orgtrust's CORS.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { DEMO, startServer, serveStatic, launchBrowser, screenshot } = require('./support');

const SDK = path.join(path.dirname(require.resolve('purecloud-platform-client-v2/package.json')),
  'dist', 'web-cjs', 'purecloud-platform-client-v2.min.js');

let server;
let app;
let partner;
const pages = {};

/** A test app page that signs in with `login` (an SDK call on `client`) and reports tokens/me. */
function appPage(orgPort, prefix, login) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>e2e app</title>
<script src="/sdk.js"></script></head><body><p id="status">starting</p><script>
const platformClient = require('platformClient');
const client = platformClient.ApiClient.instance;
client.setGateway({ host: '127.0.0.1', protocol: 'http', port: ${orgPort} });
client.setPersistSettings(true, '${prefix}');
const done = (v) => { window.__result = v; document.getElementById('status').textContent = 'done'; };
${login}
  .then((data) => new platformClient.TokensApi().getTokensMe().then((me) => done({
    ok: true, state: data.state, org: me.organization && me.organization.id,
    home: me.homeOrganization && me.homeOrganization.id, client: me.OAuthClient && me.OAuthClient.id })))
  .catch((e) => done({ ok: false, error: String((e && e.message) || e) }));
</script></body></html>`;
}

/** Registers a Partner Co browser client for `grant` redirecting to `redirect`. */
async function browserClient(grant, redirect) {
  const c = await server.api(partner, 'POST', '/api/v2/oauth/clients', {
    name: `e2e ${grant}`, authorizedGrantType: grant, registeredRedirectUri: [redirect], roleDivisions: [],
  });
  return c.id;
}

/** Opens `url` in a fresh browser, signs Pat in on orgtrust's page; returns { page, close }. */
async function signIn(url, shot) {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForURL(`${server.base}/oauth/authorize?**`);
  await page.getByLabel('Email').fill(DEMO.pat[0]);
  await page.getByLabel('Password').fill(DEMO.pat[1]);
  await screenshot(page, `${shot}-1-sign-in`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, close: browser.close };
}

async function result(page) {
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20000 });
  return page.evaluate(() => window.__result);
}

before(async () => {
  server = await startServer();
  app = await serveStatic(pages, { '/sdk.js': SDK });
  partner = await server.clientToken(DEMO.partnerAdmin);
});

after(() => {
  if (app) app.stop();
  if (server) server.stop();
});

test('loginPKCEGrant signs a user in with the authorization code and PKCE', async () => {
  const redirect = `${app.origin}/pkce.html`;
  const id = await browserClient('CODE', redirect);
  pages['/pkce.html'] = appPage(server.port, 'e2e_pkce',
    `client.loginPKCEGrant('${id}', '${redirect}', { state: 'e2e-pkce' })`);
  const { page, close } = await signIn(redirect, 'pkce');
  try {
    const r = await result(page);
    await screenshot(page, 'pkce-2-signed-in');
    assert.equal(r.ok, true, r.error);
    assert.equal(r.org, DEMO.PARTNER);
    assert.equal(r.client, id);
    assert.equal(r.state, 'e2e-pkce');
    assert.equal(new URL(page.url()).origin, app.origin);
  } finally {
    await close();
  }
});

test('loginImplicitGrant signs a user in with the implicit grant', async () => {
  const redirect = `${app.origin}/implicit.html`;
  const id = await browserClient('TOKEN', redirect);
  pages['/implicit.html'] = appPage(server.port, 'e2e_implicit',
    `client.loginImplicitGrant('${id}', '${redirect}', { state: 'e2e-implicit' })`);
  const { page, close } = await signIn(redirect, 'implicit');
  try {
    const r = await result(page);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.org, DEMO.PARTNER);
    assert.equal(r.state, 'e2e-implicit');
  } finally {
    await close();
  }
});

test('a trustee user switches organization on the sign-in page', async () => {
  // Acme Corp trusts Partner Co: Pat may act in Acme with User Viewer.
  const acme = await server.clientToken(DEMO.acmeAdmin);
  const pairing = await server.api(partner, 'POST', '/api/v2/orgauthorization/pairings', { userIds: [DEMO.PARTNER_PAT] });
  await server.api(acme, 'POST', '/api/v2/orgauthorization/trustees', {
    pairingId: pairing.id, enabled: true, users: [{ id: DEMO.PARTNER_PAT, roleIds: [DEMO.ACME_USER_VIEWER_ROLE] }],
  });
  const redirect = `${app.origin}/switch.html`;
  const id = await browserClient('CODE', redirect);
  pages['/switch.html'] = appPage(server.port, 'e2e_switch',
    `client.loginPKCEGrant('${id}', '${redirect}', { state: 'e2e-switch' })`);
  const { page, close } = await signIn(redirect, 'switch');
  try {
    await page.getByRole('heading', { name: 'Choose an organization' }).waitFor();
    await page.getByLabel('Acme Corp').check();
    await screenshot(page, 'switch-2-choose-organization');
    await page.getByRole('button', { name: 'Continue' }).click();
    const r = await result(page);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.org, DEMO.ACME);
    assert.equal(r.home, DEMO.PARTNER);
  } finally {
    await close();
  }
});

test('the sign-in page refuses to be framed', async () => {
  const redirect = `${app.origin}/framed-target.html`;
  const id = await browserClient('TOKEN', redirect);
  const authorize = `${server.base}/oauth/authorize?response_type=token&client_id=${encodeURIComponent(id)}&redirect_uri=${encodeURIComponent(redirect)}`;
  pages['/frame.html'] = `<!doctype html><html><body><iframe id="f" src="${authorize}"></iframe></body></html>`;
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${app.origin}/frame.html`);
    await page.waitForTimeout(500);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(frame, 'the iframe exists');
    // The framed document is blocked: no sign-in form is rendered inside the frame, whereas the
    // same URL opened at top level shows it.
    assert.equal(await frame.locator('input[name=password]').count(), 0);
    const top = await browser.context.newPage();
    await top.goto(authorize);
    assert.equal(await top.locator('input[name=password]').count(), 1);
  } finally {
    await browser.close();
  }
});
