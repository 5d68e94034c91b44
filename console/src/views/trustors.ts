// Trustors: the organizations that trust us (our side as trustee). Create a pairing for them;
// see which of our users and groups act in each, add and remove them; clone users into the
// trustor and remove the clones; delete the trust; sign in there.
import { all, del, get, post, put, seg } from "../api";
import { rememberedClientId, startSignIn } from "../auth";
import type { Session } from "../context";
import { button, checkbox, el, notify, notifyAfterNavigation, replace, showError, table, when, withProgress } from "../dom";
import { trustState } from "./trustees";

interface Named {
  id: string;
  name?: string;
}
interface Trustor {
  id: string;
  authorization?: { permissions?: string[] };
  enabled?: boolean;
  dateCreated?: string;
  dateExpired?: string;
  createdBy?: Named;
  organization?: Named;
}
interface Pairing {
  id: string;
}

/** `#/trustors`: the list and the pairing form. */
export async function trustorsView(main: HTMLElement, session: Session): Promise<void> {
  const trustors = await all<Trustor>("/api/v2/orgauthorization/trustors");
  replace(
    main,
    el("h1", {}, "Trustors: organizations that trust us"),
    table(
      "Organizations that trust us",
      ["Organization", "State", "Expires", "Created", ""],
      trustors.map((t) => [
        t.organization?.name ?? t.id,
        el("span", { class: `badge state-${trustState(t).toLowerCase()}` }, trustState(t)),
        when(t.dateExpired),
        when(t.dateCreated),
        el("a", { href: `#/trustors/${t.id}` }, `Open ${t.organization?.name ?? t.id}`),
      ]),
      "No organization trusts us yet: create a pairing and send its id to the organization.",
    ),
    await pairingForm(session),
  );
}

/** Chooses our users and groups, creates the pairing and offers its id to copy. */
async function pairingForm(_session: Session): Promise<HTMLElement> {
  const [users, groups] = await Promise.all([
    all<Named & { email?: string }>("/api/v2/users").catch(() => []),
    all<Named>("/api/v2/groups").catch(() => []),
  ]);
  const userBoxes = users.map((u) => ({ id: u.id, box: checkbox(`${u.name} (${u.email ?? u.id})`, false, { "data-user": u.email ?? u.id }) }));
  const groupBoxes = groups.map((g) => ({ id: g.id, box: checkbox(g.name ?? g.id, false, { "data-group": g.name ?? g.id }) }));
  const out = el("div", { "aria-live": "polite" });
  const form = el(
    "form",
    { class: "card", "aria-labelledby": "pair-title" },
    el("h2", { id: "pair-title" }, "Create a pairing"),
    el("p", {}, "Choose who the other organization may trust; then send it the pairing id."),
    el("fieldset", {}, el("legend", {}, "Users"), userBoxes.map((u) => u.box.row)),
    el("fieldset", {}, el("legend", {}, "Groups"), groupBoxes.map((g) => g.box.row)),
    el("button", { type: "submit", class: "primary" }, "Create pairing"),
    out,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const pairing = await post<Pairing>("/api/v2/orgauthorization/pairings", {
        userIds: userBoxes.filter((u) => u.box.input.checked).map((u) => u.id),
        groupIds: groupBoxes.filter((g) => g.box.input.checked).map((g) => g.id),
      });
      const idField = el("input", { id: "pairing-id", readonly: true, value: pairing.id, "data-testid": "pairing-id", size: 40 });
      replace(
        out,
        el("div", { class: "ok" }, el("label", { for: "pairing-id" }, "Pairing id"), idField, button("Copy", async () => {
          idField.select();
          try {
            await navigator.clipboard.writeText(pairing.id);
            notify("The pairing id was copied.");
          } catch {
            notify("Select the id and copy it (the browser refused the clipboard).");
          }
        })),
      );
    } catch (err) {
      showError(err);
    }
  });
  return form;
}

