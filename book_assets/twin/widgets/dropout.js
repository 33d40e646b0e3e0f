// The dropout widget of the chapter "Beyond plain gradient descent", live in the page: a slider
// for the drop probability p (nnlib.widgets.dropout.dropout_widget's range and step); bars show
// the activations a, the mean of the inverted-dropout outputs m a/(1 - p) over 400 masks and the
// mean without the scaling. The masks are NumPy's random draws, so nnlib computes the means for
// every position of the slider when the chapter runs (a data cell writes them into the page as
// JSON: <script type="application/json" data-nnlib-data="dropout">); this module draws them.
import { mount, slider, svgEl, el, key, fixed, start, COLORS } from "./ui.js";

function chart(a, inv, plain) {
  const W = 560, H = 240, m = { l: 40, r: 10, t: 10, b: 26 }, w = W - m.l - m.r, h = H - m.t - m.b;
  const lim = 1.3 * Math.max(...a.map(Math.abs));
  const Y = (v) => m.t + (1 - (v + lim) / (2 * lim)) * h;
  const n = a.length, gw = w / n, bw = gw * 0.27;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, class: "nl-plot nl-wide", role: "img",
    "aria-label": `For each activation: a, the mean of m a/(1 − p), and the mean of m a: ${a.map((v, k) => `a${k + 1} ${fixed(v, 2)}, ${fixed(inv[k], 2)}, ${fixed(plain[k], 2)}`).join("; ")}.` });
  svg.append(svgEl("line", { x1: m.l, x2: m.l + w, y1: Y(0), y2: Y(0), class: "nl-axis" }));
  svg.append(svgEl("path", { d: `M${m.l},${m.t}V${m.t + h}`, class: "nl-axis", fill: "none" }));
  for (const t of [-1, -0.5, 0, 0.5, 1]) if (Math.abs(t) <= lim) svg.append(svgEl("text", { x: m.l - 5, y: Y(t) + 4, "text-anchor": "end", class: "nl-tick" }, String(t)));
  const series = [[a, "#8a8a8a"], [inv, COLORS.blue], [plain, COLORS.orange]];
  a.forEach((_, k) => {
    series.forEach(([vals, color], s) => {
      const v = vals[k], x = m.l + k * gw + gw / 2 + (s - 1) * bw - bw / 2;
      svg.append(svgEl("rect", { x, y: Math.min(Y(v), Y(0)), width: bw * 0.95, height: Math.abs(Y(v) - Y(0)), fill: color }));
    });
    svg.append(svgEl("text", { x: m.l + k * gw + gw / 2, y: H - 6, "text-anchor": "middle", class: "nl-label" }, `a${k + 1}`));
  });
  return svg;
}

function make(root) {
  const blob = document.querySelector('script[type="application/json"][data-nnlib-data="dropout"]');
  if (!blob) throw new Error("the means nnlib computed for this page are missing (the chapter's data cell has not run)");
  const data = JSON.parse(blob.textContent);
  const { controls, figure, status } = mount(root, "dropout");
  const p = slider({ label: "p (drop)", key: "p", min: 0, max: 0.9, step: 0.05, value: Number(root.dataset.p ?? 0.5), format: (v) => fixed(v, 2), onInput: () => redraw() });
  controls.append(p.field);
  const legend = el("p", { class: "nl-note" }, key("#8a8a8a", "a (no dropout)"),
    key(COLORS.blue, "mean of m a/(1 − p)"), key(COLORS.orange, "mean of m a (no scaling)"));
  const redraw = () => {
    const key = fixed(p.value(), 2), [inv, plain] = data.means[key], a = data.a;
    const gap = (vals) => Math.max(...vals.map((v, k) => Math.abs(v - a[k])));
    const title = `p = ${key}, ${data.draws} masks: largest gap to a, scaled ${fixed(gap(inv), 2)}, unscaled ${fixed(gap(plain), 2)}`;
    figure.replaceChildren(el("div", {}, el("p", { class: "nl-note nl-title-text", text: title }), chart(a, inv, plain), legend));
    status.textContent = title;
    status.dataset.values = JSON.stringify({ inverted: inv, plain });
  };
  redraw();
  return { redraw };
}

start("dropout", make);
