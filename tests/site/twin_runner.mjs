// Runs the JavaScript twin of nnlib (book_assets/twin/nnlib.js) on the fixtures that
// tests/site/test_twin.py wrote with nnlib, and writes what the twin computes; the Python test
// compares. One process for every case, so the test is fast.
//
//   node tests/site/twin_runner.mjs TWIN_MODULE FIXTURES_JSON RESULTS_JSON
//
// Matrices travel as {shape: [rows, cols], data: [...]} (row-major); non-finite numbers as the
// strings "NaN", "Infinity", "-Infinity". An exception in one case is recorded as that case's
// {error} (the test counts it as a failure) and the other cases still run.

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [modulePath, fixturesPath, resultsPath] = process.argv.slice(2);
if (!resultsPath) {
  console.error("usage: node twin_runner.mjs TWIN_MODULE FIXTURES_JSON RESULTS_JSON");
  process.exit(2);
}
const twin = await import(pathToFileURL(resolve(modulePath)).href);

const mat = (m) => twin.matrix(m.shape[0], m.shape[1], m.data);
const masksOf = (ms) => (ms ? ms.map(mat) : null);
const out = (M) => ({ shape: [M.rows, M.cols], data: Array.from(M.data) });
const vec = (v) => Array.from(v);

function network(c) {
  const net = new twin.MLP({ sizes: c.sizes, activations: c.activations, loss: c.loss });
  net.setFlat(c.theta);
  return net;
}

const RUN = {
  // forward pass, loss, gradients and predictions of one network on one batch
  pass(c) {
    const net = network(c);
    const X = mat(c.X), Y = mat(c.Y), masks = masksOf(c.masks);
    const cache = net.forwardCache(X, masks);
    const r = {
      Zs: cache.Zs.map(out),
      As: cache.As.slice(1).map(out),
      grad: vec(net.backward(cache, Y, { l2: c.l2, nTrain: c.n_train, masks }).flat),
    };
    r.loss = net.loss(X, Y, { l2: c.l2, nTrain: c.n_train, masks });
    if (!masks) {
      const p = net.predict(X);
      r.predict = p.rows === undefined ? vec(p) : out(p);
    }
    return r;
  },
  // a sequence of steps (momentum kept between them)
  steps(c) {
    const net = network(c);
    const X = mat(c.X), Y = mat(c.Y);
    const losses = c.calls.map((s) => net.step(X, Y, { lr: s.lr, l2: s.l2, momentum: s.momentum }));
    return { losses, theta: vec(net.getFlat()) };
  },
  // a sequence of fit calls on one network: the trajectory
  fit(c) {
    const net = network(c);
    const X = mat(c.X), Y = mat(c.Y);
    const calls = c.calls.map((f) => {
      const thetas = {};
      const h = twin.fit(net, X, Y, {
        lr: f.lr, epochs: f.epochs, batchSize: f.batch_size, momentum: f.momentum, l2: f.l2,
        orders: f.orders, keepVelocity: f.keep_velocity, referenceLoss: f.reference_loss,
        masks: f.masks ? f.masks.map((epoch) => epoch.map(masksOf)) : null,
        callback: (epoch, loss, n) => { if (f.record.includes(epoch)) thetas[epoch] = vec(n.getFlat()); },
      });
      return {
        losses: h.losses, diverged: h.diverged, diverged_epoch: h.divergedEpoch,
        reference_loss: h.referenceLoss, thetas, theta: vec(net.getFlat()),
      };
    });
    return { calls };
  },
  // what the page draws: the grid, the outputs, the hidden units' maps, the class scores
  grid(c) {
    const net = network(c);
    const box = twin.gridBox(mat(c.X), c.margin);
    const G = twin.gridPoints(box, c.resolution);
    const { output, hidden } = twin.gridMaps(net, G);
    return {
      box: [box.x0, box.x1, box.y0, box.y1], G: out(G), output: out(output), hidden: hidden.map(out),
      scores: out(twin.scores(output, c.n_classes)),
    };
  },
  // nnlib's initial standard deviations
  init(c) {
    return { stds: c.layers.map(([act, nIn, nOut]) => twin.initStd(act, nIn, nOut, c.init)) };
  },
};

// The chapters' live widgets (book_assets/twin/widgets/): their pure computations.
const arr = (a) => (a === null ? null : Array.from(a));
const WIDGET = {
  softmax_jacobian: (c) => { const { s, J } = twin.softmaxJacobian(c.z); return { s: arr(s), J: out(J) }; },
  scaled_sigmoid: (c) => { const { y, dy } = twin.scaledSigmoidCurves(twin.linspace(...c.grid), c.c, c.beta); return { y: arr(y), dy: arr(dy) }; },
  leaky_relu: (c) => { const { a, da } = twin.leakyReluCurves(twin.linspace(...c.grid), c.slope); return { a: arr(a), da: arr(da) }; },
  bias: (c) => { const r = twin.biasCurve(c.w, c.b, twin.linspace(...c.grid)); return { y: arr(r.y), at_zero: r.atZero, crossing: r.crossing }; },
  descent: (c) => {
    const { thetas, title } = twin.descentTitle(c.loss, c.lr, c.theta0, c.momentum, c.steps);
    return { thetas: arr(thetas), title, regime: c.curvature ? twin.quadraticRegime(c.lr, c.curvature) : null };
  },
  loss_1d: (c) => { const L = twin.LOSSES_1D[c.loss]; const g = twin.linspace(...c.grid); return { f: arr(g.map(L.f)), df: arr(g.map(L.df)), xlim: L.xlim, start: L.start }; },
  ravine: (c) => {
    const path = twin.descendRavine(twin.RAVINE_START, c.lr, c.momentum, c.steps);
    return { path: { shape: [path.length, 2], data: path.flat() }, label: twin.ravineLabel(path) };
  },
  forward: (c) => {
    const net = network(c);
    const { Zs, As } = net.forwardCache(mat(c.X));
    return { Z: Zs.map(out), A: As.slice(1).map(out) };
  },
};
RUN.widget = (c) => WIDGET[c.widget](c);

