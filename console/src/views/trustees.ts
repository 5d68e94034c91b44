// Trustees: the organizations we trust (our side as trustor). List with state and expiry, accept
// a pairing choosing roles per division, the Customer Care trust, and one trust's page: enable,
// disable, expiry, delete, its users and groups with their roles, the cloned users.
import { all, ApiError, del, get, post, put, seg } from "../api";
import type { Session } from "../context";
import { button, checkbox, describeError, el, field, localToIso, notify, notifyAfterNavigation, replace, showError, table, when, withProgress } from "../dom";

interface Named {
  id: string;
  name?: string;
}
/** A trust as its trustor sees it. */
export interface Trust {
  id: string;
  enabled?: boolean;
  dateCreated?: string;
  dateExpired?: string;
  createdBy?: Named;
  organization?: Named;
  usesDefaultRole?: boolean;
}
interface Pairing {
  id: string;
  trustee?: Named;
  users?: (Named & { email?: string })[];
  groups?: Named[];
}

/** The state of a trust in words. */
export function trustState(t: { enabled?: boolean; dateExpired?: string }): string {
  if (t.dateExpired && new Date(t.dateExpired).getTime() <= Date.now()) return "Expired";
  return t.enabled ? "Enabled" : "Disabled";
}

function stateBadge(t: Trust): HTMLElement {
  const s = trustState(t);
  return el("span", { class: `badge state-${s.toLowerCase()}` }, s);
}

/** `#/trustees`: the list, accepting a pairing, the Customer Care trust. */
export async function trusteesView(main: HTMLElement, _session: Session): Promise<void> {
  const trusts = await all<Trust>("/api/v2/orgauthorization/trustees");
  const list = table(
    "Organizations we trust",
    ["Organization", "State", "Expires", "Created", ""],
    trusts.map((t) => [
      t.organization?.name ?? t.id,
      stateBadge(t),
      when(t.dateExpired),
      when(t.dateCreated),
      el("a", { href: `#/trustees/${t.id}` }, `Open ${t.organization?.name ?? t.id}`),
    ]),
    "No organization is trusted yet: accept a pairing below.",
  );
  replace(main, el("h1", {}, "Trustees: organizations we trust"), list, acceptPairing(), careTrust());
}

/** Looks up a pairing and creates the trust with the roles chosen per division. */
function acceptPairing(): HTMLElement {
  const pairingId = field("Pairing id", { name: "pairingId", autocomplete: "off", spellcheck: "false" }, "The id the trustee organization copied for you.");
  const out = el("div", {});
  const form = el(
    "form",
    { class: "card", "aria-labelledby": "accept-title" },
    el("h2", { id: "accept-title" }, "Accept a pairing"),
    pairingId.row,
    el("button", { type: "submit" }, "Look up pairing"),
    out,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const id = pairingId.input.value.trim();
    if (!id) return;
    const loaded = await withProgress("Looking up the pairing", 3, async (step) => {
      step("pairing");
      const pairing = await get<Pairing>(`/api/v2/orgauthorization/pairings/${seg(id)}`);
      step("roles");
      const roles = await all<Named>("/api/v2/authorization/roles");
      step("divisions");
      const divisions = await all<Named>("/api/v2/authorization/divisions");
      return { pairing, roles, divisions };
    });
    if (loaded) replace(out, pairingForm(loaded.pairing, loaded.roles, loaded.divisions));
  });
  return form;
}

/** A grid of role x division checkboxes for one member; returns a reader of the chosen pairs. */
function grantGrid(member: string, roles: Named[], divisions: Named[]): { node: HTMLElement; read: () => { roleId: string; divisionId: string }[] } {
  const boxes: { roleId: string; divisionId: string; input: HTMLInputElement }[] = [];
  const grid = el(
    "table",
    { class: "grid" },
    el("caption", {}, `Roles for ${member}, per division`),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Role"), divisions.map((d) => el("th", { scope: "col" }, d.name ?? d.id)))),
    el(
      "tbody",
      {},
      roles.map((r) =>
        el(
          "tr",
          {},
          el("th", { scope: "row" }, r.name ?? r.id),
          divisions.map((d) => {
            const input = el("input", {
              type: "checkbox",
              "aria-label": `${r.name} in ${d.name} for ${member}`,
              "data-role": r.name ?? r.id,
              "data-division": d.name ?? d.id,
            });
            boxes.push({ roleId: r.id, divisionId: d.id, input });
            return el("td", {}, input);
          }),
        ),
      ),
    ),
  );
  return {
    node: el("div", { class: "table-wrap", "data-member": member }, grid),
    read: () => boxes.filter((b) => b.input.checked).map(({ roleId, divisionId }) => ({ roleId, divisionId })),
  };
}

