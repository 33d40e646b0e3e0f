// The bias explorer of the chapter "Bias", live in the page: sliders for w and b
// (nnlib.widgets.bias.BiasExplorer's ranges and steps) wired to nnlib.js's biasCurve (the twin
// of nnlib.experiments.bias.bias_curve), drawn as tanh(w x + b) beside tanh(x) and the target 0.5.
import { biasCurve, linspace } from "../nnlib.js";
import { mount, slider, plot, svgEl, fixed, start, COLORS } from "./ui.js";

export const X_RANGE = [-4.0, 4.0]; // nnlib.experiments.bias.X_RANGE

function make(root) {
  const { controls, figure, status } = mount(root, "bias");
  const x = linspace(X_RANGE[0], X_RANGE[1], 401);
  const tanhX = x.map(Math.tanh);
  const w = slider({ label: "w", key: "w", min: -3, max: 3, step: 0.05, value: Number(root.dataset.w ?? 1), format: (v) => fixed(v, 2), onInput: () => redraw() });
  const b = slider({ label: "b", key: "b", min: -3, max: 3, step: 0.01, value: Number(root.dataset.b ?? 0), format: (v) => fixed(v, 2), onInput: () => redraw() });
  controls.append(w.field, b.field);
  const redraw = () => {
    const c = biasCurve(w.value(), b.value(), x);
    const crossing = c.crossing === null ? "never crosses zero (w = 0: a flat line)" : `crosses zero at x = −b/w = ${fixed(c.crossing, 3)}`;
    const svg = plot({ width: 560, height: 280, xlim: X_RANGE, ylim: [-1.1, 1.1], xlabel: "x", ylabel: "activation",
      hlines: [{ y: 0 }, { y: 0.5, dash: "2 3" }], vlines: [{ x: 0 }],
      series: [{ x, y: tanhX, color: "#8a8a8a", width: 1.5 }, { x, y: c.y, color: COLORS.blue, width: 2.4 }],
      points: [{ x: 0, y: c.atZero, color: COLORS.orange, r: 5.5 }],
      label: `tanh(${fixed(w.value(), 2)} x ${b.value() < 0 ? "−" : "+"} ${fixed(Math.abs(b.value()), 2)}) against x from −4 to 4, beside tanh(x) in grey and the target 0.5 dotted; value at x = 0: ${fixed(c.atZero, 4)}; ${crossing}.` });
    svg.classList.add("nl-wide");
    const text = svgEl("text", { x: 56, y: 22, class: "nl-label nl-at-zero", fill: COLORS.orange, "data-value": String(c.atZero) }, `value at x = 0: ${fixed(c.atZero, 4)}`);
    text.style.fill = "currentColor";
    svg.append(text);
    figure.replaceChildren(svg);
    status.textContent = `w = ${fixed(w.value(), 2)}, b = ${fixed(b.value(), 2)}: value at x = 0 is tanh(b) = ${fixed(c.atZero, 4)}; the curve ${crossing}.`;
    status.dataset.values = JSON.stringify({ at_zero: c.atZero, crossing: c.crossing, y: Array.from(c.y) });
  };
  redraw();
  return { redraw };
}

start("bias", make);
