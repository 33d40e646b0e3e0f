// The momentum widget of the chapter "Beyond plain gradient descent", live in the page: sliders
// for beta and eta (nnlib.widgets.momentum.momentum_widget's ranges and steps); plain descent and
// momentum descent on the ravine J = (theta1^2 + 20 theta2^2)/2 from (-9, 1.5), both computed by
// nnlib.js's descendRavine (the twin of nnlib.experiments.momentum.descend_ravine), over the ravine's
// contour ellipses.
import { RAVINE, RAVINE_START, descendRavine, ravineLabel, ravineLoss } from "../nnlib.js";
import { mount, slider, svgEl, el, key, fixed, start, COLORS } from "./ui.js";

const STEPS = 40, XLIM = [-10, 10], YLIM = [-3, 3];

function figure(paths) {
  const W = 560, H = 270, m = { l: 44, r: 10, t: 10, b: 36 }, w = W - m.l - m.r, h = H - m.t - m.b;
  const X = (x) => m.l + ((x - XLIM[0]) / (XLIM[1] - XLIM[0])) * w;
  const Y = (y) => m.t + (1 - (y - YLIM[0]) / (YLIM[1] - YLIM[0])) * h;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, class: "nl-plot nl-wide", role: "img",
    "aria-label": `Contours of the ravine J = (θ1² + 20 θ2²)/2, gentle along θ1 and steep across it, with ${paths.map((p) => `${p.label}: ${p.text}`).join("; ")}. Both start at (−9, 1.5); the minimum is at the origin.` });
  const clip = svgEl("clipPath", { id: "nl-ravine-clip" });
  clip.append(svgEl("rect", { x: m.l, y: m.t, width: w, height: h }));
  svg.append(clip);
  const g = svgEl("g", { "clip-path": "url(#nl-ravine-clip)" });
  // the contours of nnlib's draw_ravine: 12 levels from 0.05 to the largest loss on the box, geometric
  const [a, b] = RAVINE, top = ravineLoss([10, 3]);
  for (let k = 0; k < 12; k++) {
    const L = 0.05 * (top / 0.05) ** (k / 11);
    g.append(svgEl("ellipse", { cx: X(0), cy: Y(0), rx: (Math.sqrt((2 * L) / a) * w) / (XLIM[1] - XLIM[0]), ry: (Math.sqrt((2 * L) / b) * h) / (YLIM[1] - YLIM[0]), class: "nl-guide", fill: "none" }));
  }
  for (const p of paths) {
    const pts = p.path.filter((q) => q.every(Number.isFinite));
    g.append(svgEl("path", { d: pts.map((q, i) => `${i ? "L" : "M"}${X(q[0]).toFixed(2)},${Y(q[1]).toFixed(2)}`).join(""), fill: "none", stroke: p.color, "stroke-width": 1.4 }));
    for (const q of pts) g.append(svgEl("circle", { cx: X(q[0]), cy: Y(q[1]), r: 2.6, fill: p.color }));
  }
  g.append(svgEl("text", { x: X(0), y: Y(0) + 5, "text-anchor": "middle", class: "nl-title" }, "★"));
  svg.append(g);
  svg.append(svgEl("path", { d: `M${m.l},${m.t}V${m.t + h}H${m.l + w}`, class: "nl-axis", fill: "none" }));
  for (let t = -10; t <= 10; t += 5) svg.append(svgEl("text", { x: X(t), y: m.t + h + 14, "text-anchor": "middle", class: "nl-tick" }, String(t)));
  for (let t = -3; t <= 3; t += 1.5) svg.append(svgEl("text", { x: m.l - 6, y: Y(t) + 4, "text-anchor": "end", class: "nl-tick" }, String(t)));
  svg.append(svgEl("text", { x: m.l + w / 2, y: H - 4, "text-anchor": "middle", class: "nl-label" }, "θ₁ (gentle direction)"));
  svg.append(svgEl("text", { x: 12, y: m.t + h / 2, "text-anchor": "middle", class: "nl-label", transform: `rotate(-90 12 ${m.t + h / 2})` }, "θ₂ (steep)"));
  return svg;
}

function make(root) {
  const { controls, figure: fig, status } = mount(root, "momentum");
  const beta = slider({ label: "β", key: "beta", min: 0, max: 0.95, step: 0.05, value: Number(root.dataset.beta ?? 0.7), format: (v) => fixed(v, 2), onInput: () => redraw() });
  const lr = slider({ label: "learning rate η", key: "lr", min: 0.01, max: 0.1, step: 0.005, value: Number(root.dataset.lr ?? 0.09), format: (v) => fixed(v, 3), onInput: () => redraw() });
  controls.append(beta.field, lr.field);
  const redraw = () => {
    const plain = descendRavine(RAVINE_START, lr.value(), 0.0, STEPS), mom = descendRavine(RAVINE_START, lr.value(), beta.value(), STEPS);
    const title = `plain: ${ravineLabel(plain)};  β = ${fixed(beta.value(), 2)}: ${ravineLabel(mom)}`;
    const legend = el("p", { class: "nl-note" }, key(COLORS.orange, "plain descent"), key(COLORS.blue, `momentum β = ${fixed(beta.value(), 2)}`));
    fig.replaceChildren(el("div", {}, el("p", { class: "nl-note nl-title-text", text: title }), figure([
      { label: "plain descent", path: plain, color: COLORS.orange, text: ravineLabel(plain) },
      { label: `momentum β = ${fixed(beta.value(), 2)}`, path: mom, color: COLORS.blue, text: ravineLabel(mom) }]), legend));
    status.textContent = `η = ${fixed(lr.value(), 3)}: ${title}`;
    status.dataset.values = JSON.stringify({ plain, momentum: mom, title });
  };
  redraw();
  return { redraw };
}

start("momentum", make);
