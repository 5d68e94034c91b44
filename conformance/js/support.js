// Shared by the JavaScript SDK suites: start a live `orgtrust serve` (on the backend under test),
// sign SDK clients in, call internal operations through the SDK's generic callApi, and declare
// which seed methods each test exercises (`seedTest`). A declared method must be called
// successfully during its test (through the SDK's own method when the package has one, else
// through callApi) or the test fails; the declarations are written beside the junit results for
// conformance/coverage.py.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const platformClient = require('purecloud-platform-client-v2');

const ROOT = path.resolve(__dirname, '..', '..');
const BINARY = process.env.ORGTRUST_BIN || path.join(ROOT, 'target', 'debug', 'orgtrust');

// The backend under test, as in conformance/python/conftest.py: `sqlite` (in memory, default) or
// `postgres` (a fresh database on the cluster named by ORGTRUST_TEST_PG_URL, created with psql).
const BACKEND = process.env.ORGTRUST_CONFORMANCE_BACKEND || 'sqlite';

// Set by scripts/test.sh for its secret scan (scripts/secret-scan.py).
const SCAN_DIR = process.env.ORGTRUST_SECRET_SCAN_DIR;

const ACME = 'a0000000-0000-4000-8000-000000000001';
const PARTNER = 'b0000000-0000-4000-8000-000000000001';

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

/** The demo fixture (fixtures/demo.json), changed by `edit(doc)`, written to a temporary file. */
function fixtureFile(edit) {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'demo.json'), 'utf8'));
  if (edit) edit(doc);
  const file = path.join(os.tmpdir(), `orgtrust-js-fixture-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

/**
 * Starts `orgtrust serve` on a free loopback port over a fresh database of the backend under
 * test, with the demo fixture changed by `edit` and `extraArgs` (e.g. `['--emulator']`) after the
 * others. `stop()` ends it (so does the process's exit).
 */
async function startServer(edit, extraArgs = []) {
  const port = await freePort();
  const args = ['serve', '--listen', `127.0.0.1:${port}`, '--database', databaseUrl(), '--fixture', fixtureFile(edit), ...extraArgs];
  // Under scripts/test.sh's secret scan the server logs at debug level into the scan directory
  // and is reached through a recording relay (see tap below and scripts/secret-scan.py).
  const scan = SCAN_DIR && path.join(SCAN_DIR, `js-${process.pid}-${port}`);
  const proc = scan
    ? spawn(BINARY, [...args, '--log', 'debug'], {
      stdio: ['ignore', fs.openSync(`${scan}.stdout`, 'w'), fs.openSync(`${scan}.log`, 'w')],
    })
    : spawn(BINARY, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ORGTRUST_LOG: 'warn' } });
  const stop = () => { if (proc.exitCode === null) proc.kill('SIGTERM'); };
  process.on('exit', stop);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`orgtrust exited with ${proc.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v2/organizations/me`);
      if (r.status === 401) {
        const reached = scan ? await tap(port, `${scan}.wire`) : port;
        return { port: reached, base: `http://127.0.0.1:${reached}`, stop };
      }
    } catch (_) {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('orgtrust did not start');
}

/**
 * A byte-for-byte TCP relay to `upstreamPort` on a free loopback port, appending everything that
 * crosses it (both ways) to `wireFile`: the secret scan reads from it every secret the suite sent
 * or received. Answers the relay's port; it lives as long as the process.
 */
