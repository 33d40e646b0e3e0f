// "Nudge one weight", the backward-pass widget of the chapter "Backprop in matrix form", live in
// the page: a menu of the chapter's 2-3-2 network's 17 weights and biases and a slider for the
// nudge Δw. It recomputes the loss J(w + Δw) with nnlib.js's MLP.loss (the forward pass run
// again) and sets the change ΔJ beside backprop's prediction ∂J/∂w·Δw, with ∂J/∂w from
// nnlib.js's MLP.gradients: the twin of nnlib.experiments.backward.nudge, drawn as
// nnlib.plot.backward.draw_nudge draws it (the curve, its tangent, the two changes).
// tests/site/test_live_backward.py compares every number with nnlib's.
import { DW_RANGE, DW_STEP, PARAMETER_LABELS, PARAMETER_NAMES, nudge, nudgeTitle, sliderGrid } from "./backward.js";
import { mount, slider, select, plot, el, num, key, fixed, start, COLORS } from "./ui.js";

function make(root) {
  const { controls, figure, status } = mount(root, "nudge");
  const grid = sliderGrid(DW_RANGE, DW_STEP);
  const menu = select({ label: "parameter", key: "name", options: PARAMETER_NAMES.map((n, k) => [n, PARAMETER_LABELS[k]]),
    value: root.dataset.name || "W2_11", onChange: () => redraw() });
  const dw = slider({ label: "nudge Δw", key: "dw", min: DW_RANGE[0], max: DW_RANGE[1], step: DW_STEP,
    value: Number(root.dataset.dw ?? 0.5), format: (v) => fixed(v, 2), onInput: () => redraw() });
  controls.append(menu.field, dw.field);
  const redraw = () => {
    const r = nudge(menu.value(), dw.value(), grid);
    const title = nudgeTitle(r), [head, numbers] = title.split("\n");
    const predicted = r.J0 + r.linear;
    const lo = Math.min(...r.curve, predicted), hi = Math.max(...r.curve, predicted), pad = Math.max(0.08 * (hi - lo), 0.02);
    const tangent = grid.map((d) => r.J0 + r.grad * d);
    const svg = plot({ width: 340, height: 230, xlim: DW_RANGE, ylim: [lo - pad, hi + pad], xlabel: "Δw, the nudge", ylabel: "loss J",
      vlines: [{ x: 0 }],
      series: [{ x: grid, y: r.curve, color: COLORS.blue, width: 2.2 },
        { x: grid, y: tangent, color: COLORS.orange, width: 1.6, dash: "6 4" },
        { x: [r.dw, r.dw], y: [predicted, r.J1], color: "currentColor", width: 2.5 }],
      points: [{ x: 0, y: r.J0, color: "currentColor", r: 3.5 }, { x: r.dw, y: r.J1, color: COLORS.blue, r: 4.5 },
        { x: r.dw, y: predicted, color: COLORS.orange, r: 4 }],
      label: `The loss J as the parameter ${head}: the blue curve is J recomputed at every nudge from ${fixed(DW_RANGE[0], 0)} to ${fixed(DW_RANGE[1], 0)}, the dashed orange line its tangent at Δw = 0 with slope ∂J/∂w = ${fixed(r.grad, 4)} from backprop. At the chosen nudge, ${numbers}.` });
    const row = (text, x, d, cls) => el("tr", {}, el("th", { scope: "row", text }), el("td", {}, num(x, d, "span", { class: cls })));
    const table = el("table", { class: "nl-table" },
      el("tbody", {},
        row("loss J(w), before", r.J0, 4, "nl-J0"),
        row("ΔJ, the loss recomputed", r.dJ, 4, "nl-dJ"),
        row("∂J/∂w from backprop", r.grad, 4, "nl-grad"),
        row("∂J/∂w · Δw, its prediction", r.linear, 4, "nl-linear"),
        row("difference", r.gap, 4, "nl-gap")));
    const keys = el("p", { class: "nl-note" }, key(COLORS.blue, "J(w + Δw), recomputed"), key(COLORS.orange, "tangent J(w) + ∂J/∂w·Δw (backprop)"));
    figure.replaceChildren(el("div", {}, el("p", { class: "nl-note nl-title-text" }, el("strong", { text: head }), el("br"), el("span", { text: numbers })), svg, keys, table));
    status.textContent = `${head}: ΔJ = ${fixed(r.dJ, 4)} recomputed, ∂J/∂w·Δw = ${fixed(r.linear, 4)} from backprop, difference ${fixed(r.gap, 4)}`;
    status.dataset.values = JSON.stringify(r);
    status.dataset.title = title;
  };
  redraw();
  return { redraw };
}

start("nudge", make);