function pairingForm(pairing: Pairing, roles: Named[], divisions: Named[]): HTMLElement {
  const users = (pairing.users ?? []).map((u) => ({ id: u.id, grid: grantGrid(u.name ?? u.id, roles, divisions) }));
  const groups = (pairing.groups ?? []).map((g) => ({ id: g.id, grid: grantGrid(g.name ?? g.id, roles, divisions) }));
  const enabled = checkbox("Enable the trust now", true);
  const expiry = field("Expires (optional)", { type: "datetime-local" });
  const form = el(
    "form",
    { class: "stack", "aria-label": "Create the trust" },
    el("p", {}, "Trustee organization: ", el("strong", { "data-testid": "pairing-trustee" }, pairing.trustee?.name ?? pairing.trustee?.id ?? "?")),
    users.length ? el("h3", {}, "Users") : null,
    users.map((u) => u.grid.node),
    groups.length ? el("h3", {}, "Groups") : null,
    groups.map((g) => g.grid.node),
    enabled.row,
    expiry.row,
    el("button", { type: "submit", class: "primary" }, "Create trust"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const member = (m: { id: string; grid: { read: () => { roleId: string; divisionId: string }[] } }) => ({
      id: m.id,
      roleDivisions: { grants: m.grid.read() },
    });
    try {
      const trust = await post<Trust>("/api/v2/orgauthorization/trustees", {
        pairingId: pairing.id,
        enabled: enabled.input.checked,
        dateExpired: localToIso(expiry.input.value),
        users: users.map(member),
        groups: groups.map(member),
      });
      notifyAfterNavigation(`The trust with ${trust.organization?.name ?? trust.id} was created.`);
      location.hash = `#/trustees/${trust.id}`;
    } catch (err) {
      showError(err);
    }
  });
  return form;
}

/** The Customer Care trust: shown when it exists, created on request. */
function careTrust(): HTMLElement {
  const box = el("section", { class: "card", "aria-labelledby": "care-title" }, el("h2", { id: "care-title" }, "Customer Care"));
  const body = el("div", {}, el("p", { class: "muted" }, "Loading…"));
  box.append(body);
  const load = async () => {
    try {
      // The Customer Care organizations, then whether each is trusted already.
      const care = (await get<{ entities?: { id: string }[] }>("/api/v2/orgauthorization/trustees/care")).entities ?? [];
      const trusts: Trust[] = [];
      for (const c of care) {
        try {
          trusts.push(await get<Trust>(`/api/v2/orgauthorization/trustees/${seg(c.id)}`));
        } catch (err) {
          if (!(err instanceof ApiError && err.status === 404)) throw err;
        }
      }
      replace(
        body,
        trusts.map((t) =>
          el("p", {}, `${t.organization?.name ?? t.id} is trusted: `, stateBadge(t), " ", el("a", { href: `#/trustees/${t.id}` }, "open the trust")),
        ),
        care.length === 0 ? el("p", { class: "muted" }, "This server names no Customer Care organization.") : null,
        care.length > trusts.length
          ? button("Trust Customer Care (default role, expires automatically)", async () => {
              await post("/api/v2/orgauthorization/trustees/care?assignDefaultRole=true&autoExpire=true");
              notify("Customer Care is now trusted.");
              await load();
            })
          : null,
      );
    } catch (err) {
      replace(body, describeError(err));
    }
  };
  void load();
  return box;
}

interface TrustMember extends Named {
  email?: string;
}
interface Authorization {
  roles?: Named[];
  permissions?: string[];
}

