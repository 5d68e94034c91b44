// Access review: who from other organizations can do what here (the report, filterable, with a
// CSV download) and what changed in that access between two dates (the history), from orgtrust's
// `/orgtrust/v1/access/...` extension.
import { all, del, post, put, seg } from "../api";
import type { Session } from "../context";
import { button, el, field, localToIso, notify, replace, showError, table, when } from "../dom";

interface Ref {
  id?: string;
  name?: string;
}
interface AccessEntry {
  trusteeOrganization?: Ref;
  user?: Ref;
  via?: "user" | "group" | "organization" | "clone";
  group?: Ref;
  clonedUser?: Ref;
  role?: Ref;
  division?: Ref;
  permissions?: string[];
  trustDateCreated?: string;
  trustDateExpired?: string;
}
interface AccessGrant {
  roleId?: string;
  divisionId?: string;
}
interface AccessChange {
  timestamp?: string;
  kind?: string;
  entity?: { type?: string; id?: string; name?: string };
  action?: string;
  added?: AccessGrant[];
  removed?: AccessGrant[];
  user?: Ref;
}

interface TrustReview {
  trusteeOrganization?: Ref;
  intervalDays?: number;
  reviewer?: Ref;
  dateLastConfirmed?: string;
  dateDue?: string;
  dateLapsed?: string;
  state?: "current" | "due" | "lapsed";
}

const REPORT = "/orgtrust/v1/access/report";
const REVIEWS = "/orgtrust/v1/access/reviews";
const HISTORY = "/orgtrust/v1/access/history";

function via(r: AccessEntry): string {
  switch (r.via) {
    case "group":
      return `group ${r.group?.name ?? r.group?.id ?? ""}`;
    case "clone":
      return `clone ${r.clonedUser?.id ?? ""}`;
    case "organization":
      return "whole organization";
    default:
      return "by name";
  }
}