async function tap(upstreamPort, wireFile) {
  const wire = fs.openSync(wireFile, 'a');
  let connections = 0;
  const relay = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    connections += 1;
    // Framed records, as conformance/python/wiretap.py writes them: `<connection> <up|down>
    // <length>` on a line, then the bytes.
    const pump = (from, to, tag) => {
      from.on('data', (chunk) => {
        fs.writeSync(wire, Buffer.concat([Buffer.from(`${tag} ${chunk.length}\n`), chunk]));
        to.write(chunk);
      });
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
    };
    pump(client, upstream, `${connections} up`);
    pump(upstream, client, `${connections} down`);
  });
  relay.unref();
  await new Promise((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return relay.address().port;
}

// ---- seed declarations and what each test really called ----

const SEEDS = JSON.parse(fs.readFileSync(path.join(ROOT, 'reference', 'seed-methods.json'), 'utf8')).seeds;
/** The SDK class that carries each seed's methods in this package. */
const SDK_CLASS = { '000': platformClient.OrganizationAuthorizationApi, '004': platformClient.OrganizationApi };

function seedFile(seed) {
  const file = Object.keys(SEEDS).find((f) => f.startsWith(`${seed}_`));
  if (!file) throw new Error(`no seed file ${seed}`);
  return file;
}

/** The operation (`METHOD /path`) a seed method names, and how this SDK reaches it. */
function seedOperation(seed, method) {
  const entry = SEEDS[seedFile(seed)].find((m) => m.method_name === method);
  if (!entry) throw new Error(`${method} is not a method of seed ${seed}`);
  const cls = SDK_CLASS[seed];
  const via = cls && typeof cls.prototype[method] === 'function' ? 'sdk' : 'generic';
  return { op: `${entry.method} ${entry.path}`, via };
}

/** Operations called successfully during the running test, as `via METHOD /path`. */
let current = null;
/** Every seed method called successfully in this file (for the file's own completeness check). */
const calledMethods = new Set();
const declarations = {};

function record(via, method, apiPath) {
  if (current) current.add(`${via} ${method.toUpperCase()} ${apiPath}`);
}

/**
 * A test exercising seed methods: `seeds` maps a seed number to its method names, e.g.
 * `{ '000': ['getOrgauthorizationTrustee'] }`. After `fn` passes, each declared method must have
 * been called successfully in it, through the SDK's method (or callApi when the SDK lacks it).
 */
function seedTest(name, seeds, fn) {
  if (declarations[name]) throw new Error(`duplicate test name ${name}`);
  const wanted = [];
  for (const [seed, methods] of Object.entries(seeds)) {
    for (const method of methods) wanted.push({ seed, method, ...seedOperation(seed, method) });
  }
  declarations[name] = wanted.map(({ seed, method, via }) => ({ seed, method, via }));
  test(name, async (t) => {
    current = new Set();
    try {
      await fn(t);
      const missing = wanted.filter((w) => !current.has(`${w.via} ${w.op}`));
      assert.deepEqual(missing.map((w) => `${w.seed} ${w.method} (${w.via} ${w.op})`), [], 'declared seed methods not called successfully');
      for (const w of wanted) calledMethods.add(`${w.seed} ${w.method}`);
    } finally {
      current = null;
    }
  });
}

// The declarations beside the junit file (conformance/coverage.py joins them by test name).
process.on('exit', () => {
  const dir = process.env.ORGTRUST_RESULTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `js-seeds-${path.basename(require.main ? require.main.filename : process.argv[1], '.js')}.json`);
  fs.writeFileSync(file, JSON.stringify({ backend: BACKEND, tests: declarations }, null, 1));
});

// ---- SDK clients ----

/** A fresh SDK ApiClient pointed at `port` with `setGateway`, its calls recorded. */
function sdkClient(port) {
  const client = new platformClient.ApiClientClass();
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port });
  const callApi = client.callApi.bind(client);
  client.rawCallApi = callApi;
  client.callApi = (apiPath, method, ...rest) => callApi(apiPath, method, ...rest).then((r) => {
    record('sdk', method, apiPath);
    return r;
  });
  return client;
}

/** A client signed in with client credentials (the package's default instance is a singleton). */
async function signIn(port, clientId, secret) {
  const client = sdkClient(port);
  await client.loginClientCredentialsGrant(clientId, secret);
  return client;
}

/** A client holding a user's token from the password grant (`target`: a trustor organization). */
async function signInUser(port, clientId, secret, username, password, target) {
  const form = new URLSearchParams({ grant_type: 'password', username, password });
  if (target) form.set('target', target);
  const r = await fetch(`http://127.0.0.1:${port}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  const client = sdkClient(port);
  client.setAccessToken(body.access_token);
  return client;
}

/** An operation through the SDK's generic ApiClient.callApi (for methods the package lacks). */
async function generic(client, method, apiPath, { pathParams = {}, query = {}, body = null } = {}) {
  const result = await client.rawCallApi(apiPath, method, pathParams, query, {}, {}, body, ['PureCloud OAuth'], ['application/json'], ['application/json']);
  record('generic', method, apiPath);
  return result;
}

/** Expects the promise to reject with the Genesys ErrorBody of `status` (and `code`). */
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

/**
 * A recording HTTP proxy in front of the server: the SDK talks to it (setGateway on its port),
 * it forwards every request unchanged and keeps what arrived (method, url, headers, body).
 */
async function wireRecorder(targetPort) {
  const seen = [];
  const proxy = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString('utf8') });
      const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      });
      upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
      upstream.end(body);
    });
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { port: proxy.address().port, seen, close: () => proxy.close() };
}

module.exports = {
  ACME, PARTNER, BACKEND, ROOT, calledMethods, generic, rejects, seedTest, signIn, signInUser,
  startServer, wireRecorder,
};
