// A grant is a role *in divisions*: the role-by-division grid that chooses them (accepting a
// pairing, adding a member, changing a member's roles) and the words that show them ("User
// Viewer in EMEA").
import { el } from "./dom";

export interface Named {
  id: string;
  name?: string;
}

/** A role granted in a division (`divisionId` `*`: every division), as the API takes it. */
export interface Pair {
  roleId: string;
  divisionId: string;
}

/** The division id the API uses for "every division, present and future". */
export const ALL_DIVISIONS = "*";

/** A grid of role x division checkboxes for one member, ticked as `initial`. */
export function grantGrid(
  member: string,
  roles: Named[],
  divisions: Named[],
  initial: Pair[] = [],
): { node: HTMLElement; read: () => Pair[] } {
  const columns: Named[] = [...divisions, { id: ALL_DIVISIONS, name: "All divisions" }];
  const boxes: (Pair & { input: HTMLInputElement })[] = [];
  const grid = el(
    "table",
    { class: "grid" },
    el("caption", {}, `Roles for ${member}, per division`),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Role"), columns.map((d) => el("th", { scope: "col" }, d.name ?? d.id)))),
    el(
      "tbody",
      {},
      roles.map((r) =>
        el(
          "tr",
          {},
          el("th", { scope: "row" }, r.name ?? r.id),
          columns.map((d) => {
            const input = el("input", {
              type: "checkbox",
              "aria-label": `${r.name ?? r.id} in ${d.id === ALL_DIVISIONS ? "all divisions" : (d.name ?? d.id)} for ${member}`,
              checked: initial.some((p) => p.roleId === r.id && p.divisionId === d.id),
            });
            boxes.push({ roleId: r.id, divisionId: d.id, input });
            return el("td", {}, input);
          }),
        ),
      ),
    ),
  );
  return {
    node: el("div", { class: "table-wrap", tabindex: 0, role: "region", "aria-label": `Roles for ${member}` }, grid),
    read: () => boxes.filter((b) => b.input.checked).map(({ roleId, divisionId }) => ({ roleId, divisionId })),
  };
}

/** Pairs in words, one phrase per role: "User Viewer in EMEA and Home; Admin in all divisions". */
export function describeGrants(pairs: Pair[], roles: Named[], divisions: Named[]): string {
  if (pairs.length === 0) return "No role";
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? id;
  const divisionName = (id: string) => (id === ALL_DIVISIONS ? "all divisions" : (divisions.find((d) => d.id === id)?.name ?? id));
  const byRole = new Map<string, string[]>();
  for (const p of pairs) byRole.set(p.roleId, [...(byRole.get(p.roleId) ?? []), p.divisionId]);
  return [...byRole.entries()]
    .map(([role, ds]) => {
      const names = (ds.includes(ALL_DIVISIONS) ? [ALL_DIVISIONS] : ds).map(divisionName);
      const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0];
      return `${roleName(role)} in ${list}`;
    })
    .join("; ");
}