/** One CSV field (RFC 4180: quoted when it holds a comma, quote or line break). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(rows: AccessEntry[]): string {
  const header = ["trusteeOrganization", "user", "via", "role", "division", "permissions", "trustDateExpired"];
  const lines = rows.map((r) =>
    [r.trusteeOrganization?.name, r.user?.name, via(r), r.role?.name, r.division?.name, (r.permissions ?? []).join(" "), r.trustDateExpired]
      .map((v) => csvField(v ?? ""))
      .join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}

function grants(list?: AccessGrant[]): string {
  const text = (list ?? []).map((g) => `${g.roleId ?? "?"} in ${g.divisionId === "*" ? "all divisions" : g.divisionId}`);
  return text.length ? text.join("; ") : "—";
}

/** `#/access`. */
export async function accessView(main: HTMLElement, session: Session): Promise<void> {
  const trustee = field("Trustee organization id", { name: "trusteeOrgId", autocomplete: "off" }, "Empty: every trustee organization.");
  const permission = field("Permission", { name: "permission", autocomplete: "off", placeholder: "directory:user:view" });
  const division = field("Division id", { name: "divisionId", autocomplete: "off" });
  const report = el("div", { "aria-live": "polite" });
  let rows: AccessEntry[] = [];
  const load = async () => {
    const q = new URLSearchParams();
    if (trustee.input.value.trim()) q.set("trusteeOrgId", trustee.input.value.trim());
    if (permission.input.value.trim()) q.set("permission", permission.input.value.trim());
    if (division.input.value.trim()) q.set("divisionId", division.input.value.trim());
    rows = await all<AccessEntry>(`${REPORT}${q.size ? `?${q}` : ""}`);
    replace(
      report,
      table(
        `Access of other organizations' users (${rows.length})`,
        ["Trustee organization", "User", "Through", "Role", "Division", "Trust expires"],
        rows.map((r) => [r.trusteeOrganization?.name, r.user?.name, via(r), r.role?.name, r.division?.name, r.trustDateExpired ? when(r.trustDateExpired) : "never"]),
        "Nobody from another organization can act here.",
      ),
    );
  };
  const filters = el(
    "form",
    { class: "card", "aria-labelledby": "access-filter-title" },
    el("h2", { id: "access-filter-title" }, "Who can do what here"),
    el("p", { class: "muted" }, "Every trustee user who can act in this organization now, with each role they hold, where, and through which member of the trust."),
    trustee.row,
    permission.row,
    division.row,
    el("button", { type: "submit", class: "primary" }, "Show access"),
    button("Download CSV", () => {
      const link = el("a", { href: URL.createObjectURL(new Blob([csv(rows)], { type: "text/csv" })), download: `access-${session.orgId}.csv` });
      link.click();
      URL.revokeObjectURL(link.href);
    }),
  );
  filters.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await load();
      notify(`${rows.length} rows.`);
    } catch (err) {
      showError(err);
    }
  });

  const from = field("From", { name: "from", type: "datetime-local" });
  const to = field("To", { name: "to", type: "datetime-local" });
  const changes = el("div", { "aria-live": "polite" });
  const loadHistory = async () => {
    const q = new URLSearchParams();
    const f = localToIso(from.input.value);
    const t = localToIso(to.input.value);
    if (f) q.set("from", f);
    if (t) q.set("to", t);
    const list = await all<AccessChange>(`${HISTORY}${q.size ? `?${q}` : ""}`);
    replace(
      changes,
      table(
        `Changes (${list.length})`,
        ["When", "Change", "Of", "Added", "Removed", "By"],
        list.map((c) => [when(c.timestamp), c.kind, `${c.entity?.type === "OrgTrustee" ? "trust with" : c.entity?.type === "OrgTrusteeGroup" ? "group" : "user"} ${c.entity?.name ?? c.entity?.id ?? ""}`, grants(c.added), grants(c.removed), c.user?.name ?? c.user?.id]),
        "No change in that time.",
      ),
    );
  };
  const historyForm = el(
    "form",
    { class: "card", "aria-labelledby": "access-history-title" },
    el("h2", { id: "access-history-title" }, "What changed"),
    el("p", { class: "muted" }, "Access granted, widened, narrowed or revoked, from the audit trail."),
    from.row,
    to.row,
    el("button", { type: "submit", class: "primary" }, "Show changes"),
  );
  historyForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await loadHistory();
    } catch (err) {
      showError(err);
    }
  });

  const reviews = await all<TrustReview>(REVIEWS).catch(() => [] as TrustReview[]);
  const due = reviews.filter((r) => r.state !== "current");
  const reviewRows = reviews.map((r) => {
    const trustee = r.trusteeOrganization?.id ?? "";
    const actions = el(
      "div",
      { class: "actions" },
      button(`Confirm ${r.trusteeOrganization?.name ?? trustee}`, async () => {
        try {
          await post(`${REVIEWS}/${seg(trustee)}/confirm`);
          await accessView(main, session);
          notify(`The trust with ${r.trusteeOrganization?.name ?? trustee} is confirmed.`);
        } catch (err) {
          showError(err);
        }
      }),
      button(`Stop reviews of ${r.trusteeOrganization?.name ?? trustee}`, async () => {
        try {
          await del(`${REVIEWS}/${seg(trustee)}`);
          await accessView(main, session);
          notify("Reviews are no longer required.");
        } catch (err) {
          showError(err);
        }
      }),
    );
    return [r.trusteeOrganization?.name, `${r.intervalDays} days`, r.reviewer?.name, when(r.dateDue), r.state, actions];
  });
  const reviewTrustee = field("Trust to review (trustee organization id)", { name: "reviewTrustee", required: true, autocomplete: "off" });
  const reviewEvery = field("Every (days)", { name: "intervalDays", type: "number", min: 1, max: 3650, required: true, value: "90" });
  const reviewer = field("Reviewer (user id)", { name: "reviewerId", required: true, autocomplete: "off" });
  const requireForm = el(
    "form",
    { class: "card", "aria-labelledby": "review-title" },
    el("h2", { id: "review-title" }, "Require reviews"),
    el("p", { class: "muted" }, "The reviewer confirms the trust is still needed every so many days; a trust not confirmed in time is disabled."),
    reviewTrustee.row,
    reviewEvery.row,
    reviewer.row,
    el("button", { type: "submit", class: "primary" }, "Require reviews"),
  );
  requireForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await put(`${REVIEWS}/${seg(reviewTrustee.input.value.trim())}`, {
        intervalDays: Number(reviewEvery.input.value),
        reviewerId: reviewer.input.value.trim(),
      });
      await accessView(main, session);
      notify("Reviews are required.");
    } catch (err) {
      showError(err);
    }
  });

  replace(
    main,
    el("h1", {}, "Access review"),
    due.length ? el("p", { class: "error", "data-testid": "reviews-due" }, `${due.length} trust review(s) due or lapsed.`) : null,
    table("Trust reviews", ["Trustee organization", "Every", "Reviewer", "Due", "State", ""], reviewRows, "No trust requires reviews."),
    requireForm,
    filters,
    report,
    historyForm,
    changes,
  );
  await load();
  await loadHistory().catch(showError);
}