/** `#/trustors/{id}`: one trustor. */
export async function trustorDetailView(main: HTMLElement, session: Session, [id]: string[]): Promise<void> {
  const base = `/api/v2/orgauthorization/trustors/${seg(id)}`;
  const loaded = await withProgress("Loading the trust", 4, async (step) => {
    step("trust");
    const trust = await get<Trustor>(base);
    step("users");
    const users = await all<Named & { email?: string }>(`${base}/users`);
    step("groups");
    const groups = await all<Named>(`${base}/groups`);
    step("cloned users");
    const cloned = await get<{ entities?: (Named & { selfUri?: string })[] }>(`${base}/clonedusers`).catch(() => ({ entities: [] }));
    return { trust, users, groups, cloned: cloned.entities ?? [] };
  });
  if (!loaded) {
    replace(main, el("p", {}, el("a", { href: "#/trustors" }, "← Trustors")));
    return;
  }
  const { trust, users, groups, cloned } = loaded;
  const name = trust.organization?.name ?? trust.id;
  const boxes = users.map((u) => ({ user: u, box: checkbox(`${u.name} (${u.email ?? u.id})`, false) }));
  const cloneForm = el(
    "form",
    { class: "card", "aria-labelledby": "clone-title" },
    el("h2", { id: "clone-title" }, `Clone users into ${name}`),
    el("p", {}, "A clone is a copy of one of our users in the trustor organization."),
    el("fieldset", {}, el("legend", {}, "Users of the trust"), boxes.map((b) => b.box.row)),
    el("button", { type: "submit" }, "Clone selected users"),
  );
  cloneForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const chosen = boxes.filter((b) => b.box.input.checked).map((b) => b.user);
    if (chosen.length === 0) return;
    const done = await withProgress(`Cloning ${chosen.length} user(s)`, chosen.length, async (step) => {
      for (const u of chosen) {
        step(u.name ?? u.id);
        await put(`${base}/clonedusers/${seg(u.id)}`);
      }
      return true;
    });
    if (done) {
      await trustorDetailView(main, session, [id]);
      notify(`${chosen.map((u) => u.name ?? u.id).join(", ")} cloned into ${name}.`, true);
    }
  });
  /** Re-renders the page, then says what was done (focus on the message). */
  const done = async (message: string) => {
    await trustorDetailView(main, session, [id]);
    notify(message, true);
  };
  const removeMember = (kind: "users" | "groups", m: Named) =>
    button(`Remove ${m.name ?? m.id}`, async () => {
      if (!confirm(`Take ${m.name ?? m.id} out of the trust ${name} gave us? ${kind === "users" ? "The user loses" : "The group's users lose"} access to ${name} through it at once.`)) return;
      await del(`${base}/${kind}/${seg(m.id)}`);
      await done(`${m.name ?? m.id} was removed from the trust with ${name}.`);
    }, { class: "danger" });
  replace(
    main,
    el("p", {}, el("a", { href: "#/trustors" }, "← Trustors")),
    el("h1", {}, `${name} trusts us`),
    el(
      "section",
      { class: "card" },
      el(
        "dl",
        { class: "facts" },
        el("dt", {}, "State"),
        el("dd", {}, trustState(trust)),
        el("dt", {}, "Expires"),
        el("dd", {}, when(trust.dateExpired)),
        el("dt", {}, "Created"),
        el("dd", {}, when(trust.dateCreated)),
        el("dt", {}, "Your permissions there"),
        el("dd", {}, (trust.authorization?.permissions ?? []).join(", ") || "None"),
      ),
      el(
        "div",
        { class: "actions" },
        session.crossOrg
          ? null
          : button(`Sign in to ${name}`, () => startSignIn(rememberedClientId() || session.clientId, trust.id)),
        button("Delete trust", async () => {
          if (!confirm(`End the trust ${name} gave us? Our users lose access to ${name} at once.`)) return;
          await del(base);
          notifyAfterNavigation(`The trust from ${name} was deleted.`);
          location.hash = "#/trustors";
        }, { class: "danger" }),
      ),
    ),
    el("p", { class: "muted" }, `${name} chooses the roles of each of them there; we choose who is in the trust.`),
    table("Our users acting in " + name, ["Name", "E-mail", ""], users.map((u) => [u.name, u.email, removeMember("users", u)]), `None of our users acts in ${name}.`),
    table("Our groups acting in " + name, ["Name", ""], groups.map((g) => [g.name, removeMember("groups", g)]), `None of our groups acts in ${name}.`),
    await addOurMembers(base, name, users, groups, done),
    table(
      "Cloned users",
      ["Name", "Id", ""],
      cloned.map((c) => [
        c.name,
        el("code", {}, c.id),
        button(`Remove clone of ${c.name ?? c.id}`, async () => {
          if (!confirm(`Remove the clone of ${c.name ?? c.id} from ${name}?`)) return;
          // The clone's selfUri ends with the trustee user's id, which the DELETE takes.
          const userId = c.selfUri?.split("/").pop() ?? c.id;
          await del(`${base}/clonedusers/${seg(userId)}`);
          await done(`The clone of ${c.name ?? c.id} was removed from ${name}.`);
        }, { class: "danger" }),
      ]),
      `None of our users is cloned into ${name}.`,
    ),
    boxes.length ? cloneForm : null,
  );
}

/** Puts more of our users and groups into the trust (the trustor then gives them roles). */
async function addOurMembers(
  base: string,
  name: string,
  users: Named[],
  groups: Named[],
  done: (message: string) => Promise<void>,
): Promise<HTMLElement | null> {
  const [ours, ourGroups] = await Promise.all([
    all<Named & { email?: string }>("/api/v2/users").catch(() => []),
    all<Named>("/api/v2/groups").catch(() => []),
  ]);
  const userBoxes = ours.filter((u) => !users.some((m) => m.id === u.id)).map((u) => ({ kind: "users" as const, m: u as Named, box: checkbox(`${u.name} (${u.email ?? u.id})`) }));
  const groupBoxes = ourGroups.filter((g) => !groups.some((m) => m.id === g.id)).map((g) => ({ kind: "groups" as const, m: g, box: checkbox(g.name ?? g.id) }));
  if (userBoxes.length + groupBoxes.length === 0) return null;
  const form = el(
    "form",
    { class: "card", "aria-labelledby": "add-ours-title" },
    el("h2", { id: "add-ours-title" }, `Add our users or groups to the trust with ${name}`),
    userBoxes.length ? el("fieldset", {}, el("legend", {}, "Users"), userBoxes.map((b) => b.box.row)) : null,
    groupBoxes.length ? el("fieldset", {}, el("legend", {}, "Groups"), groupBoxes.map((b) => b.box.row)) : null,
    el("button", { type: "submit" }, "Add to the trust"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const chosen = [...userBoxes, ...groupBoxes].filter((b) => b.box.input.checked);
    if (chosen.length === 0) return;
    const ok = await withProgress(`Adding ${chosen.length} member(s)`, chosen.length, async (step) => {
      for (const b of chosen) {
        step(b.m.name ?? b.m.id);
        await put(`${base}/${b.kind}/${seg(b.m.id)}`);
      }
      return true;
    });
    if (ok) await done(`${chosen.map((b) => b.m.name ?? b.m.id).join(", ")} joined the trust with ${name}; ${name} gives them their roles.`);
  });
  return form;
}
