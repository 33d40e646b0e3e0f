// The L2 widget of the chapter "Beyond plain gradient descent", live in the page: a slider over
// the seven values of lambda (nnlib.widgets.l2.l2_widget's). Training 1500 epochs per value
// is nnlib's work, done when the chapter runs: a data cell writes each trained network's
// parameters into the page as JSON (<script type="application/json" data-nnlib-data="l2">).
// Here nnlib.js's twin runs them: the decision regions (gridMaps, scores), the training and
// test accuracy (predict) and the sum of squared weights of the notebook widget's title.
import { MLP, fromRows, gridBox, gridPoints, gridMaps, scores, formatG } from "../nnlib.js";
import { mount, slider, el, key, fixed, start, COLORS } from "./ui.js";

const RES = 80, SIZE = 320;
const CLASS = [COLORS.orange, COLORS.blue];
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function make(root) {
  const blob = document.querySelector('script[type="application/json"][data-nnlib-data="l2"]');
  if (!blob) throw new Error("the networks nnlib trained for this page are missing (the chapter's data cell has not run)");
  const data = JSON.parse(blob.textContent);
  const { controls, figure, status } = mount(root, "l2");
  const X = fromRows(data.X), Xt = fromRows(data.X_test);
  const all = fromRows([...data.X, ...data.X_test]);
  const box = gridBox(all, 0.25), G = gridPoints(box, RES);
  const net = new MLP({ sizes: data.sizes, activations: ["tanh", "tanh", "sigmoid"], loss: "binary_cross_entropy" });
  const lam = slider({ label: "λ", key: "lambda", min: 0, max: data.lambdas.length - 1, step: 1,
    value: Math.max(0, data.lambdas.indexOf(Number(root.dataset.lambda ?? 0))), format: (i) => formatG(data.lambdas[i], 6), onInput: () => redraw() });
  controls.append(lam.field);
  const accuracy = (Xm, y) => { const p = net.predict(Xm); let ok = 0; y.forEach((v, i) => { ok += Number(p[i] ?? p.data?.[i]) === v ? 1 : 0; }); return ok / y.length; };
  // One forward pass of the 2-40-40-1 network over the grid takes about 25 ms: each lambda's
  // picture and numbers are computed once, the first on mount, the others when the page is idle,
  // so that a move of the slider only shows what is ready (or computes it then, once).
  const cache = new Map();
  const compute = (k) => {
    if (cache.has(k)) return cache.get(k);
    net.setFlat(data.theta[k]);
    const S = scores(gridMaps(net, G).output, 2);
    const img = new ImageData(RES, RES);
    const c0 = rgb(CLASS[0]), c1 = rgb(CLASS[1]);
    for (let i = 0; i < RES; i++) {
      for (let j = 0; j < RES; j++) {
        const g = i * RES + j, s1 = S.data[2 * g + 1], o = 4 * ((RES - 1 - i) * RES + j); // row 0 is the bottom
        for (let c = 0; c < 3; c++) img.data[o + c] = Math.round(255 + (((1 - s1) * c0[c] + s1 * c1[c]) - 255) * 0.35);
        img.data[o + 3] = 255;
      }
    }
    let sw = 0;
    for (const W of net.weights) for (const v of W.data) sw += v * v;
    const r = { img, train: accuracy(X, data.y), test: accuracy(Xt, data.y_test), sw };
    cache.set(k, r);
    return r;
  };
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 50));
  const warm = (k) => { if (k < data.lambdas.length) idle(() => { compute(k); warm(k + 1); }); };
  const redraw = () => {
    const k = lam.value(), l = data.lambdas[k];
    const { img, train, test, sw } = compute(k);
    const canvas = el("canvas", { width: RES, height: RES, class: "nl-regions", role: "img" });
    canvas.getContext("2d").putImageData(img, 0, 0);
    const wrap = el("div", { class: "nl-regions-wrap", style: `width:${SIZE}px;max-width:100%` }, canvas);
    const svgNS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", `0 0 ${SIZE} ${SIZE}`);
    svg.setAttribute("class", "nl-regions-points");
    svg.setAttribute("aria-hidden", "true");
    const px = (x, y) => [((x - box.x0) / (box.x1 - box.x0)) * SIZE, (1 - (y - box.y0) / (box.y1 - box.y0)) * SIZE];
    const dot = (x, y, label, filled) => {
      const [cx, cy] = px(x, y), c = document.createElementNS(svgNS, "circle");
      c.setAttribute("cx", cx); c.setAttribute("cy", cy); c.setAttribute("r", filled ? 5 : 3.5);
      c.setAttribute("fill", filled ? CLASS[label] : "none"); c.setAttribute("stroke", filled ? "#000" : CLASS[label]); c.setAttribute("stroke-width", filled ? 0.8 : 1.4);
      svg.append(c);
    };
    data.X_test.forEach(([x, y], i) => dot(x, y, data.y_test[i], false));
    data.X.forEach(([x, y], i) => dot(x, y, data.y[i], true));
    wrap.append(svg);
    const pct = (v) => `${Math.round(v * 100)}%`;
    const title = `λ = ${formatG(l, 6)}\ntrain ${pct(train)}, test ${pct(test)}, ΣW² = ${sw.toFixed(0)}`;
    canvas.setAttribute("aria-label", `Decision regions of the network trained with λ = ${formatG(l, 6)} (orange: class 0, blue: class 1), with the 20 training points filled and 100 test points as rings; training accuracy ${pct(train)}, test accuracy ${pct(test)}, sum of squared weights ${sw.toFixed(0)}.`);
    const [head, tail] = title.split("\n");
    figure.replaceChildren(el("div", {}, el("p", { class: "nl-note nl-title-text" }, el("strong", { text: head }), el("br"), tail), wrap,
      el("p", { class: "nl-note" }, key(CLASS[0], "class 0"), key(CLASS[1], "class 1"), " filled: training points, rings: test points")));
    status.textContent = `${head}: ${tail}`;
    status.dataset.values = JSON.stringify({ lambda: l, train, test, sum_w2: sw, title });
  };
  redraw();
  warm(0);
  return { redraw };
}

start("l2", make);
