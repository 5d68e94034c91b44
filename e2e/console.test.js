// The web console end to end in a real browser (Debian's Chromium driven by playwright-core):
// a trustor admin (Ann, Acme) and a trustee admin (Pat, Partner) sign in through the console's
// PKCE sign-in in two browser contexts, Pat creates a pairing, Ann accepts it choosing roles per
// division, Sam (a Partner user in the trust) signs in to Acme, and Ann finds that sign-in in the
// audit search. Each step leaves a screenshot in e2e/artifacts/.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, consoleSignIn, screenshot: save } = require("./support.js");

let server;
let base;
const browsers = [];

before(async () => {
  server = await startServer();
  base = server.base;
});

after(async () => {
  for (const b of browsers) await b.close();
  server?.stop();
});

let shot = 0;
async function screenshot(page, name) {
  shot += 1;
  await save(page, `console-${String(shot).padStart(2, "0")}-${name}`);
}

/** Signs in to the console in a browser of its own (closed after the tests). */
async function signIn(clientId, email, password, chooseOrg) {
  const b = await consoleSignIn(base, clientId, [email, password], { chooseOrg });
  browsers.push(b);
  return b;
}

test("pairing to trust to a trustee's sign-in, found in the audit search", async () => {
  // 1. Both administrators sign in, each in a browser context of its own.
  const acme = await signIn("acme-console", "ann@acme.example", "Acme-admin-1!");
  assert.equal(await acme.page.getByTestId("org-name").textContent(), "Acme Corp");
  await acme.page.getByRole("heading", { name: "Divisions" }).or(acme.page.getByText("EMEA").first()).first().waitFor();
  await screenshot(acme.page, "trustor-signed-in");
  const partner = await signIn("partner-console", "pat@partner.example", "Partner-pat-1!");
  assert.equal(await partner.page.getByTestId("org-name").textContent(), "Partner Co");
  await screenshot(partner.page, "trustee-signed-in");

  // 2. The trustee creates a pairing offering Sam and the Partner Support group, and copies its id.
  await partner.page.getByRole("link", { name: "Trustors (trust us)" }).click();
  await partner.page.getByRole("heading", { name: "Create a pairing" }).waitFor();
  await partner.page.getByLabel("Sam Support (sam@partner.example)").check();
  await partner.page.getByLabel("Partner Support").check();
  await partner.page.getByRole("button", { name: "Create pairing" }).click();
  const pairingId = await partner.page.getByTestId("pairing-id").inputValue();
  assert.match(pairingId, /^[0-9a-f-]{36}$/);
  await screenshot(partner.page, "pairing-created");

  // 3. The trustor accepts it, choosing roles per division for Sam and for the group.
  await acme.page.getByRole("link", { name: "Trustees (we trust)" }).click();
  await acme.page.getByLabel("Pairing id").fill(pairingId);
  await acme.page.getByRole("button", { name: "Look up pairing" }).click();
  assert.equal(await acme.page.getByTestId("pairing-trustee").textContent(), "Partner Co");
  await acme.page.getByLabel("User Viewer in EMEA for Sam Support").check();
  await acme.page.getByLabel("Trust Auditor in Home for Sam Support").check();
  await acme.page.getByLabel("User Viewer in Home for Partner Support").check();
  await screenshot(acme.page, "pairing-accepting");
  await acme.page.getByRole("button", { name: "Create trust" }).click();
  await acme.page.getByRole("heading", { name: "Trust with Partner Co" }).waitFor();
  assert.equal(await acme.page.getByTestId("trust-state").textContent(), "Enabled");
  const samRow = acme.page.getByRole("row", { name: /Sam Support/ });
  assert.match(await samRow.textContent(), /Trust Auditor/);
  assert.match(await samRow.textContent(), /User Viewer/);
  await screenshot(acme.page, "trust-created");

  // The trustee sees the trust from its side.
  await partner.page.reload();
  await partner.page.getByRole("link", { name: "Open Acme Corp" }).waitFor();
  await screenshot(partner.page, "trustee-sees-trustor");

  // 4. Sam, a trustee user in the trust, signs in to the trustor organization.
  const sam = await signIn("partner-console", "sam@partner.example", "Partner-sam-1!", "Acme Corp");
  assert.equal(await sam.page.getByTestId("org-name").textContent(), "Acme Corp");
  await sam.page.getByText("signed in from Partner Co").waitFor();
  // User Viewer in EMEA: Sam sees Acme's EMEA user.
  await sam.page.getByRole("cell", { name: "Emil Europe" }).waitFor();
  await screenshot(sam.page, "trustee-user-in-trustor");

  // 5. The trustor finds that sign-in in the audit search, with its facets drawn.
  await acme.page.getByRole("link", { name: "Audit" }).click();
  await acme.page.getByLabel("Action").fill("login");
  await acme.page.getByRole("button", { name: "Search" }).click();
  const row = acme.page.getByRole("row", { name: /Sam Support/ }).first();
  await row.waitFor();
  assert.match(await row.textContent(), /login/);
  assert.ok((await acme.page.locator("svg.chart").count()) >= 1, "facet charts are drawn");
  await screenshot(acme.page, "audit-finds-sign-in");

  // 6. A disabled trust shows its state; a phone's width still shows the page whole.
  await acme.page.getByRole("link", { name: "Trustees (we trust)" }).click();
  await acme.page.getByRole("link", { name: "Open Partner Co" }).click();
  await acme.page.getByRole("button", { name: "Disable" }).click();
  await acme.page.getByText("is disabled").waitFor();
  assert.equal(await acme.page.getByTestId("trust-state").textContent(), "Disabled");
  await acme.page.setViewportSize({ width: 390, height: 844 });
  await screenshot(acme.page, "trust-disabled-phone");
  const overflow = await acme.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling at a phone's width (${overflow}px)`);

});
