// A trust's daily work in the console, end to end in Chromium, over the public API only:
// the trustor (Ann, Acme) adds a trustee user with a role in one division and sees it take effect
// for that user's token (a request in the trustor succeeds in that division, fails in another),
// changes it, removes it (asked first); adds a group by id; the trustee (Pat, Partner) sees which
// of its users act in the trustor, adds one, clones it, removes the clone and the member; the
// audit page pages its table, draws its facets and links an entry to the trust and the user it
// names. Every page visited is shot at 1280 and 360px and checked for horizontal scrolling; the
// member editor's shot is docs/console.png when ORGTRUST_DOCS_PNG names it (e2e/docs-screenshot.sh).
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { DEMO, startServer, consoleSignIn, consoleToken, horizontalOverflow, trustPartner, screenshot } = require("./support.js");

let server;
const browsers = [];

before(async () => {
  server = await startServer();
});

after(async () => {
  for (const b of browsers) await b.close();
  server?.stop();
});

async function signIn(clientId, who, options) {
  const b = await consoleSignIn(server.base, clientId, who, options);
  browsers.push(b);
  return b;
}

let shot = 0;
/** Screenshots `page` at 1280 and 360px, failing if either scrolls sideways; back to 1280. */
async function fits(page, name) {
  shot += 1;
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `members-${String(shot).padStart(2, "0")}-${name}-${width}`);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow <= 0, `${name}: ${overflow}px of horizontal scrolling at ${width}px`);
  }
}

