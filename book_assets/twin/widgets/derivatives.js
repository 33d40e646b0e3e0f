// "The activation derivatives on one axis", the backward-pass widget of the chapter
// "Nonlinearity and activation functions", live in the page: sliders for z and for leaky ReLU's
// slope α; the derivatives of sigmoid, tanh, ReLU and leaky ReLU (nnlib.js's ACTIVATIONS and
// leakyReluCurves, through backward.js's activationDerivatives, the twin of
// nnlib.experiments.backward.activation_derivatives) on one axis, each one's value at z marked,
// and the sigmoid's ceiling of 1/4. tests/site/test_live_backward.py compares with nnlib.
import { DERIVATIVE_LABELS, DERIVATIVE_NAMES, SLOPE_RANGE, SLOPE_STEP, Z_RANGE, Z_STEP, activationDerivatives, derivativesTitle, sliderGrid } from "./backward.js";
import { mount, slider, plot, el, num, key, fixed, start, COLORS } from "./ui.js";

// nnlib.plot.backward.DERIVATIVE_STYLES' colours and line styles
const STYLE = { sigmoid: [COLORS.blue, null], tanh: [COLORS.orange, null], relu: [COLORS.green, "6 4"], leaky_relu: [COLORS.purple, "2 3"] };

function make(root) {
  const { controls, figure, status } = mount(root, "derivatives");
  const grid = sliderGrid(Z_RANGE, Z_STEP);
  const z = slider({ label: "z", key: "z", min: Z_RANGE[0], max: Z_RANGE[1], step: Z_STEP, value: Number(root.dataset.z ?? 0),
    format: (v) => fixed(v, 2), onInput: () => redraw() });
  const slope = slider({ label: "leaky slope α", key: "slope", min: SLOPE_RANGE[0], max: SLOPE_RANGE[1], step: SLOPE_STEP,
    value: Number(root.dataset.slope ?? 0.1), format: (v) => fixed(v, 2), onInput: () => redraw() });
  controls.append(z.field, slope.field);
  const redraw = () => {
    const r = activationDerivatives(z.value(), slope.value(), grid);
    const [head, values] = derivativesTitle(r).split("\n");
    const svg = plot({ width: 340, height: 230, xlim: Z_RANGE, ylim: [-0.05, 1.1], xlabel: "z", ylabel: "φ′(z)",
      hlines: [{ y: 0.25, dash: "8 4" }], vlines: [{ x: r.z }],
      series: DERIVATIVE_NAMES.map((n) => ({ x: grid, y: r.curves[n], color: STYLE[n][0], dash: STYLE[n][1], width: 2.2 })),
      points: DERIVATIVE_NAMES.map((n) => ({ x: r.z, y: r.at_z[n], color: STYLE[n][0], r: 4.5 })),
      label: `The derivatives of sigmoid, tanh, ReLU and leaky ReLU with slope ${fixed(r.slope, 2)} for z from −5 to 5 on one axis: the sigmoid's a hump of height 1/4 (the grey dashed line), tanh's a hump of height 1, ReLU's a step from 0 to 1, leaky ReLU's a step from α to 1. A vertical line marks z = ${fixed(r.z, 2)}, where ${values}.` });
    const keys = el("p", { class: "nl-note" }, ...DERIVATIVE_NAMES.map((n) => key(STYLE[n][0], DERIVATIVE_LABELS[n])), el("span", { class: "nl-key", text: "grey dashed line: 1/4" }));
    const table = el("table", { class: "nl-table" },
      el("caption", { text: `φ′ at z = ${fixed(r.z, 2)}` }),
      el("tbody", {}, ...DERIVATIVE_NAMES.map((n) => el("tr", {}, el("th", { scope: "row", text: DERIVATIVE_LABELS[n] }),
        el("td", {}, num(r.at_z[n], 3, "span", { class: "nl-deriv", "data-name": n }))))));
    figure.replaceChildren(el("div", {}, svg, keys, table));
    status.textContent = `${head} ${values}`;
    status.dataset.values = JSON.stringify(r);
  };
  redraw();
  return { redraw };
}

start("derivatives", make);
