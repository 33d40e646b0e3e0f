// The forward-pass explorer of the chapter "Anatomy and the forward pass", live in the page:
// the 2-3-2 tanh/softmax network of source 000 on one sample, 2 input and 17 parameter
// sliders (nnlib.widgets.forward.ForwardExplorer's ranges and step), computed by nnlib.js's
// MLP.forwardCache (the twin of nnlib's), drawn as the network diagram and the output bars.
import { MLP, matrix } from "../nnlib.js";
import { mount, slider, bars, svgEl, el, fixed, start, COLORS } from "./ui.js";

// nnlib.experiments.forward: PARAM_NAMES (get_flat order), DEFAULT_X, DEFAULT_THETA
export const PARAM_NAMES = ["w1_11", "w1_12", "w1_13", "w1_21", "w1_22", "w1_23", "b1_1", "b1_2", "b1_3",
  "w2_11", "w2_12", "w2_21", "w2_22", "w2_31", "w2_32", "b2_1", "b2_2"];
export const DEFAULT_X = [1.0, -0.5];
export const DEFAULT_THETA = [0.8, -0.6, 0.3, -0.4, 0.9, 1.2, 0.1, -0.2, 0.0, 1.1, -0.7, -0.9, 0.5, 0.4, 1.3, 0.0, 0.2];
const RANGES = { input: 2.0, weight: 3.0, bias: 2.0 };

function diagram(net, As, Zs) {
  const W = 420, H = 250, xs = [50, 210, 370];
  const ys = (n) => Array.from({ length: n }, (_, i) => H / 2 + (i - (n - 1) / 2) * 76);
  const pos = [ys(2), ys(3), ys(2)];
  const values = [As[0].data, As[1].data, As[2].data];
  const names = [["x₁", "x₂"], ["h₁", "h₂", "h₃"], ["ŷ₁", "ŷ₂"]];
  const parts = [];
  for (let l = 0; l < 2; l++) {
    const Wl = net.weights[l];
    for (let i = 0; i < Wl.rows; i++) {
      for (let j = 0; j < Wl.cols; j++) {
        const w = Wl.data[i * Wl.cols + j];
        parts.push(`W${l + 1}[${i + 1},${j + 1}] = ${fixed(w, 1)}`);
      }
    }
  }
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, class: "nl-plot nl-network", role: "img",
    "aria-label": `The 2-3-2 network: inputs ${names[0].map((n, i) => `${n} = ${fixed(values[0][i], 2)}`).join(", ")}; hidden ${names[1].map((n, i) => `${n} = tanh(${fixed(Zs[0].data[i], 3)}) = ${fixed(values[1][i], 3)}`).join(", ")}; outputs ${names[2].map((n, i) => `${n} = ${fixed(values[2][i], 3)}`).join(", ")}. Line width is the size of a weight, blue positive, orange negative.` });
  for (let l = 0; l < 2; l++) {
    const Wl = net.weights[l];
    for (let i = 0; i < Wl.rows; i++) {
      for (let j = 0; j < Wl.cols; j++) {
        const w = Wl.data[i * Wl.cols + j];
        svg.append(svgEl("line", { x1: xs[l], y1: pos[l][i], x2: xs[l + 1], y2: pos[l + 1][j], stroke: w >= 0 ? COLORS.blue : COLORS.orange,
          "stroke-width": 0.5 + 5 * Math.min(1, Math.abs(w) / RANGES.weight), opacity: 0.85 }));
      }
    }
  }
  for (let l = 0; l < 3; l++) {
    pos[l].forEach((y, i) => {
      svg.append(svgEl("circle", { cx: xs[l], cy: y, r: 24, class: "nl-node", stroke: "currentColor", "stroke-width": 1.5 }));
      svg.append(svgEl("text", { x: xs[l], y: y - 4, "text-anchor": "middle", class: "nl-label" }, names[l][i]));
      svg.append(svgEl("text", { x: xs[l], y: y + 11, "text-anchor": "middle", class: "nl-tick", "data-value": String(values[l][i]), "data-layer": l, "data-unit": i }, fixed(values[l][i], l ? 3 : 2)));
      if (l > 0) {
        const b = net.biases[l - 1][i];
        svg.append(svgEl("text", { x: xs[l] + (l === 2 ? -34 : 0), y: y + (l === 2 ? -26 : -30), "text-anchor": "middle", class: "nl-tick" }, `z = ${fixed(Zs[l - 1].data[i], 3)}, b = ${fixed(b, 1)}`));
      }
    });
  }
  return svg;
}

function make(root) {
  const { controls, figure, status } = mount(root, "forward");
  root.insertBefore(figure, controls); // the figure first: on a phone it stays near the sliders
  const net = new MLP({ sizes: [2, 3, 2], activations: ["tanh", "softmax"], loss: "cross_entropy" });
  const make1 = (name, value, bound) => slider({ label: name, key: name, min: -bound, max: bound, step: 0.1, value, format: (v) => fixed(v, 1), onInput: () => redraw() });
  const xs = DEFAULT_X.map((v, i) => make1(`x${i + 1}`, v, RANGES.input));
  const ps = PARAM_NAMES.map((n, k) => make1(n, DEFAULT_THETA[k], n.startsWith("b") ? RANGES.bias : RANGES.weight));
  const group = (title, fields) => el("fieldset", { class: "nl-group" }, el("legend", { text: title }), ...fields.map((s) => s.field));
  controls.append(group("inputs", xs), group("W1, b1", ps.slice(0, 9)), group("W2, b2", ps.slice(9)));
  const redraw = () => {
    net.setFlat(ps.map((s) => s.value()));
    const x = matrix(1, 2, xs.map((s) => s.value()));
    const { Zs, As } = net.forwardCache(x);
    const p = As[2].data;
    const b = bars({ values: Array.from(p), labels: ["class 1", "class 2"], title: "softmax output", colors: [COLORS.blue, COLORS.orange],
      label: `softmax output: class 1 ${fixed(p[0], 3)}, class 2 ${fixed(p[1], 3)}` });
    b.classList.add("nl-narrow");
    figure.replaceChildren(diagram(net, As, Zs), b);
    status.textContent = `hidden a = (${Array.from(As[1].data, (v) => fixed(v, 3)).join(", ")}); output ŷ = (${fixed(p[0], 3)}, ${fixed(p[1], 3)})`;
    status.dataset.values = JSON.stringify({ Z: Zs.map((Z) => Array.from(Z.data)), A: As.slice(1).map((A) => Array.from(A.data)) });
  };
  redraw();
  return { redraw };
}

start("forward", make);
