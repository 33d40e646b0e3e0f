// The initialisation widget of the chapter "Beyond plain gradient descent", live in the page: a
// gain slider (nnlib.widgets.init.init_widget's log scale: 10^(-1 + 0.02 k) up to 3) and the
// activation; the spread of the activations and of the weight gradients, layer by layer, of a
// fresh 10-layer network of width 100 on 300 samples. The weights are NumPy's random draws, so
// nnlib computes the statistics for every position when the chapter runs (a data cell writes
// them into the page as JSON: <script type="application/json" data-nnlib-data="init">).
import { mount, slider, select, plot, fixed, start, COLORS } from "./ui.js";

function make(root) {
  const blob = document.querySelector('script[type="application/json"][data-nnlib-data="init"]');
  if (!blob) throw new Error("the statistics nnlib computed for this page are missing (the chapter's data cell has not run)");
  const data = JSON.parse(blob.textContent);
  const { controls, figure, status } = mount(root, "init");
  const g0 = Number(root.dataset.gain ?? 1);
  const nearest = data.gains.reduce((b, g, i) => (Math.abs(Math.log(g / g0)) < Math.abs(Math.log(data.gains[b] / g0)) ? i : b), 0);
  const gain = slider({ label: "gain g", key: "gain", min: 0, max: data.gains.length - 1, step: 1, value: nearest, format: (i) => fixed(data.gains[i], 2), onInput: () => redraw() });
  const act = select({ label: "activation", key: "activation", options: [["tanh", "tanh"], ["relu", "relu"]], value: "tanh", onChange: () => redraw() });
  controls.append(gain.field, act.field);
  const layers = Array.from({ length: 10 }, (_, k) => k + 1);
  const redraw = () => {
    const g = data.gains[gain.value()], a = act.value();
    const [actStd, gradStd] = data.stats[a][gain.value()];
    const top = Math.max(1.05, 1.1 * Math.max(...actStd.filter(Number.isFinite)));
    const logs = gradStd.map((v) => Math.log10(Math.max(v, 1e-30)));
    const lo = Math.floor(Math.min(...logs)), hi = Math.max(Math.ceil(Math.max(...logs)), lo + 2);
    const name = `${a}, g = ${fixed(g, 2)}`;
    const common = { width: 300, height: 230, xlim: [0.5, 10.5], xlabel: "layer l" };
    const pts = (ys, color) => layers.map((l, k) => ({ x: l, y: ys[k], color, r: 3.5 }));
    figure.replaceChildren(
      plot({ ...common, ylim: [0, top], ylabel: "std of activations", title: name, series: [{ x: layers, y: actStd, color: COLORS.blue }], points: pts(actStd, COLORS.blue),
        label: `${name}: std of the activations in layers 1 to 10: ${actStd.map((v) => fixed(v, 2)).join(", ")}` }),
      plot({ ...common, ylim: [lo, hi], ylabel: "log10 std of ∂J/∂W", title: name, series: [{ x: layers, y: logs, color: COLORS.orange }], points: pts(logs, COLORS.orange),
        label: `${name}: std of the weight gradients in layers 1 to 10: ${gradStd.map((v) => v.toExponential(1)).join(", ")}` }));
    status.textContent = `${name}: activation std from ${fixed(actStd[0], 2)} in layer 1 to ${fixed(actStd[9], 2)} in layer 10; gradient std from ${gradStd[0].toExponential(1)} to ${gradStd[9].toExponential(1)}`;
    status.dataset.values = JSON.stringify({ gain: g, act_std: actStd, grad_std: gradStd });
  };
  redraw();
  return { redraw };
}

start("init", make);