/** `#/trustees/{id}`: one trust. */
export async function trusteeDetailView(main: HTMLElement, _session: Session, [id]: string[]): Promise<void> {
  const base = `/api/v2/orgauthorization/trustees/${seg(id)}`;
  const loaded = await withProgress("Loading the trust", 4, async (step) => {
    step("trust");
    const trust = await get<Trust>(base);
    step("users");
    const users = await all<TrustMember>(`${base}/users`);
    step("groups");
    const groups = await all<TrustMember>(`${base}/groups`);
    step("roles of members");
    const roles = new Map<string, string>();
    for (const u of users) {
      const a = await get<Authorization>(`${base}/users/${seg(u.id)}/roles`).catch(() => ({ roles: [] }) as Authorization);
      roles.set(u.id, (a.roles ?? []).map((r) => r.name).join(", "));
    }
    for (const g of groups) {
      const a = await get<Authorization>(`${base}/groups/${seg(g.id)}/roles`).catch(() => ({ roles: [] }) as Authorization);
      roles.set(g.id, (a.roles ?? []).map((r) => r.name).join(", "));
    }
    const cloned = await get<{ entities?: (Named & { trustor?: Named })[] }>(`${base}/clonedusers`).catch(() => ({ entities: [] }));
    return { trust, users, groups, roles, cloned: cloned.entities ?? [] };
  });
  if (!loaded) {
    replace(main, el("h1", {}, "Trust"), el("p", {}, el("a", { href: "#/trustees" }, "Back to the trustees")));
    return;
  }
  const { trust, users, groups, roles, cloned } = loaded;
  const name = trust.organization?.name ?? trust.id;
  const expiry = field("Expiry", { type: "datetime-local", value: trust.dateExpired ? toLocalInput(trust.dateExpired) : "" }, "Empty: never expires.");
  const update = async (enabled: boolean, dateExpired: string | undefined, message: string) => {
    await put(base, { enabled, dateExpired });
    await trusteeDetailView(main, _session, [id]);
    notify(message);
  };
  replace(
    main,
    el("p", {}, el("a", { href: "#/trustees" }, "← Trustees")),
    el("h1", {}, `Trust with ${name}`),
    el(
      "section",
      { class: "card" },
      el(
        "dl",
        { class: "facts" },
        el("dt", {}, "State"),
        el("dd", { "data-testid": "trust-state" }, stateBadge(trust)),
        el("dt", {}, "Expires"),
        el("dd", {}, when(trust.dateExpired)),
        el("dt", {}, "Created"),
        el("dd", {}, when(trust.dateCreated), trust.createdBy ? ` by ${trust.createdBy.name ?? trust.createdBy.id}` : ""),
        el("dt", {}, "Organization id"),
        el("dd", {}, el("code", {}, trust.id)),
      ),
      el(
        "div",
        { class: "actions" },
        trust.enabled
          ? button("Disable", () => update(false, trust.dateExpired, `The trust with ${name} is disabled.`))
          : button("Enable", () => update(true, trust.dateExpired, `The trust with ${name} is enabled.`)),
        button("Delete trust", async () => {
          if (!confirm(`Delete the trust with ${name}? Its users lose access at once.`)) return;
          await del(base);
          notifyAfterNavigation(`The trust with ${name} was deleted.`);
          location.hash = "#/trustees";
        }, { class: "danger" }),
      ),
      el(
        "form",
        { class: "inline", "aria-label": "Set the expiry" },
        expiry.row,
        button("Save expiry", () => update(trust.enabled ?? false, localToIso(expiry.input.value), "The expiry was saved.")),
      ),
    ),
    table("Trustee users", ["Name", "E-mail", "Roles here"], users.map((u) => [u.name, u.email, roles.get(u.id) || "—"])),
    table("Trustee groups", ["Name", "Roles here"], groups.map((g) => [g.name, roles.get(g.id) || "—"])),
    table("Cloned users", ["Name", "Id"], cloned.map((c) => [c.name, el("code", {}, c.id)]), "No user of this trustee has been cloned here."),
  );
}

/** ISO-8601 to the value of a `datetime-local` input (local time). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
