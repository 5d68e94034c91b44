// Your organization: its details and directory (divisions, roles, users, groups, OAuth clients),
// and one user's page with its roles in divisions.
import { all, get, seg } from "../api";
import { ALL_DIVISIONS, describeGrants } from "../grants";
import type { Session } from "../context";
import { describeError, el, replace, table, withProgress } from "../dom";

interface Named {
  id: string;
  name?: string;
}
interface Org extends Named {
  thirdPartyOrgName?: string;
  domain?: string;
  state?: string;
  version?: number;
  defaultLanguage?: string;
}
interface User extends Named {
  email?: string;
  state?: string;
  division?: Named;
}
interface Group extends Named {
  memberCount?: number;
  type?: string;
}
interface Role extends Named {
  permissions?: string[];
}
interface Client extends Named {
  authorizedGrantType?: string;
  registeredRedirectUri?: string[];
  state?: string;
}

/** A section that loads on its own: a failure (e.g. a missing permission) stays inside it. */
async function section<T>(title: string, load: () => Promise<T>, render: (value: T) => HTMLElement): Promise<HTMLElement> {
  try {
    return render(await load());
  } catch (err) {
    return el("section", { class: "card" }, el("h3", {}, title), describeError(err));
  }
}

/** `#/`: the organization page. */
export async function orgView(main: HTMLElement, session: Session): Promise<void> {
  const parts = await withProgress("Loading the organization", 6, async (step) => {
    step("organization");
    const org = await section("Organization", () => get<Org>("/api/v2/organizations/me"), (o) =>
      el(
        "section",
        { class: "card" },
        el("h2", {}, o.name ?? o.id),
        el(
          "dl",
          { class: "facts" },
          el("dt", {}, "Id"),
          el("dd", {}, el("code", {}, o.id)),
          el("dt", {}, "Short name"),
          el("dd", {}, o.thirdPartyOrgName ?? "—"),
          el("dt", {}, "Domain"),
          el("dd", {}, o.domain ?? "—"),
          el("dt", {}, "State"),
          el("dd", {}, o.state ?? "—"),
          el("dt", {}, "Version"),
          el("dd", {}, String(o.version ?? "—")),
        ),
      ),
    );
    step("divisions");
    const divisions = await section("Divisions", () => all<Named & { homeDivision?: boolean }>("/api/v2/authorization/divisions"), (ds) =>
      table("Divisions", ["Name", "Id"], ds.map((d) => [d.name + (d.homeDivision ? " (home)" : ""), el("code", {}, d.id)])),
    );
    step("roles");
    const roles = await section("Roles", () => all<Role>("/api/v2/authorization/roles"), (rs) =>
      // No "Members" column: the API gives no count of a role's members.
      table("Roles", ["Name", "Permissions"], rs.map((r) => [r.name, (r.permissions ?? []).join(", ")])),
    );
    step("users");
    const users = await section("Users", () => all<User>("/api/v2/users"), (us) =>
      table("Users", ["Name", "E-mail", "Division", "State"], us.map((u) => [el("a", { href: `#/users/${u.id}` }, u.name ?? u.id), u.email, u.division?.name, u.state])),
    );
    step("groups");
    const groups = await section("Groups", () => all<Group>("/api/v2/groups"), (gs) =>
      table("Groups", ["Name", "Members", "Type"], gs.map((g) => [g.name, String(g.memberCount ?? "—"), g.type])),
    );
    step("OAuth clients");
    const clients = await section("OAuth clients", () => all<Client>("/api/v2/oauth/clients"), (cs) =>
      table(
        "OAuth clients",
        ["Name", "Client id", "Grant", "Redirect URIs"],
        cs.map((c) => [c.name, el("code", {}, c.id), c.authorizedGrantType, (c.registeredRedirectUri ?? []).join(" ")]),
      ),
    );
    return [org, divisions, roles, users, groups, clients];
  });
  replace(
    main,
    el("h1", {}, session.orgName),
    // A trustee user acting here: this organization is the trustor, the user's home the trustee.
    session.crossOrg
      ? el("p", { "data-testid": "acting-as" }, `You act in ${session.orgName} (the trustor) as a user of ${session.homeOrgName} (its trustee).`)
      : null,
    parts ?? [],
  );
}

interface Subject {
  grants?: { role?: Named; division?: Named }[];
}

/** `#/users/{id}`: one user of the organization and its grants (roles in divisions). */
export async function userView(main: HTMLElement, _session: Session, [id]: string[]): Promise<void> {
  const [user, subject] = await Promise.all([
    get<User & { title?: string; department?: string }>(`/api/v2/users/${seg(id)}`),
    get<Subject>(`/api/v2/authorization/subjects/${seg(id)}`).catch(() => undefined),
  ]);
  const grants = (subject?.grants ?? []).map((g) => ({ roleId: g.role?.id ?? "", divisionId: g.division?.id ?? ALL_DIVISIONS }));
  const roles = (subject?.grants ?? []).map((g) => g.role).filter((r): r is Named => !!r);
  const divisions = (subject?.grants ?? []).map((g) => g.division).filter((d): d is Named => !!d);
  replace(
    main,
    el("p", {}, el("a", { href: "#/" }, "← Organization")),
    el("h1", {}, user.name ?? user.id),
    el(
      "section",
      { class: "card" },
      el(
        "dl",
        { class: "facts" },
        el("dt", {}, "E-mail"),
        el("dd", {}, user.email ?? "—"),
        el("dt", {}, "Division"),
        el("dd", {}, user.division?.name ?? "—"),
        el("dt", {}, "State"),
        el("dd", {}, user.state ?? "—"),
        el("dt", {}, "Roles"),
        el("dd", { "data-testid": "user-grants" }, subject ? describeGrants(grants, roles, divisions) : "Not visible to you"),
        el("dt", {}, "Id"),
        el("dd", {}, el("code", {}, user.id)),
      ),
    ),
  );
}
