// Your organization: its details and directory (divisions, roles, users, groups, OAuth clients).
import { all, get } from "../api";
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
  userCount?: number;
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
      table("Roles", ["Name", "Permissions", "Members"], rs.map((r) => [r.name, (r.permissions ?? []).join(", "), String(r.userCount ?? "—")])),
    );
    step("users");
    const users = await section("Users", () => all<User>("/api/v2/users"), (us) =>
      table("Users", ["Name", "E-mail", "Division", "State"], us.map((u) => [u.name, u.email, u.division?.name, u.state])),
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
    el("h1", {}, session.crossOrg ? `${session.orgName} (as a trustee of ${session.homeOrgName})` : session.orgName),
    parts ?? [],
  );
}
