// "Cross-entropy against MSE, with respect to the logit", the backward-pass widget of the
// chapter "Loss functions", live in the page. One sample, K classes, the true class's logit z
// (slider) and the others 0: the softmax probability p of the true class, the two losses
// (nnlib.js's lossFromLogits) and their slopes ∂J/∂z, the first entry of the output delta as
// nnlib.losses.output_delta computes it: the fused (ŷ - y)/N for softmax + cross-entropy, and for
// MSE the loss gradient (LOSSES.mse.grad) sent back through the softmax
// (ACTIVATIONS.softmax.backward). The twin of nnlib.experiments.backward.logit_gradients,
// drawn as nnlib.plot.backward.draw_logit_gradients draws it.
// tests/site/test_live_backward.py compares every number with nnlib's.
import { CLASS_COUNTS, LOGIT_RANGE, LOGIT_STEP, logitCurves, logitGradients, logitTitle, sliderGrid } from "./backward.js";
import { mount, slider, select, plot, el, num, key, fixed, start, COLORS } from "./ui.js";

function make(root) {
  const { controls, figure, status } = mount(root, "logit-gradients");
  const grid = sliderGrid(LOGIT_RANGE, LOGIT_STEP);
  const z = slider({ label: "logit z of the true class", key: "z", min: LOGIT_RANGE[0], max: LOGIT_RANGE[1], step: LOGIT_STEP,
    value: Number(root.dataset.z ?? -3), format: (v) => fixed(v, 1), onInput: () => redraw() });
  const classes = select({ label: "classes K", key: "n_classes", options: CLASS_COUNTS.map((k) => [k, String(k)]),
    value: Number(root.dataset.classes ?? 2), onChange: () => { curves = logitCurves(Number(classes.value()), grid); redraw(); } });
  controls.append(z.field, classes.field);
  let curves = logitCurves(Number(classes.value()), grid);
  const redraw = () => {
    const K = Number(classes.value()), r = logitGradients(z.value(), K);
    const ceMax = Math.max(...curves.ce);
    const common = { width: 300, height: 230, xlim: LOGIT_RANGE, xlabel: "z, the true class's logit", vlines: [{ x: 0 }] };
    const left = plot({ ...common, ylim: [-0.05 * ceMax, 1.05 * ceMax], ylabel: "loss J", title: "the losses",
      series: [{ x: grid, y: curves.ce, color: COLORS.blue }, { x: grid, y: curves.mse, color: COLORS.orange, dash: "6 4" }],
      points: [{ x: r.z, y: r.ce, color: COLORS.blue }, { x: r.z, y: r.mse, color: COLORS.orange }],
      label: `The two losses against the true class's logit z from −6 to 6, ${K} classes: cross-entropy −ln p falls from ${fixed(curves.ce[0], 2)} to ${fixed(curves.ce.at(-1), 3)}; MSE stays below ${fixed(Math.max(...curves.mse), 2)}. At z = ${fixed(r.z, 1)}: cross-entropy ${fixed(r.ce, 4)}, MSE ${fixed(r.mse, 4)}.` });
    const right = plot({ ...common, ylim: [-1.08, 0.08], ylabel: "∂J/∂z", title: "their slopes ∂J/∂z", hlines: [{ y: 0 }, { y: -1, dash: "2 3" }],
      series: [{ x: grid, y: curves.dce, color: COLORS.blue }, { x: grid, y: curves.dmse, color: COLORS.orange, dash: "6 4" }],
      points: [{ x: r.z, y: r.dce, color: COLORS.blue }, { x: r.z, y: r.dmse, color: COLORS.orange }],
      label: `Their slopes with respect to z: cross-entropy's p − 1 runs from −1 (wrong) to 0 (right); MSE's ${K === 2 ? "−2p(1 − p)²" : `−${K}/${K - 1}·p(1 − p)²`} is near 0 at both ends, largest in size ${fixed(-Math.min(...curves.dmse), 3)}. At z = ${fixed(r.z, 1)}: ${fixed(r.dce, 4)} and ${fixed(r.dmse, 4)}.` });
    const mseSlope = K === 2 ? "−2p(1 − p)²" : `−${K}/${K - 1}·p(1 − p)²`;
    const keys = el("p", { class: "nl-note" }, key(COLORS.blue, "cross-entropy: −ln p, slope p − 1"), key(COLORS.orange, `MSE: ½Σ(ŷ − y)², slope ${mseSlope}`));
    const row = (text, x, cls) => el("td", {}, num(x, 4, "span", { class: cls }));
    const table = el("table", { class: "nl-table" },
      el("caption", {}, "p = ", num(r.p, 4, "span", { class: "nl-p" }), ", the true class's probability"),
      el("thead", {}, el("tr", {}, el("th", { text: "" }), el("th", { scope: "col", text: "loss J" }), el("th", { scope: "col", text: "∂J/∂z" }))),
      el("tbody", {},
        el("tr", {}, el("th", { scope: "row", text: "cross-entropy" }), row("", r.ce, "nl-ce"), row("", r.dce, "nl-dce")),
        el("tr", {}, el("th", { scope: "row", text: "MSE" }), row("", r.mse, "nl-mse"), row("", r.dmse, "nl-dmse"))));
    figure.replaceChildren(left, right, el("div", {}, keys, table));
    status.textContent = logitTitle(r);
    status.dataset.values = JSON.stringify(r);
    status.dataset.curves = JSON.stringify(curves);
  };
  redraw();
  return { redraw };
}

start("logit-gradients", make);
