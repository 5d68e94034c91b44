// Audit search across trusts: as trustor (what trustee users did here) or as trustee (what our
// users did in a trustor), with filters, facets drawn as charts, and paging.
import { all, post } from "../api";
import { barChart } from "../charts";
import type { Session } from "../context";
import { checkbox, el, field, localToIso, replace, select, showError, table, when } from "../dom";

interface Named {
  id: string;
  name?: string;
}
interface AuditMessage {
  id: string;
  timestamp?: string;
  action?: string;
  status?: string;
  user?: { id?: string; name?: string; display?: string };
  entity?: { type?: string; id?: string; name?: string };
  changes?: { property?: string; oldValues?: string[]; newValues?: string[] }[];
}
interface AuditResult {
  pageNumber?: number;
  pageSize?: number;
  total?: number;
  pageCount?: number;
  facetInfo?: { name: string; entries?: { value: string; count: number }[] }[];
  auditMessages?: AuditMessage[];
}

const FACETS = ["action", "entityType", "userName"];

/** The actor's organization: orgtrust's `display` is "Name (Organization)". */
function homeOrganization(m: AuditMessage): string | undefined {
  const { name, display } = m.user ?? {};
  if (!name || !display || !display.startsWith(`${name} (`) || !display.endsWith(")")) return undefined;
  return display.slice(name.length + 2, -1);
}

/** Where the console shows an audited entity, for the kinds it has a page for. */
function entityHref(type: string | undefined, id: string | undefined): string | undefined {
  if (!id) return undefined;
  switch (type?.toLowerCase()) {
    case "user":
      return `#/users/${id}`;
    case "orgtrustee":
      return `#/trustees/${id}`;
    case "orgtrustor":
      return `#/trustors/${id}`;
    default:
      return undefined;
  }
}

function entityCell(m: AuditMessage): HTMLElement | string {
  const e = m.entity ?? {};
  const label = `${e.type ?? ""} ${e.name ?? e.id ?? ""}`.trim();
  const href = entityHref(e.type, e.id);
  return href ? el("a", { href, class: "entity" }, label) : label;
}

