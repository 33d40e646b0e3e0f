// The two widgets of the chapter "Nonlinearity and activation functions", live in the page:
// the scaled sigmoid c sigma(beta z) with sliders for c and beta, and leaky ReLU with a slider
// for its slope (nnlib.widgets.activations' ranges and steps), each drawn with its derivative
// on nnlib.experiments.activations.GRID, computed by nnlib.js's scaledSigmoidCurves and
// leakyReluCurves (the twins of scaled_sigmoid_curves and leaky_relu_curves).
import { scaledSigmoidCurves, leakyReluCurves, linspace } from "../nnlib.js";
import { mount, slider, plot, fixed, start, COLORS } from "./ui.js";

export const GRID = [-6.0, 6.0, 241]; // nnlib.experiments.activations.GRID = np.linspace(-6, 6, 241)
export const C_RANGE = [0.5, 3.0], BETA_RANGE = [0.25, 5.0], SLOPE_RANGE = [0.0, 1.0];

function curvesWidget(root, name, sliders, compute, fylim, dylim, describe) {
  const { controls, figure, status } = mount(root, name);
  const z = linspace(...GRID);
  const made = sliders.map((s) => slider({ ...s, format: (v) => fixed(v, 2), onInput: () => redraw() }));
  made.forEach((s) => controls.append(s.field));
  const redraw = () => {
    const values = made.map((s) => s.value());
    const [f, df] = compute(z, ...values);
    const { title, ftext, dtext } = describe(values, f, df);
    const common = { width: 300, height: 220, xlim: [GRID[0], GRID[1]], xlabel: "z", hlines: [{ y: 0 }], vlines: [{ x: 0 }] };
    figure.replaceChildren(
      plot({ ...common, ylim: fylim, title: `${title}(z)`, series: [{ x: z, y: f, color: COLORS.blue }], label: `${title}(z) for z from −6 to 6: ${ftext}` }),
      plot({ ...common, ylim: dylim, title: `${title}′(z)`, series: [{ x: z, y: df, color: COLORS.orange }], label: `its derivative: ${dtext}` }));
    status.textContent = `${made.map((s, k) => `${sliders[k].label} = ${fixed(values[k], 2)}`).join(", ")}: ${ftext}; ${dtext}`;
    status.dataset.values = JSON.stringify({ f: Array.from(f), df: Array.from(df) });
  };
  redraw();
  return { redraw };
}

const at = (z, v, x) => v[Array.from(z).findIndex((t) => Math.abs(t - x) < 1e-9)];

start("scaled-sigmoid", (root) => curvesWidget(root, "scaled-sigmoid",
  [{ label: "c", key: "c", min: C_RANGE[0], max: C_RANGE[1], step: 0.25, value: Number(root.dataset.c ?? 1) },
    { label: "β", key: "beta", min: BETA_RANGE[0], max: BETA_RANGE[1], step: 0.25, value: Number(root.dataset.beta ?? 1) }],
  (z, c, beta) => { const r = scaledSigmoidCurves(z, c, beta); return [r.y, r.dy]; },
  [-0.1, C_RANGE[1] * 1.05], [-0.1, (C_RANGE[1] * BETA_RANGE[1] / 4) * 1.05],
  ([c, beta], f, df) => {
    const z = linspace(...GRID);
    return { title: "scaled sigmoid", ftext: `height c = ${fixed(c, 2)}, value at 0 is ${fixed(at(z, f, 0), 4)}`, dtext: `slope at 0 is cβ/4 = ${fixed(at(z, df, 0), 4)}` };
  }));

start("leaky-relu", (root) => curvesWidget(root, "leaky-relu",
  [{ label: "slope", key: "slope", min: SLOPE_RANGE[0], max: SLOPE_RANGE[1], step: 0.05, value: Number(root.dataset.slope ?? 0.1) }],
  (z, slope) => { const r = leakyReluCurves(z, slope); return [r.a, r.da]; },
  [-6.5, 6.5], [-0.1, 1.1],
  ([slope], f, df) => ({ title: "leaky ReLU", ftext: `value at z = −6 is ${fixed(f[0], 4)}`, dtext: `derivative ${fixed(df[0], 2)} for z < 0 and ${fixed(df[df.length - 1], 2)} for z ≥ 0` })));
