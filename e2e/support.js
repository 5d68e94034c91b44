// Shared by the browser tests: start a live `orgtrust serve` (demo fixture, in-memory SQLite),
// call its API from Node, serve a test app's static pages on 127.0.0.1, and launch Debian's
// Chromium through playwright-core (no browser download). Tests in this directory (signin.test.js,
// and the console's) use these helpers only.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..');
const BINARY = process.env.ORGTRUST_BIN || path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'debug', 'orgtrust');
const CHROMIUM = process.env.ORGTRUST_CHROMIUM || '/usr/bin/chromium';
/** Where screenshots and other artefacts go. */
const ARTIFACTS = process.env.ORGTRUST_E2E_ARTIFACTS || path.join(__dirname, 'artifacts');

/** Demo ids and credentials (fixtures/demo.json). */
const DEMO = {
  ACME: 'a0000000-0000-4000-8000-000000000001',
  PARTNER: 'b0000000-0000-4000-8000-000000000001',
  PARTNER_PAT: 'b0000000-0000-4000-8000-000000000031',
  ACME_HOME: 'a0000000-0000-4000-8000-000000000011',
  ACME_EMEA: 'a0000000-0000-4000-8000-000000000012',
  ACME_ANN: 'a0000000-0000-4000-8000-000000000031',
  ACME_EMIL: 'a0000000-0000-4000-8000-000000000032',
  ACME_ADMIN_ROLE: 'a0000000-0000-4000-8000-000000000021',
  ACME_USER_VIEWER_ROLE: 'a0000000-0000-4000-8000-000000000022',
  PARTNER_SAM: 'b0000000-0000-4000-8000-000000000032',
  PARTNER_SUPPORT_GROUP: 'b0000000-0000-4000-8000-000000000041',
  acmeAdmin: ['acme-admin', 'acme-admin-secret'],
  partnerAdmin: ['partner-admin', 'partner-admin-secret'],
  pat: ['pat@partner.example', 'Partner-pat-1!'],
  ann: ['ann@acme.example', 'Acme-admin-1!'],
  sam: ['sam@partner.example', 'Partner-sam-1!'],
};

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

/**
 * Starts `orgtrust serve` on a free loopback port over an in-memory database with the demo
 * fixture. Returns { base, port, stop, clientToken, api }.
 */
async function startServer() {
  const port = await freePort();
  const proc = spawn(BINARY, ['serve', '--listen', `127.0.0.1:${port}`, '--database', 'sqlite::memory:',
    '--fixture', path.join(ROOT, 'fixtures', 'demo.json')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ORGTRUST_LOG: 'warn' },
  });
  const stop = () => { if (proc.exitCode === null) proc.kill('SIGTERM'); };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`orgtrust exited with ${proc.exitCode}`);
    if (Date.now() > deadline) { stop(); throw new Error('orgtrust did not start'); }
    try {
      const r = await fetch(`${base}/api/v2/organizations/me`);
      if (r.status === 401) break;
    } catch (_) {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  /** A client-credentials token. */
  const clientToken = async ([id, secret]) => {
    const r = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    if (r.status !== 200) throw new Error(`token: ${r.status} ${await r.text()}`);
    return (await r.json()).access_token;
  };
  /** A JSON API call; throws on a status other than `expect`. */
  const api = async (token, method, p, body, expect = 200) => {
    const r = await fetch(`${base}${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status !== expect) throw new Error(`${method} ${p}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { base, port, stop, clientToken, api };
}

/**
 * Serves `pages` ({ '/path': html }) and `files` ({ '/path': absolute file }) on a free loopback
 * port. Returns { origin, stop }.
 */
async function serveStatic(pages, files = {}) {
  const server = http.createServer((req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    if (pages[p] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(pages[p]);
    } else if (files[p]) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      fs.createReadStream(files[p]).pipe(res);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() };
}

/** The launch arguments: headless, no sandbox, nothing that talks to the network. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Launches Debian's Chromium with a fresh user data directory (removed by `close()`). Returns
 * { context, close } (a persistent context: one profile; open more with launchBrowser again).
 */
async function launchBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgtrust-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

/** Saves a screenshot of `page` as an artefact named `name`.png. */
async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Opens the console (`/console/?client_id=`) in a browser of its own (a fresh profile, so a
 * session of its own) and signs in on the server's sign-in page, choosing `chooseOrg` when the
 * user may act in several organizations. Returns { page, context, close }.
 */
async function consoleSignIn(base, clientId, [email, password], { chooseOrg, width = 1280, height = 900 } = {}) {
  const browser = await launchBrowser();
  const { context } = browser;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => { throw new Error(`page error: ${e.message}`); });
  await page.goto(`${base}/console/?client_id=${clientId}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/oauth\/authorize/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (chooseOrg) {
    await page.getByLabel(chooseOrg).check();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.waitForURL(`${base}/console/**`);
  await page.getByTestId('org-name').waitFor();
  return { page, context, close: browser.close };
}

/** The console's access token in `page` (what the console sends as its bearer token). */
function consoleToken(page) {
  return page.evaluate(() => sessionStorage.getItem('orgtrust.console.token'));
}

/** How many pixels wider than the viewport the page is (0: no horizontal scrolling). */
function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Partner Co pairs `userIds`/`groupIds` and Acme Corp trusts it over the API, with `users` and
 * `groups` ([{ id, roleDivisions: { grants } }]) as members. Returns the trustee (Partner Co) id.
 */
async function trustPartner(server, { userIds = [], groupIds = [], users = [], groups = [] }) {
  const partner = await server.clientToken(DEMO.partnerAdmin);
  const acme = await server.clientToken(DEMO.acmeAdmin);
  const pairing = await server.api(partner, 'POST', '/api/v2/orgauthorization/pairings', { userIds, groupIds });
  const trust = await server.api(acme, 'POST', '/api/v2/orgauthorization/trustees', {
    pairingId: pairing.id, enabled: true, users, groups,
  });
  return trust.id;
}

module.exports = {
  DEMO, ROOT, startServer, serveStatic, launchBrowser, screenshot, CHROMIUM_ARGS,
  consoleSignIn, consoleToken, horizontalOverflow, trustPartner,
};