/** The status of a GET as `token` (a trustee user's token acting in the trustor). */
async function status(token, path) {
  const r = await fetch(`${server.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return r.status;
}

/** What Sam's token may read in Acme: Emil is in EMEA, Ann in Home. */
async function samReads(token) {
  return {
    emea: (await status(token, `/api/v2/users/${DEMO.ACME_EMIL}`)) === 200,
    home: (await status(token, `/api/v2/users/${DEMO.ACME_ANN}`)) === 200,
  };
}

/** Waits for the confirmation of a change to read `expected` (fails with what it read). */
async function confirmed(page, expected) {
  const n = page.getByTestId("notice");
  const exact = new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  try {
    await n.filter({ hasText: exact }).waitFor({ timeout: 10000 });
  } catch {
    assert.fail(`expected the confirmation "${expected}", read "${await n.textContent().catch(() => "(none)")}"`);
  }
}

test("a trust's members, roles per division, clones and the audit, in the console", async () => {
  // Partner Co is trusted with Pat (Admin everywhere: Pat will make audited changes in Acme);
  // a second pairing offers Sam.
  await trustPartner(server, {
    userIds: [DEMO.PARTNER_PAT],
    users: [{ id: DEMO.PARTNER_PAT, roleIds: [DEMO.ACME_ADMIN_ROLE] }],
  });
  const partnerToken = await server.clientToken(DEMO.partnerAdmin);
  const pairing = await server.api(partnerToken, "POST", "/api/v2/orgauthorization/pairings", { userIds: [DEMO.PARTNER_SAM] });

  // Sam signs in to Partner Co now; the trust gives Sam nothing in Acme yet.
  const ann = await signIn("acme-console", DEMO.ann);
  const page = ann.page;
  await page.getByRole("link", { name: "Trustees (we trust)" }).click();
  await page.getByRole("link", { name: "Open Partner Co" }).click();
  await page.getByRole("heading", { name: "Trust with Partner Co" }).waitFor();
  assert.equal(await page.getByRole("row", { name: /Pat Partner/ }).getByTestId("member-grants").textContent(), "Admin in all divisions");
  await fits(page, "trust");

  // 1. Add Sam from the pairing with User Viewer in EMEA only.
  await page.getByRole("form", { name: "Add from a pairing" }).getByLabel("Pairing id").fill(pairing.id);
  await page.getByRole("form", { name: "Add from a pairing" }).getByRole("button", { name: "Look up pairing" }).click();
  await page.getByLabel("User Viewer in EMEA for Sam Support").check();
  await page.getByRole("button", { name: "Add the members with a role ticked" }).click();
  await confirmed(page, "Sam Support was added with User Viewer in EMEA.");
  const samRow = page.getByRole("row", { name: /Sam Support/ });
  assert.equal(await samRow.getByTestId("member-grants").textContent(), "User Viewer in EMEA");

  // It takes effect for Sam's token in Acme: EMEA's user is readable, Home's is not.
  const sam = await signIn("partner-console", DEMO.sam, { chooseOrg: "Acme Corp" });
  const samToken = await consoleToken(sam.page);
  assert.deepEqual(await samReads(samToken), { emea: true, home: false });

  // 2. Change Sam's roles, keyboard only: the editor takes the focus, Space ticks, Enter saves.
  await samRow.getByRole("button", { name: "Change roles of Sam Support" }).focus();
  await page.keyboard.press("Enter");
  const editorTitle = page.getByRole("heading", { name: "Roles of Sam Support in Acme Corp" });
  await editorTitle.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "editor-title");
  const editor = page.getByRole("region", { name: "Roles of Sam Support in Acme Corp" });
  assert.equal(await editor.getByLabel("User Viewer in EMEA for Sam Support").isChecked(), true);
  await editor.getByLabel("User Viewer in EMEA for Sam Support").focus();
  await page.keyboard.press("Space");
  await editor.getByLabel("User Viewer in Home for Sam Support").focus();
  await page.keyboard.press("Space");
  await fits(page, "member-editor");
  if (process.env.ORGTRUST_DOCS_PNG) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await editorTitle.scrollIntoViewIfNeeded();
    await page.screenshot({ path: process.env.ORGTRUST_DOCS_PNG });
  }
  await editor.getByRole("button", { name: "Save roles of Sam Support" }).focus();
  await page.keyboard.press("Enter");
  await confirmed(page, "Sam Support now has: User Viewer in Home.");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "status");
  assert.equal(await samRow.getByTestId("member-grants").textContent(), "User Viewer in Home");
  assert.deepEqual(await samReads(samToken), { emea: false, home: true });

  // 3. Remove Sam: asked first; "Cancel" keeps Sam, "OK" removes.
  const dialogs = [];
  let answer = false;
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void (answer ? d.accept() : d.dismiss());
  });
  await samRow.getByRole("button", { name: "Remove Sam Support" }).click();
  assert.match(dialogs.at(-1), /^Remove Sam Support from the trust with Partner Co\?/);
  assert.deepEqual(await samReads(samToken), { emea: false, home: true });
  answer = true;
  await samRow.getByRole("button", { name: "Remove Sam Support" }).click();
  await confirmed(page, "Sam Support was removed from the trust.");
  assert.equal(await page.getByRole("row", { name: /Sam Support/ }).count(), 0);
  assert.deepEqual(await samReads(samToken), { emea: false, home: false });

  // 4. Add the Partner Support group by id, with Trust Auditor in Home.
  const byId = page.getByRole("form", { name: "Add by id" });
  await byId.getByLabel("Kind").selectOption("groups");
  await byId.getByLabel("Id of the Partner Co user or group").fill(DEMO.PARTNER_SUPPORT_GROUP);
  await byId.getByLabel("Trust Auditor in Home for the new member").check();
  await byId.getByRole("button", { name: "Add member" }).click();
  await confirmed(page, "Partner Support was added with Trust Auditor in Home.");
  const groupRow = page.getByRole("row", { name: /Partner Support/ });
  assert.equal(await groupRow.getByTestId("member-grants").textContent(), "Trust Auditor in Home");
  await fits(page, "trust-with-group");

  // 5. The trustee's side: which of Partner's users act in Acme; add Sam, clone, remove.
  const pat = await signIn("partner-console", DEMO.pat, { chooseOrg: "Partner Co" });
  const pp = pat.page;
  pp.on("dialog", (d) => void d.accept());
  await pp.getByRole("link", { name: "Trustors (trust us)" }).click();
  await pp.getByRole("link", { name: "Open Acme Corp" }).click();
  const ours = pp.getByRole("table", { name: "Our users acting in Acme Corp" });
  await ours.waitFor();
  assert.deepEqual(await ours.locator("tbody tr td:first-child").allTextContents(), ["Pat Partner"]);
  assert.equal(await pp.getByRole("table", { name: "Our groups acting in Acme Corp" }).locator("tbody td:first-child").textContent(), "Partner Support");
  await fits(pp, "trustor");
  await pp.getByRole("form", { name: "Add our users or groups to the trust with Acme Corp" }).getByLabel("Sam Support (sam@partner.example)").check();
  await pp.getByRole("button", { name: "Add to the trust" }).click();
  await confirmed(pp, "Sam Support joined the trust with Acme Corp; Acme Corp gives them their roles.");
  assert.deepEqual(await ours.locator("tbody tr td:first-child").allTextContents(), ["Pat Partner", "Sam Support"]);
  // The trustor sees Sam without a role.
  await page.reload();
  assert.equal(await page.getByRole("row", { name: /Sam Support/ }).getByTestId("member-grants").textContent(), "No role");
  // Clone Sam into Acme, see the clone on both sides, remove it (asked first).
  await pp.getByRole("form", { name: "Clone users into Acme Corp" }).getByLabel("Sam Support (sam@partner.example)").check();
  await pp.getByRole("button", { name: "Clone selected users" }).click();
  await confirmed(pp, "Sam Support cloned into Acme Corp.");
  await pp.getByRole("table", { name: "Cloned users" }).getByRole("cell", { name: "Sam Support", exact: true }).waitFor();
  await page.reload();
  await page.getByRole("table", { name: "Cloned users" }).getByRole("cell", { name: "Sam Support", exact: true }).waitFor();
  await pp.getByRole("button", { name: "Remove clone of Sam Support" }).click();
  await confirmed(pp, "The clone of Sam Support was removed from Acme Corp.");
  await pp.getByRole("button", { name: "Remove Sam Support" }).click();
  await confirmed(pp, "Sam Support was removed from the trust with Acme Corp.");
  assert.deepEqual(await ours.locator("tbody tr td:first-child").allTextContents(), ["Pat Partner"]);

  // 6. Pat makes twelve audited changes in Acme; Ann pages through them in the audit.
  const patInAcme = await signIn("partner-console", DEMO.pat, { chooseOrg: "Acme Corp" });
  const patToken = await consoleToken(patInAcme.page);
  for (let i = 1; i <= 12; i += 1) {
    const emil = await server.api(patToken, "GET", `/api/v2/users/${DEMO.ACME_EMIL}`);
    await server.api(patToken, "PATCH", `/api/v2/users/${DEMO.ACME_EMIL}`, { version: emil.version, title: `Analyst ${i}` });
  }
  await page.getByRole("link", { name: "Audit" }).click();
  await page.getByLabel("Action").fill("update");
  await page.getByLabel("Per page").selectOption("10");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByTestId("audit-total").filter({ hasText: "12 event(s); page 1 of 2." }).waitFor();
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  assert.equal(await rows.count(), 10);
  const first = rows.first();
  assert.equal(await first.locator("td").nth(1).textContent(), "Pat Partner");
  assert.equal(await first.locator("td").nth(2).textContent(), "Partner Co");
  assert.equal(await first.locator("td").nth(3).textContent(), "update");
  assert.ok((await page.locator("svg.chart").count()) >= 1, "the facets are drawn");
  await fits(page, "audit");
  await page.getByRole("button", { name: "Next page" }).click();
  await page.getByTestId("audit-total").filter({ hasText: "page 2 of 2" }).waitFor();
  assert.equal(await rows.count(), 2);
  // An entry links to the trust of the organization it came from and to the user it names.
  assert.equal(await rows.first().getByRole("link", { name: "Partner Co" }).getAttribute("href"), `#/trustees/${DEMO.PARTNER}`);
  await rows.first().getByRole("link", { name: "User Emil Europe" }).click();
  await page.getByRole("heading", { name: "Emil Europe" }).waitFor();
  await fits(page, "user");
  await page.goBack();
  await page.getByLabel("Action").waitFor();
  await page.goto(`${server.base}/console/#/trustees/${DEMO.PARTNER}`);
  await page.getByRole("heading", { name: "Trust with Partner Co" }).waitFor();

  // 7. Deleting the trust asks first.
  await page.getByRole("button", { name: "Delete trust" }).click();
  assert.match(dialogs.at(-1), /^Delete the trust with Partner Co\?/);
  await confirmed(page, "The trust with Partner Co was deleted.");
  assert.deepEqual(await samReads(patToken), { emea: false, home: false });
});

test("every section of the console fits 1280 and 360px", async () => {
  const { page } = await signIn("acme-console", DEMO.ann);
  for (const section of ["Organization", "Trustees (we trust)", "Trustors (trust us)", "Audit", "Limits", "Authentication"]) {
    await page.getByRole("link", { name: section, exact: true }).click();
    await page.locator("main h1").first().waitFor();
    await page.locator("main [aria-busy=true]").waitFor({ state: "detached" });
    await fits(page, section.split(" ")[0].toLowerCase());
  }
});
