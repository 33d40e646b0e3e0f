// The softmax widget of the chapter "Softmax and its Jacobian", live in the page:
// one slider per logit (nnlib.widgets.softmax.SoftmaxExplorer's range and step), the
// probabilities s as bars and the Jacobian J = diag(s) - s s^T as an annotated heatmap,
// both computed by nnlib.js's softmaxJacobian (the twin of nnlib.activations.softmax_jacobian).
import { softmaxJacobian } from "../nnlib.js";
import { mount, slider, bars, svgEl, diverging, fixed, start, COLORS } from "./ui.js";

export const LOGIT_RANGE = [-5.0, 5.0]; // nnlib.widgets.softmax.LOGIT_RANGE
export const STEP = 0.25;

function heatmap(J, n) {
  const cell = 58, m = { l: 34, t: 26, b: 8 };
  const size = m.l + n * cell + 6;
  const svg = svgEl("svg", { viewBox: `0 0 ${size} ${m.t + n * cell + m.b + 14}`, class: "nl-plot nl-narrow nl-jacobian", role: "img",
    "aria-label": `Jacobian of softmax, ${n} by ${n}: ` + Array.from({ length: n }, (_, i) => `row ${i + 1}: ${Array.from({ length: n }, (_, j) => fixed(J.data[i * n + j], 3)).join(", ")}`).join("; ") });
  svg.append(svgEl("text", { x: m.l + (n * cell) / 2, y: 15, "text-anchor": "middle", class: "nl-title" }, "Jacobian ∂sᵢ/∂zⱼ"));
  for (let i = 0; i < n; i++) {
    svg.append(svgEl("text", { x: m.l - 6, y: m.t + (i + 0.5) * cell + 4, "text-anchor": "end", class: "nl-label" }, `s${i + 1}`));
    svg.append(svgEl("text", { x: m.l + (i + 0.5) * cell, y: m.t + n * cell + 16, "text-anchor": "middle", class: "nl-label" }, `z${i + 1}`));
    for (let j = 0; j < n; j++) {
      const v = J.data[i * n + j];
      svg.append(svgEl("rect", { x: m.l + j * cell, y: m.t + i * cell, width: cell, height: cell, fill: diverging(v, 0.25) }));
      // dark text on light cells, white on dark ones (as nnlib's draw_softmax)
      svg.append(svgEl("text", { x: m.l + (j + 0.5) * cell, y: m.t + (i + 0.5) * cell + 4, "text-anchor": "middle",
        class: "nl-cell", fill: Math.abs(v) > 0.15 ? "#fff" : "#111", "data-value": String(v), "data-i": i, "data-j": j }, fixed(v, 3)));
    }
  }
  return svg;
}

function make(root) {
  const z0 = (root.dataset.z || "1,0,-1").split(",").map(Number);
  if (z0.length < 2 || !z0.every(Number.isFinite)) throw new Error(`data-z must list at least 2 logits; got ${root.dataset.z}`);
  const { controls, figure, status } = mount(root, "softmax");
  const n = z0.length;
  const sliders = z0.map((z, k) => slider({
    label: `z${k + 1}`, key: `z${k + 1}`, min: LOGIT_RANGE[0], max: LOGIT_RANGE[1], step: STEP, value: z,
    format: (v) => fixed(v, 2), onInput: () => redraw(),
  }));
  sliders.forEach((s) => controls.append(s.field));
  const redraw = () => {
    const z = sliders.map((s) => s.value());
    const { s, J } = softmaxJacobian(z);
    const labels = z.map((_, k) => `s${k + 1}`);
    const b = bars({ values: Array.from(s), labels, title: "probabilities s", colors: z.map(() => COLORS.blue),
      label: `softmax probabilities: ${labels.map((l, k) => `${l} = ${fixed(s[k], 3)}`).join(", ")}` });
    b.classList.add("nl-narrow");
    figure.replaceChildren(b, heatmap(J, n));
    status.textContent = `z = (${z.map((v) => fixed(v, 2)).join(", ")}): s = (${Array.from(s, (v) => fixed(v, 3)).join(", ")}); diagonal of J = (${Array.from({ length: n }, (_, i) => fixed(J.data[i * n + i], 3)).join(", ")})`;
    status.dataset.s = JSON.stringify(Array.from(s));
  };
  redraw();
  return { redraw, sliders };
}

start("softmax", make);
