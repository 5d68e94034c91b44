// Trustees: the organizations we trust (our side as trustor). List with state and expiry, accept
// a pairing choosing roles per division, the Customer Care trust, and one trust's page: enable,
// disable, expiry, delete; its users and groups with their roles per division, added, changed
// and removed there; the cloned users.
import { all, del, get, post, put, seg } from "../api";
import { ALL_DIVISIONS, describeGrants, grantGrid, type Named, type Pair } from "../grants";
import type { Session } from "../context";
import { button, checkbox, describeError, el, field, localToIso, notify, notifyAfterNavigation, replace, select, showError, table, when, withProgress } from "../dom";

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

/** The users and groups of a pairing (or any offer of members), each with a grant grid. */
function memberGrids(pairing: Pairing, roles: Named[], divisions: Named[]) {
  const users = (pairing.users ?? []).map((u) => ({ kind: "users" as const, id: u.id, name: u.name ?? u.id, grid: grantGrid(u.name ?? u.id, roles, divisions) }));
  const groups = (pairing.groups ?? []).map((g) => ({ kind: "groups" as const, id: g.id, name: g.name ?? g.id, grid: grantGrid(g.name ?? g.id, roles, divisions) }));
  return {
    users,
    groups,
    nodes: [
      users.length ? el("h3", {}, "Users") : null,
      ...users.map((u) => u.grid.node),
      groups.length ? el("h3", {}, "Groups") : null,
      ...groups.map((g) => g.grid.node),
    ],
  };
}

/** "A, B and C". */
function names(list: string[]): string {
  return list.length > 1 ? `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}` : (list[0] ?? "");
}

