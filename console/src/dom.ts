// Small DOM helpers: the console builds its pages with these instead of a framework.
import { ApiError } from "./api";

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

/** Creates an element; `on*` attributes become listeners, `false`/`null` attributes are left out. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (value === true) {
      node.setAttribute(key, "");
    } else {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node: Node, children: (Child | Child[])[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(node, child);
    else if (child === null || child === undefined || child === false) continue;
    else node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of `node`. */
export function replace(node: Element, ...children: (Child | Child[])[]): void {
  node.replaceChildren();
  append(node, children);
}

let ids = 0;
/** A fresh element id (labels point at their inputs). */
export function uid(prefix = "f"): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled input; returns the wrapper and the input. */
export function field(
  label: string,
  attrs: Attrs = {},
  hint?: string,
): { row: HTMLElement; input: HTMLInputElement } {
  const id = uid();
  const hintId = hint ? `${id}-hint` : undefined;
  const input = el("input", { id, "aria-describedby": hintId, ...attrs });
  const row = el(
    "div",
    { class: "field" },
    el("label", { for: id }, label),
    input,
    hint ? el("small", { id: hintId }, hint) : null,
  );
  return { row, input };
}

/** A labelled select over `options` ([value, text]). */
export function select(
  label: string,
  options: [string, string][],
  attrs: Attrs = {},
): { row: HTMLElement; input: HTMLSelectElement } {
  const id = uid();
  const input = el(
    "select",
    { id, ...attrs },
    options.map(([v, t]) => el("option", { value: v }, t)),
  );
  return { row: el("div", { class: "field" }, el("label", { for: id }, label), input), input };
}

/** A labelled checkbox. */
export function checkbox(label: string, checked = false, attrs: Attrs = {}) {
  const id = uid();
  const input = el("input", { type: "checkbox", id, checked, ...attrs });
  return { row: el("div", { class: "check" }, input, el("label", { for: id }, label)), input };
}

/** A table with a caption; `rows` are arrays of cells. */
export function table(caption: string, headers: string[], rows: Child[][], empty = "None."): HTMLElement {
  if (rows.length === 0) {
    return el("section", { class: "card" }, el("h3", {}, caption), el("p", { class: "muted" }, empty));
  }
  // On a narrow screen each row becomes a card of "header: value" lines (style.css): the
  // explicit roles keep the table's semantics when CSS changes its display.
  return el(
    "div",
    { class: "table-wrap", tabindex: 0, role: "region", "aria-label": caption },
    el(
      "table",
      { class: "cards", role: "table" },
      el("caption", {}, caption),
      el("thead", { role: "rowgroup" }, el("tr", { role: "row" }, headers.map((h) => el("th", { scope: "col", role: "columnheader" }, h)))),
      el(
        "tbody",
        { role: "rowgroup" },
        rows.map((r) => el("tr", { role: "row" }, r.map((c, i) => el("td", { role: "cell", "data-label": headers[i] || null }, c)))),
      ),
    ),
  );
}

/** The live region where every outcome is announced. */
const statusRegion = (): HTMLElement => document.getElementById("status")!;

/** Announces a success message; with `focus`, moves the focus to it (after a change re-rendered the page). */
export function notify(message: string, focus = false): void {
  const region = statusRegion();
  replace(region, el("p", { class: "ok", "data-testid": "notice" }, message));
  if (focus) region.focus();
}

/** Describes an error in plain words, with the correlation id when the server gave one. */
export function describeError(err: unknown): HTMLElement {
  if (err instanceof ApiError) {
    return el(
      "div",
      { class: "error", role: "alert" },
      el("p", {}, el("strong", {}, err.plain())),
      err.detail ? el("p", {}, err.detail) : null,
      err.contextId
        ? el(
            "p",
            { class: "muted" },
            "Correlation id (quote it when asking for help): ",
            el("code", { "data-testid": "correlation-id" }, err.contextId),
          )
        : null,
    );
  }
  return el("div", { class: "error", role: "alert" }, el("p", {}, String(err)));
}

/** Shows an error in the status region. */
export function showError(err: unknown): void {
  replace(statusRegion(), describeError(err));
  statusRegion().focus();
}

let pendingNotice: string | null = null;

/** Announces `message` once the page navigated to next has rendered. */
export function notifyAfterNavigation(message: string): void {
  pendingNotice = message;
}

/** Shows the message left by `notifyAfterNavigation`, if any (called by the router). */
export function flushNotice(): void {
  if (pendingNotice) notify(pendingNotice);
  pendingNotice = null;
}

/** Clears the status region. */
export function clearStatus(): void {
  replace(statusRegion());
}

/**
 * Runs a long operation of `steps` steps with a progress bar in the status region; `run` calls
 * `step(label)` as each one starts. Errors are shown; the result is returned (or undefined).
 */
export async function withProgress<T>(
  title: string,
  steps: number,
  run: (step: (label: string) => void) => Promise<T>,
): Promise<T | undefined> {
  const bar = el("progress", { max: Math.max(steps, 1), value: 0, "aria-label": title });
  const label = el("span", {}, "starting");
  replace(statusRegion(), el("div", { class: "progress", "aria-busy": "true" }, el("p", {}, title), bar, label));
  let done = 0;
  try {
    const result = await run((text) => {
      bar.value = done;
      done += 1;
      label.textContent = `${text} (${done} of ${steps})`;
    });
    bar.value = steps;
    // Only its own bar: a newer message (another page's) stays.
    if (bar.isConnected) clearStatus();
    return result;
  } catch (err) {
    showError(err);
    return undefined;
  }
}

/** A button that runs `action`, disabled while it runs; errors are shown. */
export function button(text: string, action: () => Promise<void> | void, attrs: Attrs = {}): HTMLButtonElement {
  const b = el("button", { type: "button", ...attrs }, text);
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      await action();
    } catch (err) {
      showError(err);
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/** A date for people: local date and time, or a dash. */
export function when(iso?: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** Converts a `datetime-local` value to ISO-8601 UTC (or undefined when empty). */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