// The page's own draws (not NumPy's, so not comparable number by number): their properties.
RUN.draws = (c) => {
  const r = twin.rng(c.seed);
  const u = Array.from({ length: c.n }, () => r.random());
  const z = Array.from({ length: c.n }, () => r.normal());
  const net = new twin.MLP({ sizes: [2, 50, 40, 1], activations: ["tanh", "tanh", "identity"], loss: "mse" });
  const masks = twin.dropoutMasks(net, 100, c.p, r);
  const values = new Set(masks.flatMap((m) => Array.from(m.data)));
  const kept = masks.reduce((k, m) => k + m.data.filter((v) => v > 0).length, 0) / (100 * 90);
  net.initialize(r);
  return {
    u_min: Math.min(...u), u_max: Math.max(...u), u_mean: u.reduce((a, b) => a + b) / c.n,
    z_mean: z.reduce((a, b) => a + b) / c.n, z_var: z.reduce((a, b) => a + b * b, 0) / c.n,
    permutation: r.permutation(c.n), mask_shapes: masks.map((m) => [m.rows, m.cols]),
    mask_values: [...values].sort((a, b) => a - b), kept,
    W1_std: Math.sqrt(net.weights[0].data.reduce((a, b) => a + b * b, 0) / 100),
    W2_std: Math.sqrt(net.weights[1].data.reduce((a, b) => a + b * b, 0) / 2000),
    biases_zero: net.biases.every((b) => b.every((v) => v === 0)),
  };
};

// Bad input: each call must throw before anything changes; the test checks the messages.
const BAD = {
  sizes: () => new twin.MLP({ sizes: [2, 0, 1], activations: ["tanh", "identity"], loss: "mse" }),
  activation: () => new twin.MLP({ sizes: [2, 3, 1], activations: ["tanhh", "identity"], loss: "mse" }),
  loss: () => new twin.MLP({ sizes: [2, 3, 1], activations: ["tanh", "identity"], loss: "hinge" }),
  pair: () => new twin.MLP({ sizes: [2, 3, 2], activations: ["tanh", "identity"], loss: "cross_entropy" }),
  hidden_softmax: () => new twin.MLP({ sizes: [2, 3, 2], activations: ["softmax", "softmax"], loss: "cross_entropy" }),
  setflat_nan: (net) => net.setFlat(Array.from(net.getFlat(), (v, i) => (i === 3 ? NaN : v + 1))),
  setflat_length: (net) => net.setFlat([1, 2, 3]),
  X_shape: (net, X, Y) => twin.fit(net, twin.matrix(X.rows, 3), Y, { lr: 0.1, epochs: 1 }),
  Y_nan: (net, X, Y) => { const Z = twin.matrix(Y.rows, Y.cols, Y.data.slice()); Z.data[4] = NaN; twin.fit(net, X, Z, { lr: 0.1, epochs: 1 }); },
  targets: (net, X, Y) => twin.fit(net, X, twin.matrix(Y.rows, Y.cols, Y.data.map((v) => 2 * v)), { lr: 0.1, epochs: 1 }),
  lr: (net, X, Y) => twin.fit(net, X, Y, { lr: 0, epochs: 1 }),
  momentum: (net, X, Y) => twin.fit(net, X, Y, { lr: 0.1, epochs: 1, momentum: 1 }),
  batch_size: (net, X, Y) => twin.fit(net, X, Y, { lr: 0.1, epochs: 1, batchSize: 0 }),
  orders: (net, X, Y) => twin.fit(net, X, Y, { lr: 0.1, epochs: 2, batchSize: 2, orders: [[0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 4]] }),
  masks: (net, X, Y) => twin.fit(net, X, Y, { lr: 0.1, epochs: 2, masks: [[[twin.matrix(6, 3)]], [[twin.matrix(5, 3)]]] }),
  step_lr: (net, X, Y) => net.step(X, Y, { lr: NaN }),
  resolution: () => twin.gridPoints({ x0: 0, x1: 1, y0: 0, y1: 1 }, 1),
};
RUN.errors = (c) => {
  const out = {};
  for (const name of c.names) {
    const net = network(c);
    const X = mat(c.X), Y = mat(c.Y);
    net.velocity = new Float64Array(net.nParams).fill(0.5);
    const before = net.getFlat();
    let message = null;
    try { BAD[name](net, X, Y); } catch (e) { message = e.message; }
    const unchanged = net.getFlat().every((v, i) => Object.is(v, before[i])) && net.velocity.every((v) => v === 0.5);
    out[name] = { message, unchanged };
  }
  return out;
};

const fixtures = JSON.parse(readFileSync(fixturesPath, "utf8"));
const results = {};
for (const c of fixtures.cases) {
  try {
    results[c.id] = RUN[c.kind](c);
  } catch (e) {
    results[c.id] = { error: `${e.name}: ${e.message}` };
  }
}
const finite = (k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v);
writeFileSync(resultsPath, JSON.stringify(results, finite));
