// The console's reported bugs (issue 33), each pinned by a test in Chromium: a pairing accepted
// with none of a user's boxes ticked must not add that user; a trustee user acting in a trustor
// is told the right way round who is the trustee; the Roles table shows no column the API never
// fills; the pages fit a phone's width (one column from 320px, the header's buttons on one row,
// the sign-in card centred) and the Trustees page asks the API nothing that answers 404.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { DEMO, startServer, launchBrowser, consoleSignIn, horizontalOverflow, trustPartner, screenshot } = require("./support.js");

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

test("accepting a pairing adds only the members with a role ticked", async () => {
  const partner = await server.clientToken(DEMO.partnerAdmin);
  const pairing = await server.api(partner, "POST", "/api/v2/orgauthorization/pairings", {
    userIds: [DEMO.PARTNER_PAT, DEMO.PARTNER_SAM],
    groupIds: [DEMO.PARTNER_SUPPORT_GROUP],
  });
  const { page } = await signIn("acme-console", DEMO.ann);
  await page.getByRole("link", { name: "Trustees (we trust)" }).click();
  await page.getByLabel("Pairing id").fill(pairing.id);
  await page.getByRole("button", { name: "Look up pairing" }).click();
  // Only Pat gets a role; Sam and the group get none.
  await page.getByLabel("User Viewer in EMEA for Pat Partner").check();
  await page.getByRole("button", { name: "Create trust" }).click();
  await page.getByRole("heading", { name: "Trust with Partner Co" }).waitFor();
  const acme = await server.clientToken(DEMO.acmeAdmin);
  try {
    const users = await server.api(acme, "GET", `/api/v2/orgauthorization/trustees/${DEMO.PARTNER}/users`);
    assert.deepEqual(users.entities.map((u) => u.name), ["Pat Partner"]);
    const groups = await server.api(acme, "GET", `/api/v2/orgauthorization/trustees/${DEMO.PARTNER}/groups`);
    assert.deepEqual(groups.entities, []);
    // The confirmation says who joined and who did not.
    assert.equal(
      await page.getByTestId("notice").textContent(),
      "The trust with Partner Co was created. Pat Partner was added. Sam Support and Partner Support were not added (no role ticked).",
    );
  } finally {
    await server.api(acme, "DELETE", `/api/v2/orgauthorization/trustees/${DEMO.PARTNER}`, undefined, 204);
  }
});

test("a trustee user in the trustor reads that its home organization is the trustee", async () => {
  await trustPartner(server, {
    userIds: [DEMO.PARTNER_PAT],
    users: [{ id: DEMO.PARTNER_PAT, roleDivisions: { grants: [{ roleId: DEMO.ACME_USER_VIEWER_ROLE, divisionId: DEMO.ACME_EMEA }] } }],
  });
  const acme = await server.clientToken(DEMO.acmeAdmin);
  try {
    const { page } = await signIn("partner-console", DEMO.pat, { chooseOrg: "Acme Corp" });
    const heading = page.getByRole("heading", { level: 1 });
    await page.getByRole("table", { name: "Divisions" }).or(page.getByRole("heading", { name: "Divisions" })).first().waitFor();
    assert.doesNotMatch(await heading.textContent(), /as a trustee of Partner Co/);
    assert.equal(await heading.textContent(), "Acme Corp");
    assert.equal(
      await page.getByTestId("acting-as").textContent(),
      "You act in Acme Corp (the trustor) as a user of Partner Co (its trustee).",
    );
  } finally {
    await server.api(acme, "DELETE", `/api/v2/orgauthorization/trustees/${DEMO.PARTNER}`, undefined, 204);
  }
});

test("the Roles table has no column the API never fills", async () => {
  const { page } = await signIn("acme-console", DEMO.ann);
  const roles = page.getByRole("table", { name: "Roles" });
  await roles.waitFor();
  const headers = await roles.locator("thead th").allTextContents();
  assert.ok(!headers.includes("Members"), `Roles columns: ${headers.join(", ")}`);
  for (const cell of await roles.locator("tbody td").allTextContents()) assert.notEqual(cell, "—");
});

test("the Trustees page asks the API nothing that answers 404", async () => {
  const { page } = await signIn("acme-console", DEMO.ann);
  const notFound = [];
  page.on("response", (r) => {
    if (r.status() === 404) notFound.push(r.url());
  });
  await page.getByRole("link", { name: "Trustees (we trust)" }).click();
  await page.getByRole("button", { name: /Trust Customer Care/ }).waitFor();
  assert.deepEqual(notFound, []);
});

test("the Trustees page fits 400px and 320px, the header's buttons on one row", async () => {
  // A trust in the list and a pairing being accepted: the widest content the page has.
  await trustPartner(server, {
    userIds: [DEMO.PARTNER_PAT],
    users: [{ id: DEMO.PARTNER_PAT, roleDivisions: { grants: [{ roleId: DEMO.ACME_USER_VIEWER_ROLE, divisionId: DEMO.ACME_EMEA }] } }],
  });
  const partner = await server.clientToken(DEMO.partnerAdmin);
  const pairing = await server.api(partner, "POST", "/api/v2/orgauthorization/pairings", { userIds: [DEMO.PARTNER_SAM] });
  const { page } = await signIn("acme-console", DEMO.ann);
  await page.getByRole("link", { name: "Trustees (we trust)" }).click();
  await page.getByRole("link", { name: "Open Partner Co" }).waitFor();
  await page.getByLabel("Pairing id").fill(pairing.id);
  await page.getByRole("button", { name: "Look up pairing" }).click();
  await page.getByRole("button", { name: "Create trust" }).waitFor();
  for (const width of [400, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `bugs-trustees-${width}`);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow <= 0, `the Trustees page is ${overflow}px wider than ${width}px`);
    const signOut = await page.getByRole("button", { name: "Sign out" }).boundingBox();
    const switchOrg = await page.getByRole("button", { name: "Switch organization" }).boundingBox();
    assert.equal(Math.round(signOut.y), Math.round(switchOrg.y), `"Sign out" wraps at ${width}px`);
  }
});

test("the first sign-in card is centred", async () => {
  const b = await launchBrowser();
  browsers.push(b);
  const page = await b.context.newPage();
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${server.base}/console/`);
    const card = await page.locator("form.signin").boundingBox();
    const left = card.x;
    const right = width - (card.x + card.width);
    assert.ok(Math.abs(left - right) <= 2, `at ${width}px the sign-in card is off centre (${left}px left, ${right}px right)`);
  }
});