function pairingForm(pairing: Pairing, roles: Named[], divisions: Named[]): HTMLElement {
  const offer = memberGrids(pairing, roles, divisions);
  const enabled = checkbox("Enable the trust now", true);
  const expiry = field("Expires (optional)", { type: "datetime-local" });
  const form = el(
    "form",
    { class: "stack", "aria-label": "Create the trust" },
    el("p", {}, "Trustee organization: ", el("strong", { "data-testid": "pairing-trustee" }, pairing.trustee?.name ?? pairing.trustee?.id ?? "?")),
    el("p", { class: "muted" }, "Only the users and groups with at least one role ticked join the trust."),
    offer.nodes,
    enabled.row,
    expiry.row,
    el("button", { type: "submit", class: "primary" }, "Create trust"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    // A member with no role ticked is not added: it could not do anything in the trust.
    const chosen = [...offer.users, ...offer.groups].map((m) => ({ ...m, grants: m.grid.read() }));
    const added = chosen.filter((m) => m.grants.length > 0);
    const left = chosen.filter((m) => m.grants.length === 0);
    const member = (m: (typeof added)[number]) => ({ id: m.id, roleDivisions: { grants: m.grants } });
    if (!added.some((m) => m.kind === "users")) {
      showError("Tick at least one role for a user: a trust needs at least one trustee user.");
      return;
    }
    try {
      const trust = await post<Trust>("/api/v2/orgauthorization/trustees", {
        pairingId: pairing.id,
        enabled: enabled.input.checked,
        dateExpired: localToIso(expiry.input.value),
        users: added.filter((m) => m.kind === "users").map(member),
        groups: added.filter((m) => m.kind === "groups").map(member),
      });
      const parts = [`The trust with ${trust.organization?.name ?? trust.id} was created.`];
      parts.push(added.length ? `${names(added.map((m) => m.name))} ${added.length > 1 ? "were" : "was"} added.` : "Nobody was added yet.");
      if (left.length) parts.push(`${names(left.map((m) => m.name))} ${left.length > 1 ? "were" : "was"} not added (no role ticked).`);
      notifyAfterNavigation(parts.join(" "));
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
      const careIds = new Set(care.map((c) => c.id));
      const trusts = care.length ? (await all<Trust>("/api/v2/orgauthorization/trustees")).filter((t) => careIds.has(t.id)) : [];
      replace(
        body,
        trusts.map((t) =>
          el("p", {}, `${t.organization?.name ?? t.id} is trusted: `, stateBadge(t), " ", el("a", { href: `#/trustees/${t.id}` }, "open the trust")),
        ),
        care.length === 0 ? el("p", { class: "muted" }, "This server names no Customer Care organization.") : null,
        care.length > trusts.length
          ? button("Trust Customer Care (default role, expires automatically)", async () => {
              await post("/api/v2/orgauthorization/trustees/care?assignDefaultRole=true&autoExpire=true");
              notify("Customer Care is now trusted, with the default role; the trust expires automatically.");
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
/** `UserAuthorization` of a trust member; `roleDivisions` is orgtrust's read-back of its grants. */
interface Authorization {
  roles?: Named[];
  permissions?: string[];
  roleDivisions?: { grants?: Pair[] };
}
type Kind = "users" | "groups";
interface Member {
  kind: Kind;
  id: string;
  name: string;
  email?: string;
  grants: Pair[];
}

/** The grants of a member, read back from its roles. */
async function grantsOf(base: string, kind: Kind, id: string): Promise<Pair[]> {
  const a = await get<Authorization>(`${base}/${kind}/${seg(id)}/roles`);
  return a.roleDivisions?.grants ?? (a.roles ?? []).map((r) => ({ roleId: r.id, divisionId: ALL_DIVISIONS }));
}

/** Sets a member's grants: replaced by the pairs ticked, or all removed when none is. */
async function saveGrants(base: string, kind: Kind, id: string, grants: Pair[]): Promise<void> {
  if (grants.length) await put(`${base}/${kind}/${seg(id)}/roledivisions`, { grants });
  else await del(`${base}/${kind}/${seg(id)}/roles`);
}

/** `#/trustees/{id}`: one trust, its members and their roles per division. */
export async function trusteeDetailView(main: HTMLElement, session: Session, [id]: string[]): Promise<void> {
  const base = `/api/v2/orgauthorization/trustees/${seg(id)}`;
  const loaded = await withProgress("Loading the trust", 6, async (step) => {
    step("trust");
    const trust = await get<Trust>(base);
    step("users");
    const users = await all<TrustMember>(`${base}/users`);
    step("groups");
    const groups = await all<TrustMember>(`${base}/groups`);
    step("roles and divisions");
    const [roles, divisions] = await Promise.all([all<Named>("/api/v2/authorization/roles"), all<Named>("/api/v2/authorization/divisions")]);
    step("roles of members");
    const members: Member[] = [];
    for (const [kind, list] of [["users", users], ["groups", groups]] as const) {
      for (const m of list) members.push({ kind, id: m.id, name: m.name ?? m.id, email: m.email, grants: await grantsOf(base, kind, m.id) });
    }
    step("cloned users");
    const cloned = await get<{ entities?: (Named & { trustor?: Named })[] }>(`${base}/clonedusers`).catch(() => ({ entities: [] }));
    return { trust, members, roles, divisions, cloned: cloned.entities ?? [] };
  });
  if (!loaded) {
    replace(main, el("h1", {}, "Trust"), el("p", {}, el("a", { href: "#/trustees" }, "Back to the trustees")));
    return;
  }
  const { trust, members, roles, divisions, cloned } = loaded;
  const name = trust.organization?.name ?? trust.id;
  const words = (grants: Pair[]) => describeGrants(grants, roles, divisions);
  /** Re-renders the page, then says what was done (and moves focus to the message). */
  const done = async (message: string) => {
    await trusteeDetailView(main, session, [id]);
    notify(message, true);
  };
  const expiry = field("Expiry", { type: "datetime-local", value: trust.dateExpired ? toLocalInput(trust.dateExpired) : "" }, "Empty: never expires.");
  const update = async (enabled: boolean, dateExpired: string | undefined, message: string) => {
    await put(base, { enabled, dateExpired });
    await done(message);
  };

  // The editor of one member's roles, opened by its "Change roles" button.
  const editor = el("div", {});
  const edit = (m: Member) => {
    const grid = grantGrid(m.name, roles, divisions, m.grants);
    const title = el("h2", { id: "editor-title", tabindex: -1 }, `Roles of ${m.name} in ${session.orgName}`);
    replace(
      editor,
      el(
        "section",
        { class: "card editor", "aria-labelledby": "editor-title" },
        title,
        el("p", { class: "muted" }, "Tick a role in each division where it applies; untick all to keep the member without a role."),
        grid.node,
        el(
          "div",
          { class: "actions" },
          button(`Save roles of ${m.name}`, async () => {
            const grants = grid.read();
            await saveGrants(base, m.kind, m.id, grants);
            await done(`${m.name} now has: ${words(grants)}.`);
          }, { class: "primary" }),
          button("Cancel", () => {
            replace(editor);
            document.getElementById(`change-${m.id}`)?.focus();
          }),
        ),
      ),
    );
    title.focus();
  };
  const remove = async (m: Member) => {
    if (!confirm(`Remove ${m.name} from the trust with ${name}? ${m.kind === "users" ? "The user loses" : "The group's users lose"} access to ${session.orgName} through it at once.`)) return;
    await del(`${base}/${m.kind}/${seg(m.id)}`);
    await done(`${m.name} was removed from the trust.`);
  };
  const memberActions = (m: Member) =>
    el(
      "div",
      { class: "actions" },
      button(`Change roles of ${m.name}`, () => edit(m), { id: `change-${m.id}` }),
      button(`Remove ${m.name}`, () => remove(m), { class: "danger" }),
    );
  const users = members.filter((m) => m.kind === "users");
  const groups = members.filter((m) => m.kind === "groups");

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
    table(
      "Trustee users",
      ["Name", "E-mail", "Roles here", "Actions"],
      users.map((u) => [u.name, u.email, el("span", { "data-testid": "member-grants" }, words(u.grants)), memberActions(u)]),
      "No user of this trustee is in the trust.",
    ),
    table(
      "Trustee groups",
      ["Name", "Roles here", "Actions"],
      groups.map((g) => [g.name, el("span", { "data-testid": "member-grants" }, words(g.grants)), memberActions(g)]),
      "No group of this trustee is in the trust.",
    ),
    editor,
    addMembers(base, name, members, roles, divisions, done),
    table("Cloned users", ["Name", "Id"], cloned.map((c) => [c.name, el("code", {}, c.id)]), "No user of this trustee has been cloned here."),
  );
}

/** Adds users or groups of the trustee: from a pairing it made (by name) or by id. */
function addMembers(
  base: string,
  trustee: string,
  members: Member[],
  roles: Named[],
  divisions: Named[],
  done: (message: string) => Promise<void>,
): HTMLElement {
  const add = async (kind: Kind, id: string, grants: Pair[]) => {
    const added = await post<Named>(`${base}/${kind}`, { id, roleDivisions: { grants } });
    return added.name ?? id;
  };
  // From a pairing: the trustee offers members by name; those not in the trust yet are listed.
  const pairingId = field("Pairing id", { autocomplete: "off", spellcheck: "false" }, `A pairing ${trustee} made, naming the users and groups to add.`);
  const offered = el("div", {});
  const fromPairing = el("form", { class: "stack", "aria-label": "Add from a pairing" }, el("h3", {}, "From a pairing"), pairingId.row, el("button", { type: "submit" }, "Look up pairing"), offered);
  fromPairing.addEventListener("submit", async (e) => {
    e.preventDefault();
    const pid = pairingId.input.value.trim();
    if (!pid) return;
    try {
      const pairing = await get<Pairing>(`/api/v2/orgauthorization/pairings/${seg(pid)}`);
      const fresh = (list: Named[] | undefined) => (list ?? []).filter((x) => !members.some((m) => m.id === x.id));
      const offer = memberGrids({ ...pairing, users: fresh(pairing.users), groups: fresh(pairing.groups) }, roles, divisions);
      if (offer.users.length + offer.groups.length === 0) {
        replace(offered, el("p", { class: "muted" }, "Everyone this pairing names is in the trust already."));
        return;
      }
      replace(offered, offer.nodes, button("Add the members with a role ticked", async () => {
        const chosen = [...offer.users, ...offer.groups].map((m) => ({ ...m, grants: m.grid.read() })).filter((m) => m.grants.length);
        if (!chosen.length) {
          showError("Tick at least one role for a member to add it.");
          return;
        }
        const lines: string[] = [];
        for (const m of chosen) lines.push(`${await add(m.kind, m.id, m.grants)} was added with ${describeGrants(m.grants, roles, divisions)}.`);
        await done(lines.join(" "));
      }, { class: "primary" }));
    } catch (err) {
      showError(err);
    }
  });
  // By id: any user or group of the trustee organization.
  const kind = select("Kind", [["users", "User"], ["groups", "Group"]]);
  const memberId = field(`Id of the ${trustee} user or group`, { autocomplete: "off", spellcheck: "false" });
  const grid = grantGrid("the new member", roles, divisions);
  const byId = el("form", { class: "stack", "aria-label": "Add by id" }, el("h3", {}, "By id"), kind.row, memberId.row, grid.node, el("button", { type: "submit", class: "primary" }, "Add member"));
  byId.addEventListener("submit", async (e) => {
    e.preventDefault();
    const mid = memberId.input.value.trim();
    if (!mid) return;
    const grants = grid.read();
    try {
      const added = await add(kind.input.value as Kind, mid, grants);
      await done(`${added} was added with ${describeGrants(grants, roles, divisions)}.`);
    } catch (err) {
      showError(err);
    }
  });
  return el(
    "section",
    { class: "card", "aria-labelledby": "add-title" },
    el("h2", { id: "add-title" }, `Add users or groups of ${trustee}`),
    el("div", { class: "cols" }, fromPairing, byId),
  );
}

/** ISO-8601 to the value of a `datetime-local` input (local time). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
