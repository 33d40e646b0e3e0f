// The gradient-descent widget of the chapter "Gradient descent", live in the page: loss,
// learning rate (nnlib.widgets.descent.LR_STOPS), start and momentum, wired to nnlib.js's
// descentTitle / descend1d (the twins of nnlib.experiments.descent.descend_1d and the widget's
// title, DescentArtists.update), drawn as the loss curve and the path of the iterates.
import { LOSSES_1D, descentTitle, linspace } from "../nnlib.js";
import { mount, slider, select, plot, el, fixed, start, COLORS } from "./ui.js";

// nnlib.widgets.descent.LR_STOPS (the page test compares the two lists)
export const LR_STOPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0, 1.1,
  1.3, 1.5, 1.7, 1.9, 2.0, 2.1, 2.3, 2.5, 3.0];

const nearestStop = (lr) => LR_STOPS.reduce((best, s, i) => (Math.abs(Math.log10(s) - Math.log10(lr)) < Math.abs(Math.log10(LR_STOPS[best]) - Math.log10(lr)) ? i : best), 0);

// viridis at a few stops: the colour of iterate k of `steps`
const VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
function viridis(t) {
  const x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1), i = Math.min(Math.floor(x), VIRIDIS.length - 2), f = x - i;
  const c = VIRIDIS[i].map((a, k) => Math.round(a + (VIRIDIS[i + 1][k] - a) * f));
  return `rgb(${c.join(",")})`;
}

function make(root) {
  const steps = Number(root.dataset.steps || 20);
  let loss = LOSSES_1D[root.dataset.loss || "quadratic"];
  if (!loss) throw new Error(`unknown loss ${root.dataset.loss}; valid: ${Object.keys(LOSSES_1D).join(", ")}`);
  const { controls, figure, status } = mount(root, "descent");
  const lossSel = select({ label: "loss", key: "loss", options: Object.keys(LOSSES_1D).map((k) => [k, k]), value: loss.name, onChange: (v) => newLoss(v) });
  const lr = slider({ label: "learning rate η", key: "lr", min: 0, max: LR_STOPS.length - 1, step: 1, value: nearestStop(Number(root.dataset.lr || 0.3)),
    format: (i) => String(LR_STOPS[i]), onInput: () => redraw() });
  const startS = slider({ label: "start θ₀", key: "start", min: loss.xlim[0], max: loss.xlim[1], step: 0.05, value: loss.start, format: (v) => fixed(v, 2), onInput: () => redraw() });
  const mom = slider({ label: "momentum μ", key: "momentum", min: 0, max: 0.95, step: 0.05, value: 0, format: (v) => fixed(v, 2), onInput: () => redraw() });
  controls.append(lossSel.field, lr.field, startS.field, mom.field);
  let grid, curve, ylim;
  const setLoss = () => {
    grid = linspace(loss.xlim[0], loss.xlim[1], 400);
    curve = grid.map(loss.f);
    const lo = Math.min(...curve), hi = Math.max(...curve), pad = 0.08 * (hi - lo);
    ylim = [lo - pad, hi + pad];
  };
  const newLoss = (name) => {
    loss = LOSSES_1D[name];
    startS.input.min = loss.xlim[0];
    startS.input.max = loss.xlim[1];
    startS.set(loss.start);
    setLoss();
    redraw();
  };
  const redraw = () => {
    const eta = LR_STOPS[lr.value()], theta0 = startS.value(), mu = mom.value();
    const { thetas, title } = descentTitle(loss, eta, theta0, mu, steps);
    const t = Array.from(thetas).filter(Number.isFinite), y = t.map(loss.f);
    const [head, outcome] = title.split("\n");
    const svg = plot({ width: 560, height: 270, xlim: loss.xlim, ylim, xlabel: "θ", ylabel: `J(θ)`,
      series: [{ x: grid, y: curve, color: "currentColor", width: 1.5, opacity: 0.75 }, { x: t, y, color: COLORS.orange, width: 1.2 }],
      points: t.map((x, k) => ({ x, y: y[k], color: viridis(k / steps), r: 4.5, stroke: "currentColor" })),
      label: `Loss curve J(θ) = ${loss.name} with the path of ${t.length - 1} gradient-descent steps from θ₀ = ${fixed(theta0, 2)}. ${head}. ${outcome}.` });
    svg.classList.add("nl-wide");
    const caption = el("p", { class: "nl-note nl-title-text" }, el("strong", { text: head }), el("br"), el("span", { class: "nl-outcome", text: outcome }));
    figure.replaceChildren(el("div", { class: "nl-descent" }, caption, svg));
    status.textContent = `${head}; ${outcome}`;
    status.dataset.thetas = JSON.stringify(Array.from(thetas, (v) => (Number.isFinite(v) ? v : null)));
    status.dataset.title = title;
  };
  setLoss();
  redraw();
  return { redraw };
}

start("descent", make);
