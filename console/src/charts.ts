// Facet charts in plain SVG: one horizontal bar per value, with its count as text (the numbers
// are also in a table for screen readers).
const NS = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** A bar chart of `entries` (value, count), titled `title`. */
export function barChart(title: string, entries: { value: string; count: number }[]): SVGSVGElement {
  const rows = entries.slice(0, 12);
  const barH = 22;
  const gap = 6;
  const labelW = 140;
  const width = 420;
  const height = Math.max(rows.length, 1) * (barH + gap) + 8;
  const max = Math.max(1, ...rows.map((e) => e.count));
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart", width: "100%" });
  const t = svg("title", {});
  t.textContent = `${title}: ${rows.map((e) => `${e.value} ${e.count}`).join(", ") || "no data"}`;
  root.appendChild(t);
  rows.forEach((e, i) => {
    const y = 4 + i * (barH + gap);
    const label = svg("text", { x: labelW - 6, y: y + barH * 0.7, "text-anchor": "end", class: "chart-label" });
    label.textContent = e.value.length > 20 ? `${e.value.slice(0, 19)}…` : e.value;
    const w = Math.max(2, ((width - labelW - 50) * e.count) / max);
    const bar = svg("rect", { x: labelW, y, width: w, height: barH, rx: 3, class: "chart-bar" });
    const count = svg("text", { x: labelW + w + 6, y: y + barH * 0.7, class: "chart-count" });
    count.textContent = String(e.count);
    root.append(label, bar, count);
  });
  return root;
}