/** `#/audit`. */
export async function auditView(main: HTMLElement, _session: Session): Promise<void> {
  const [trustees, trustors] = await Promise.all([
    all<{ id: string; organization?: Named }>("/api/v2/orgauthorization/trustees").catch(() => []),
    all<{ id: string; organization?: Named }>("/api/v2/orgauthorization/trustors").catch(() => []),
  ]);
  const side = select("Search", [
    ["trustees", "What trustee users did in our organization"],
    ["trustor", "What our users did in a trustor organization"],
  ], { name: "side" });
  const trusteeBoxes = trustees.map((t) => ({ id: t.id, box: checkbox(t.organization?.name ?? t.id, true) }));
  const trusteeSet = el("fieldset", {}, el("legend", {}, "Trustee organizations"), trusteeBoxes.length ? trusteeBoxes.map((b) => b.box.row) : el("p", { class: "muted" }, "We trust no organization."));
  const trustor = select("Trustor organization", trustors.map((t) => [t.id, t.organization?.name ?? t.id]), { name: "trustor" });
  const users = field("Trustee user ids (optional, comma-separated)", { name: "users", autocomplete: "off" }, "Empty: every user.");
  const from = field("From", { type: "datetime-local", name: "from" });
  const to = field("To", { type: "datetime-local", name: "to" });
  const phrase = field("Words", { name: "q", type: "search" }, "Whole words; word* for a prefix.");
  const action = field("Action", { name: "action", list: "actions", autocomplete: "off" }, "e.g. login, create, update, delete.");
  const entityType = field("Entity type", { name: "entityType", autocomplete: "off" });
  const pageSize = select("Per page", [["25", "25"], ["10", "10"], ["50", "50"], ["100", "100"]], { name: "pageSize" });
  const results = el("div", { "aria-live": "polite" });
  const syncSide = () => {
    const trusteesSide = side.input.value === "trustees";
    trusteeSet.hidden = !trusteesSide;
    trustor.row.hidden = trusteesSide;
  };
  side.input.addEventListener("change", syncSide);
  syncSide();

  let page = 1;
  const run = async () => {
    const filters: { name: string; type: string; operator: string; values: string[] }[] = [];
    if (action.input.value.trim()) filters.push({ name: "action", type: "STRING", operator: "eq", values: [action.input.value.trim()] });
    if (entityType.input.value.trim()) filters.push({ name: "entityType", type: "STRING", operator: "eq", values: [entityType.input.value.trim()] });
    const common = {
      trusteeUserIds: users.input.value.split(",").map((s) => s.trim()).filter(Boolean),
      startDate: localToIso(from.input.value),
      endDate: localToIso(to.input.value),
      queryPhrase: phrase.input.value.trim() || undefined,
      filters,
      facets: FACETS.map((name) => ({ name, type: "STRING" })),
    };
    const query = `?pageSize=${pageSize.input.value}&pageNumber=${page}&sortBy=timestamp&sortOrder=descending`;
    replace(results, el("p", { class: "muted", "aria-busy": "true" }, "Searching…"));
    try {
      const result =
        side.input.value === "trustees"
          ? await post<AuditResult>(`/api/v2/orgauthorization/trustees/audits${query}`, {
              ...common,
              trusteeOrganizationIds: trusteeBoxes.filter((b) => b.box.input.checked).map((b) => b.id),
            })
          : await post<AuditResult>(`/api/v2/orgauthorization/trustor/audits${query}`, {
              ...common,
              trustorOrganizationId: trustor.input.value,
            });
      render(result);
    } catch (err) {
      replace(results);
      showError(err);
    }
  };
  // An event's organization links to the trust with it, when there is one.
  const orgLink = (org: string) => {
    const trustee = trustees.find((t) => t.organization?.name === org);
    if (trustee) return el("a", { href: `#/trustees/${trustee.id}` }, org);
    const trustorOrg = trustors.find((t) => t.organization?.name === org);
    return trustorOrg ? el("a", { href: `#/trustors/${trustorOrg.id}` }, org) : org;
  };
  const render = (r: AuditResult) => {
    const pages = r.pageCount ?? 1;
    const messages = r.auditMessages ?? [];
    replace(
      results,
      el("p", { "data-testid": "audit-total" }, `${r.total ?? messages.length} event(s); page ${r.pageNumber ?? page} of ${Math.max(pages, 1)}.`),
      el(
        "div",
        { class: "charts" },
        (r.facetInfo ?? []).map((f) =>
          el(
            "figure",
            { class: "card" },
            el("figcaption", {}, `By ${f.name}`),
            barChart(`Events by ${f.name}`, f.entries ?? []),
            // The same counts as text, for screen readers and for copying.
            el("details", {}, el("summary", {}, `Counts by ${f.name}`), el("ul", {}, (f.entries ?? []).map((e) => el("li", {}, `${e.value}: ${e.count}`)))),
          ),
        ),
      ),
      table(
        "Audit events",
        ["Time", "Who", "From organization", "Action", "Entity", "Changes"],
        messages.map((m) => {
          const who = m.user?.name ?? m.user?.id ?? "";
          const from = homeOrganization(m);
          return [
            when(m.timestamp),
            who,
            from ? orgLink(from) : "—",
            el("span", { "data-testid": "audit-action" }, m.action ?? ""),
            entityCell(m),
            (m.changes ?? []).map((c) => `${c.property}: ${(c.oldValues ?? []).join(",")} → ${(c.newValues ?? []).join(",")}`).join("; "),
          ];
        }),
        "No event matches.",
      ),
      el(
        "nav",
        { class: "pager", "aria-label": "Result pages" },
        el("button", { type: "button", disabled: page <= 1, onclick: () => { page -= 1; void run(); } }, "Previous page"),
        el("span", { "aria-current": "page" }, `Page ${r.pageNumber ?? page} of ${Math.max(pages, 1)}`),
        el("button", { type: "button", disabled: page >= pages, onclick: () => { page += 1; void run(); } }, "Next page"),
      ),
    );
  };
  const form = el(
    "form",
    { class: "card filters", "aria-label": "Audit filters" },
    side.row,
    trusteeSet,
    trustor.row,
    users.row,
    from.row,
    to.row,
    phrase.row,
    action.row,
    el("datalist", { id: "actions" }, ["login", "create", "update", "delete"].map((a) => el("option", { value: a }))),
    entityType.row,
    pageSize.row,
    el("button", { type: "submit", class: "primary" }, "Search"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    page = 1;
    void run();
  });
  replace(main, el("h1", {}, "Audit across trusts"), form, results);
}
