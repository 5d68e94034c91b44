// Limits: the namespaces, the effective values of one, and the change requests (list, create).
import { get, post, seg } from "../api";
import type { Session } from "../context";
import { el, field, notify, replace, select, showError, table, when } from "../dom";

interface Listing<T> {
  entities?: T[];
}
interface Namespace {
  name: string;
  friendlyName?: string;
}
interface Limit {
  key?: string;
  namespace?: string;
  value?: number;
}
interface ChangeRequest {
  id: string;
  key?: string;
  namespace?: string;
  requestedValue?: number;
  currentValue?: number;
  status?: string;
  description?: string;
  dateCreated?: string;
}

/** `#/limits`. */
export async function limitsView(main: HTMLElement, session: Session): Promise<void> {
  const namespaces = (await get<Listing<Namespace>>("/api/v2/organizations/limits/namespaces?pageSize=100")).entities ?? [];
  const requests = await get<Listing<ChangeRequest>>("/api/v2/organizations/limits/changerequests").catch(() => ({ entities: [] }) as Listing<ChangeRequest>);
  const ns = select("Namespace", namespaces.map((n) => [n.name, n.friendlyName ? `${n.friendlyName} (${n.name})` : n.name]), { name: "namespace" });
  const values = el("div", { "aria-live": "polite" });
  const showNamespace = async () => {
    try {
      const limits = (await get<Listing<Limit>>(`/api/v2/organizations/limits/namespaces/${seg(ns.input.value)}`)).entities ?? [];
      replace(values, table(`Limits of ${ns.input.value}`, ["Key", "Value"], limits.map((l) => [l.key, String(l.value ?? "—")])));
    } catch (err) {
      replace(values);
      showError(err);
    }
  };
  ns.input.addEventListener("change", () => void showNamespace());

  const key = field("Limit key", { name: "key", required: true, autocomplete: "off" });
  const requested = field("Requested value", { name: "requestedValue", type: "number", min: 0, required: true });
  const description = field("Why", { name: "description", required: true });
  const form = el(
    "form",
    { class: "card", "aria-labelledby": "cr-title" },
    el("h2", { id: "cr-title" }, "Request a change"),
    el("p", { class: "muted" }, "For the namespace chosen above."),
    key.row,
    requested.row,
    description.row,
    el("button", { type: "submit", class: "primary" }, "Send request"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await post("/api/v2/organizations/limits/changerequests", {
        key: key.input.value.trim(),
        namespace: ns.input.value,
        requestedValue: Number(requested.input.value),
        description: description.input.value,
      });
      await limitsView(main, session);
      notify("The change request was sent.");
    } catch (err) {
      showError(err);
    }
  });
  replace(
    main,
    el("h1", {}, "Limits"),
    el("section", { class: "card" }, ns.row, values),
    table(
      "Change requests",
      ["Namespace", "Key", "Current", "Requested", "Status", "Created"],
      (requests.entities ?? []).map((r) => [r.namespace, r.key, String(r.currentValue ?? "—"), String(r.requestedValue ?? "—"), r.status, when(r.dateCreated)]),
      "No change request.",
    ),
    form,
  );
  if (namespaces.length) await showNamespace();
}
