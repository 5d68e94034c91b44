// The console's access review (issue 35): the report of who from other organizations can do what
// here, its filters and CSV download, and the history of changes, in Chromium against a real
// server.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { DEMO, startServer, consoleSignIn, trustPartner } = require("./support.js");

let server;
const browsers = [];

before(async () => {
  server = await startServer();
});

after(async () => {
  for (const b of browsers) await b.close();
  server?.stop();
});

test("the access review lists each trustee user's roles, filters them and says what changed", async () => {
  await trustPartner(server, {
    userIds: [DEMO.PARTNER_PAT],
    users: [{ id: DEMO.PARTNER_PAT, roleDivisions: { grants: [{ roleId: DEMO.ACME_USER_VIEWER_ROLE, divisionId: DEMO.ACME_EMEA }] } }],
  });
  const acme = await server.clientToken(DEMO.acmeAdmin);
  try {
    const b = await consoleSignIn(server.base, "acme-console", DEMO.ann);
    browsers.push(b);
    const { page } = b;
    await page.getByRole("link", { name: "Access review" }).click();
    const report = page.getByRole("table", { name: /Access of other organizations' users \(1\)/ });
    await report.waitFor();
    const cells = await report.locator("tbody td").allTextContents();
    assert.deepEqual(cells.slice(0, 5), ["Partner Co", "Pat Partner", "by name", "User Viewer", "EMEA"]);

    // A permission the role does not grant: nobody.
    await page.getByLabel("Permission").fill("authorization:role:add");
    await page.getByRole("button", { name: "Show access" }).click();
    await page.getByText("Nobody from another organization can act here.").waitFor();

    // The CSV of what is shown: the header only now.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    const text = require("node:fs").readFileSync(await download.path(), "utf8");
    assert.equal(text.split("\r\n")[0], "trusteeOrganization,user,via,role,division,permissions,trustDateExpired");

    // The history: the trust was granted.
    const changes = page.getByRole("table", { name: /Changes \(\d+\)/ });
    await changes.waitFor();
    const kinds = await changes.locator("tbody tr td:nth-child(2)").allTextContents();
    assert.ok(kinds.includes("granted"), `changes: ${kinds.join(", ")}`);

    // Reviews: Ann requires herself to confirm every 5 days; a day later she confirms.
    await page.getByLabel("Trust to review (trustee organization id)").fill(DEMO.PARTNER);
    await page.getByLabel("Every (days)").fill("5");
    await page.getByLabel("Reviewer (user id)").fill(DEMO.ACME_ANN);
    await page.getByRole("button", { name: "Require reviews" }).click();
    await page.getByTestId("notice").filter({ hasText: "Reviews are required." }).waitFor();
    // Due within a week: the page says so.
    await page.getByTestId("reviews-due").waitFor();
    await page.getByRole("button", { name: "Confirm Partner Co" }).click();
    await page.getByTestId("notice").filter({ hasText: "is confirmed" }).waitFor();
    const reviews = page.getByRole("table", { name: "Trust reviews" });
    assert.deepEqual((await reviews.locator("tbody td").allTextContents()).slice(0, 3), ["Partner Co", "5 days", "Ann Admin"]);
  } finally {
    await server.api(acme, "DELETE", `/api/v2/orgauthorization/trustees/${DEMO.PARTNER}`, undefined, 204);
  }
});
