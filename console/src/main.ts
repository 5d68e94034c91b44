// The console's shell: sign-in, the navigation and a hash router over the views.
import "./style.css";
import { setToken, setUnauthorizedHandler, token } from "./api";
import { completeSignIn, rememberedClientId, signOut, startSignIn } from "./auth";
import { loadSession, Session } from "./context";
import { button, clearStatus, describeError, el, field, flushNotice, replace, showError } from "./dom";
import { accessView } from "./views/access";
import { auditView } from "./views/audit";
import { limitsView } from "./views/limits";
import { orgView, userView } from "./views/org";
import { settingsView } from "./views/settings";
import { trusteeDetailView, trusteesView } from "./views/trustees";
import { trustorDetailView, trustorsView } from "./views/trustors";

/** A page of the console: renders into `main` for the route's parameters. */
export type View = (main: HTMLElement, session: Session, params: string[]) => Promise<void>;

const routes: { pattern: RegExp; view: View; nav?: string; title: string }[] = [
  { pattern: /^\/?$/, view: orgView, nav: "#/", title: "Organization" },
  { pattern: /^\/users\/([^/]+)$/, view: userView, title: "User" },
  { pattern: /^\/trustees$/, view: trusteesView, nav: "#/trustees", title: "Trustees (we trust)" },
  { pattern: /^\/trustees\/([^/]+)$/, view: trusteeDetailView, title: "Trustee" },
  { pattern: /^\/trustors$/, view: trustorsView, nav: "#/trustors", title: "Trustors (trust us)" },
  { pattern: /^\/trustors\/([^/]+)$/, view: trustorDetailView, title: "Trustor" },
  { pattern: /^\/access$/, view: accessView, nav: "#/access", title: "Access review" },
  { pattern: /^\/audit$/, view: auditView, nav: "#/audit", title: "Audit" },
  { pattern: /^\/limits$/, view: limitsView, nav: "#/limits", title: "Limits" },
  { pattern: /^\/settings$/, view: settingsView, nav: "#/settings", title: "Authentication" },
];

const app = document.getElementById("app")!;

function signInPage(problem?: unknown): void {
  const client = field("Console OAuth client ID", {
    name: "client_id",
    value: rememberedClientId(),
    required: true,
    autocomplete: "off",
    spellcheck: "false",
  }, "Your organization's console client, e.g. acme-console in the demo data.");
  const form = el(
    "form",
    { class: "card signin", "aria-labelledby": "signin-title" },
    el("h1", { id: "signin-title" }, "orgtrust console"),
    el("p", {}, "Manage your organization and its trusts. You sign in on the server's sign-in page."),
    client.row,
    el("button", { type: "submit", class: "primary" }, "Sign in"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const id = client.input.value.trim();
    if (!id) return;
    try {
      await startSignIn(id);
    } catch (err) {
      showError(err);
    }
  });
  app.className = "signin-page";
  replace(
    app,
    el("main", { id: "main", class: "narrow" }, form, el("div", { id: "status", tabindex: -1, "aria-live": "polite" })),
  );
  if (problem) showError(problem);
  client.input.focus();
}

function shell(session: Session): HTMLElement {
  const nav = el(
    "nav",
    { "aria-label": "Sections" },
    el(
      "ul",
      {},
      routes
        .filter((r) => r.nav)
        .map((r) => el("li", {}, el("a", { href: r.nav!, "data-nav": r.nav! }, r.title))),
    ),
  );
  const header = el(
    "header",
    { class: "top" },
    el(
      "div",
      { class: "who" },
      el("strong", { "data-testid": "org-name" }, session.orgName),
      session.crossOrg ? el("span", { class: "badge" }, `signed in from ${session.homeOrgName}`) : null,
    ),
    el(
      "div",
      { class: "session" },
      button("Switch organization", () => startSignIn(rememberedClientId() || session.clientId)),
      button("Sign out", async () => {
        await signOut();
        signInPage();
      }),
    ),
  );
  const main = el("main", { id: "main", tabindex: -1 });
  app.className = "";
  replace(app, header, nav, el("div", { id: "status", tabindex: -1, "aria-live": "polite" }), main);
  return main;
}

async function route(session: Session, main: HTMLElement): Promise<void> {
  const path = decodeURIComponent(location.hash.replace(/^#/, "")) || "/";
  clearStatus();
  for (const a of document.querySelectorAll<HTMLAnchorElement>("nav a")) {
    const current = a.dataset.nav === `#${path}` || (path.startsWith(a.dataset.nav!.slice(1) + "/") && a.dataset.nav !== "#/");
    if (current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    document.title = `${r.title} · ${session.orgName} · orgtrust console`;
    // Each visit renders into a container of its own: a slower page still loading when the
    // next one is chosen then writes into a detached node, not over the page shown.
    const view = el("div", { class: "view" }, el("p", { class: "muted", "aria-busy": "true" }, "Loading…"));
    replace(main, view);
    try {
      await r.view(view, session, m.slice(1));
    } catch (err) {
      replace(view, describeError(err));
    }
    if (view.isConnected) flushNotice();
    return;
  }
  replace(main, el("h1", {}, "Not found"), el("p", {}, el("a", { href: "#/" }, "Back to the organization")));
}

async function start(): Promise<void> {
  setUnauthorizedHandler(() => {
    setToken(null);
  });
  try {
    await completeSignIn();
  } catch (err) {
    signInPage(err);
    return;
  }
  if (!token()) {
    signInPage();
    return;
  }
  let session: Session;
  try {
    session = await loadSession();
  } catch (err) {
    setToken(null);
    signInPage(err);
    return;
  }
  const main = shell(session);
  window.addEventListener("hashchange", () => {
    void route(session, main).then(() => main.focus());
  });
  await route(session, main);
}

void start();
