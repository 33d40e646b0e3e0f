// The planted-bug explorer of the chapter "Checking gradients", live in the page. A dropdown
// over the bugs the chapter's network can host; each choice shows nnlib's gradient-check report
// (relative error and each array's share of it, nnlib.experiments.gradbugs.check_bug). The menu has
// a few positions only, so nnlib computes every report when the chapter runs: a code cell
// writes them into the page as JSON (<script type="application/json" data-nnlib-data=
// "gradbugs">), and this module only draws them. Nothing here computes a gradient.
import { formatE } from "../nnlib.js";
import { mount, select, svgEl, el, start, COLORS } from "./ui.js";

const FLOOR = 1e-17; // nnlib's plot_bug_errors: shares below this are drawn at it (log scale)

function chart(shares, rtol, title) {
  const names = Object.keys(shares).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || (a[0] === "W" ? -1 : 1));
  const W = 560, H = 250, m = { l: 56, r: 10, t: 28, b: 28 }, w = W - m.l - m.r, h = H - m.t - m.b;
  const lo = Math.log10(FLOOR), hi = 1; // 1e-17 .. 10
  const Y = (v) => m.t + (1 - (Math.log10(Math.max(v, FLOOR)) - lo) / (hi - lo)) * h;
  const bw = w / names.length;
  const failing = names.filter((k) => shares[k] > rtol);
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, class: "nl-plot nl-wide", role: "img",
    "aria-label": `${title}. Share of the error per array on a log scale from 1e-17 to 10, pass line at ${rtol}: ${names.map((k) => `${k} ${formatE(shares[k], 1)}`).join(", ")}. ${failing.length ? `Above the pass line: ${failing.join(", ")}.` : "Every array passes."}` });
  svg.append(svgEl("text", { x: m.l + w / 2, y: 16, "text-anchor": "middle", class: "nl-title" }, title));
  for (let e = -16; e <= 0; e += 4) {
    svg.append(svgEl("text", { x: m.l - 6, y: Y(10 ** e) + 4, "text-anchor": "end", class: "nl-tick" }, `1e${e}`));
    svg.append(svgEl("line", { x1: m.l - 4, x2: m.l, y1: Y(10 ** e), y2: Y(10 ** e), class: "nl-axis" }));
  }
  svg.append(svgEl("path", { d: `M${m.l},${m.t}V${m.t + h}H${m.l + w}`, class: "nl-axis", fill: "none" }));
  names.forEach((k, i) => {
    const v = shares[k], bad = v > rtol, y = Y(v);
    svg.append(svgEl("rect", { x: m.l + i * bw + bw * 0.15, y, width: bw * 0.7, height: m.t + h - y, fill: bad ? COLORS.orange : COLORS.green }));
    svg.append(svgEl("text", { x: m.l + (i + 0.5) * bw, y: m.t + h + 16, "text-anchor": "middle", class: "nl-label" }, k));
    svg.append(svgEl("text", { x: m.l + (i + 0.5) * bw, y: Math.max(y - 4, m.t + 10), "text-anchor": "middle", class: "nl-tick nl-share", "data-name": k, "data-value": String(v) }, formatE(v, 1)));
  });
  svg.append(svgEl("line", { x1: m.l, x2: m.l + w, y1: Y(rtol), y2: Y(rtol), stroke: "currentColor", "stroke-dasharray": "5 4" }));
  svg.append(svgEl("text", { x: m.l + w - 4, y: Y(rtol) - 4, "text-anchor": "end", class: "nl-tick" }, `pass line ${rtol}`));
  return svg;
}

function make(root) {
  const blob = document.querySelector('script[type="application/json"][data-nnlib-data="gradbugs"]');
  if (!blob) throw new Error("the bug reports nnlib computed for this page are missing (the chapter's data cell has not run)");
  const data = JSON.parse(blob.textContent);
  const { controls, figure, status } = mount(root, "gradbugs");
  const bugs = Object.keys(data.bugs);
  const menu = select({ label: "bug", key: "bug", options: bugs.map((b) => [b, b]), value: "none", onChange: () => redraw() });
  controls.append(menu.field);
  const redraw = () => {
    const bug = menu.value(), r = data.bugs[bug];
    const verdict = r.error > data.rtol ? "caught" : "passes";
    const title = `${bug}: relative error ${formatE(r.error, 1)} (${verdict})`;
    figure.replaceChildren(chart(r.shares, data.rtol, title), el("p", { class: "nl-note nl-bug-text", text: r.text }));
    status.textContent = `${title}. ${r.text}`;
    status.dataset.values = JSON.stringify(r);
  };
  redraw();
  return { redraw };
}

start("gradbugs", make);
