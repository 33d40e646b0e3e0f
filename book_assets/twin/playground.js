// The live playground of the book's website: nnlib's Playground (nnlib/widgets/playground.py)
// running in the reader's browser, with no kernel.
//
// Every number it trains with comes from the twin of nnlib, ./nnlib.js (forward, loss,
// backward, update, fit with its divergence rule), which tests/site/test_twin.py holds equal to
// nnlib. This file only keeps the state of a run, draws it and wires the controls; it computes
// no forward pass, gradient or update of its own.  The data come from ./datasets.js, ports of
// nnlib.datasets with the page's own random numbers.
//
// Layout of this file:  Run (the state machine: data, network, training, history; no DOM)
//                       -> drawing functions (canvas) -> Playground (controls and wiring)
//                       -> mount() on every element with a data-nnlib-playground attribute.
//
// A page chooses its playground's starting settings and control groups on the element:
//   <div data-nnlib-playground data-settings='{"data": "xor corners", "hidden": [4]}'
//        data-controls="network training">
// data-settings is a JSON object of settings (the keys of SETTINGS, checked by the same rules
// as the controls and the page address) over the defaults; data-controls lists the groups of
// controls shown (data, network, training; all three when absent).

import { MLP, matrix, fit, rng, gridBox, gridPoints, gridMaps, scores } from "./nnlib.js";
import { DATASETS, FEATURES, featurize, trainTestSplit } from "./datasets.js";

// --- settings ---------------------------------------------------------------------------------

const N_SAMPLES = 200;
const MAX_LAYERS = 4;
const MAX_UNITS = 8;
export const MAX_EDIT_PARAMS = 60; // networks with at most this many parameters are editable
const RESOLUTION = 40; // grid points per side of the region and unit maps
const MARGIN = 0.25; // around the data, as nnlib.experiments.regions.decision_grid

export const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1, 2, 3, 10];
export const BATCH_SIZES = [0, 64, 32, 16, 8, 4, 2, 1]; // 0: full batch
export const L2S = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];
export const EPOCHS_PER_FRAME = [1, 2, 5, 10, 20, 50];
export const HIDDEN_ACTIVATIONS = ["tanh", "sigmoid", "relu", "leaky_relu", "identity"];
export const OUTPUTS = {
  softmax: { act: "softmax", loss: "cross_entropy", label: "softmax + cross-entropy" },
  sigmoid: { act: "sigmoid", loss: "binary_cross_entropy", label: "sigmoid + binary CE" },
  identity: { act: "identity", loss: "mse", label: "identity + MSE" },
};

// nnlib.plot.colors.CLASS_COLORS (Okabe-Ito): one colour per class across the book
export const CLASS_COLORS = ["#e69f00", "#0072b2", "#009e73", "#d55e00"];
// a diverging map shared by no class colour: unit values and weight signs (negative, 0, positive)
const NEGATIVE = [197, 27, 125];
const MIDDLE = [247, 247, 247];
const POSITIVE = [64, 64, 64];
const rgbText = (c) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

const choice = (list) => (text) => {
  const x = Number(text);
  if (!list.includes(x)) throw new Error(`must be one of ${list.join(", ")}`);
  return x;
};
const wholeIn = (lo, hi) => (text) => {
  const x = Number(text);
  if (!(String(text).trim() !== "" && Number.isInteger(x) && x >= lo && x <= hi)) {
    throw new Error(`must be a whole number in ${lo}..${hi}`);
  }
  return x;
};
const numberIn = (lo, hi) => (text) => {
  const x = Number(text);
  if (!(String(text).trim() !== "" && x >= lo && x <= hi)) throw new Error(`must be a number in [${lo}, ${hi}]`);
  return x;
};
const oneOf = (list) => (text) => {
  if (!list.includes(text)) throw new Error(`must be one of ${list.join(", ")}`);
  return text;
};
const flag = (text) => {
  if (text !== "0" && text !== "1" && text !== true && text !== false) throw new Error("must be 0 or 1");
  return text === "1" || text === true;
};

/** Every setting: its default, and a parser that returns the value or throws naming the
 *  problem (used for the controls and for the page address alike). */
export const SETTINGS = {
  data: { value: "moons", parse: oneOf(Object.keys(DATASETS)) },
  classes: { value: 2, parse: wholeIn(2, 4) }, // as the kernel playground: blobs and spirals start with 2
  noise: { value: 0.15, parse: numberIn(0, 0.5) },
  train: { value: 0.7, parse: numberIn(0.1, 0.9) },
  dseed: { value: 0, parse: wholeIn(0, 1e6) },
  features: {
    value: ["x1", "x2"],
    parse: (text) => {
      const names = Array.isArray(text) ? text : String(text).split(",");
      const bad = names.filter((n) => !(n in FEATURES));
      if (bad.length || !names.length) {
        throw new Error(`must list 1 to 7 of ${Object.keys(FEATURES).join(", ")}`);
      }
      return Object.keys(FEATURES).filter((n) => names.includes(n)); // menu order, no repeats
    },
  },
  hidden: {
    value: [4, 4],
    parse: (text) => {
      const list = Array.isArray(text) ? text : (String(text) === "" || String(text) === "0" ? [] : String(text).split(",").map(Number));
      if (list.length > MAX_LAYERS || !list.every((u) => Number.isInteger(u) && u >= 1 && u <= MAX_UNITS)) {
        throw new Error(`must list 0 to ${MAX_LAYERS} layers of 1 to ${MAX_UNITS} units, e.g. 4,4`);
      }
      return list.slice();
    },
  },
  act: { value: "tanh", parse: oneOf(HIDDEN_ACTIVATIONS) },
  out: { value: "softmax", parse: oneOf(Object.keys(OUTPUTS)) },
  wseed: { value: 0, parse: wholeIn(0, 1e6) },
  lr: { value: 0.3, parse: choice(LEARNING_RATES) },
  batch: { value: 0, parse: choice(BATCH_SIZES) },
  mom: { value: 0, parse: numberIn(0, 0.99) },
  l2: { value: 0, parse: choice(L2S) },
  drop: { value: 0, parse: numberIn(0, 0.9) },
  epf: { value: 5, parse: choice(EPOCHS_PER_FRAME) },
  test: { value: true, parse: flag },
  disc: { value: false, parse: flag },
};
const DATA_KEYS = ["data", "classes", "noise", "train", "dseed"];
const NETWORK_KEYS = ["features", "hidden", "act", "out", "wseed"];
const VIEW_KEYS = ["test", "disc"]; // how the run is drawn, not how it trains

export function defaultSettings() {
  const s = {};
  for (const [k, spec] of Object.entries(SETTINGS)) s[k] = Array.isArray(spec.value) ? spec.value.slice() : spec.value;
  return s;
}

export const CONTROL_GROUPS = ["data", "network", "training"];

/** A mount element's starting settings (its data-settings JSON, parsed by the rules of SETTINGS)
 *  and control groups (data-controls). Throws an Error naming every problem, before anything
 *  is built. */
export function mountOptions(root) {
  const problems = [];
  const settings = {};
  const text = root.getAttribute("data-settings");
  if (text !== null) {
    let raw = null;
    try { raw = JSON.parse(text); } catch (e) { problems.push(`data-settings is not JSON (${e.message})`); }
    if (raw !== null && (typeof raw !== "object" || Array.isArray(raw))) {
      problems.push("data-settings must be a JSON object of setting: value");
    } else if (raw !== null) {
      for (const [k, v] of Object.entries(raw)) {
        if (!(k in SETTINGS)) { problems.push(`data-settings: unknown setting ${k} (valid: ${Object.keys(SETTINGS).join(", ")})`); continue; }
        try { settings[k] = SETTINGS[k].parse(v); } catch (e) { problems.push(`data-settings: ${k}=${JSON.stringify(v)} ${e.message}`); }
      }
    }
  }
  const groupsText = root.getAttribute("data-controls");
  const groups = groupsText === null ? CONTROL_GROUPS.slice() : groupsText.split(/[\s,]+/).filter(Boolean);
  const bad = groups.filter((g) => !CONTROL_GROUPS.includes(g));
  if (bad.length || !groups.length) {
    problems.push(`data-controls must list some of ${CONTROL_GROUPS.join(", ")}; got "${groupsText}"`);
  }
  if (problems.length) throw new Error(`playground mount: ${problems.join("; ")}`);
  return { settings, groups };
}

// --- the run: data, network, training, history (no DOM) -------------------------------------

/** Labels (classification) -> targets: a 0/1 column for one output, else one-hot rows. */
function targets(y, nOut, nClasses, regression) {
  const n = y.length;
  if (regression || nOut === 1) return matrix(n, 1, Float64Array.from(y));
  const Y = matrix(n, nClasses);
  for (let i = 0; i < n; i++) Y.data[i * nClasses + y[i]] = 1;
  return Y;
}

/** The state of one playground run. All numerical work is nnlib.js's. */
export class Run {
  constructor(settings = {}) {
    this.s = { ...defaultSettings(), ...settings };
    this.makeData();
    this.reset();
  }

  get spec() { return DATASETS[this.s.data]; }
  get regression() { return Boolean(this.spec.regression); }
  get nClasses() { return this.regression ? 0 : (this.spec.classes ? this.s.classes : 2); }
  /** The output actually used: regression data force identity + MSE. */
  get output() { return this.regression ? "identity" : this.s.out; }
  get nOut() {
    if (this.regression) return 1;
    return this.nClasses === 2 && this.output !== "softmax" ? 1 : this.nClasses;
  }
  get sizes() { return [this.s.features.length, ...this.s.hidden, this.nOut]; }
  get hasTest() { return this.yTest.length > 0; }

  /** Change settings (already parsed). Data changes make new data; data or network changes
   *  start a fresh network; training settings apply from the next step and clear a divergence. */
  configure(changes) {
    const changed = Object.keys(changes).filter((k) => JSON.stringify(this.s[k]) !== JSON.stringify(changes[k]));
    Object.assign(this.s, changes);
    if (changed.some((k) => DATA_KEYS.includes(k))) this.makeData();
    if (changed.some((k) => DATA_KEYS.includes(k) || NETWORK_KEYS.includes(k))) {
      this.featurizeData();
      this.reset();
    } else if (changed.some((k) => !VIEW_KEYS.includes(k))) {
      // going on after a divergence is a new run from the restored network: its loss is the
      // new J0 of nnlib's divergence rule (as the kernel playground's configure)
      if (this.diverged) this.referenceLoss = null;
      this.diverged = false;
      this.message = "";
    }
    return changed;
  }

  makeData() {
    const s = this.s;
    const { X, y } = this.spec.make(N_SAMPLES, s.noise, rng(s.dseed), s.classes);
    if (this.spec.fixed) {
      this.XTrain = X; this.yTrain = y;
      this.XTest = new Float64Array(0); this.yTest = new Int32Array(0);
    } else {
      const { train, test } = trainTestSplit(X, y, 1 - s.train, rng(s.dseed + 1_000_003));
      this.XTrain = train.X; this.yTrain = train.y; this.XTest = test.X; this.yTest = test.y;
    }
    const all = new Float64Array(this.XTrain.length + this.XTest.length);
    all.set(this.XTrain);
    all.set(this.XTest, this.XTrain.length);
    const b = gridBox(matrix(all.length / 2, 2, all), MARGIN);
    // a square box (equal scales on both axes), centred on the data's box
    const half = Math.max(b.x1 - b.x0, b.y1 - b.y0) / 2;
    const cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
    this.box = { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
    this.grid = gridPoints(this.box, RESOLUTION);
    this.featurizeData();
  }

  featurizeData() {
    const f = this.s.features;
    const k = f.length;
    this.FTrain = matrix(this.yTrain.length, k, featurize(this.XTrain, f));
    this.FTest = matrix(this.yTest.length, k, featurize(this.XTest, f));
    this.FGrid = matrix(this.grid.rows, k, featurize(this.grid.data, f));
  }

  /** A fresh network (initial weights from the weights seed), epoch 0, empty history. */
  reset() {
    const s = this.s;
    const out = OUTPUTS[this.output];
    this.net = new MLP({ sizes: this.sizes, activations: [...s.hidden.map(() => s.act), out.act], loss: out.loss });
    this.net.initialize(rng(s.wseed));
    this.YTrain = targets(this.yTrain, this.nOut, this.nClasses, this.regression);
    this.YTest = targets(this.yTest, this.nOut, this.nClasses, this.regression);
    this.epoch = 0;
    this.edited = false;
    this.diverged = false;
    this.message = "";
    // J0 of nnlib's divergence rule: measured by the first frame's fit on the fresh network,
    // then passed to every later frame's fit (the kernel playground's reference_loss)
    this.referenceLoss = null;
    this.history = { epochs: [], train: [], test: [] };
    this.record();
  }

  losses() {
    const train = this.net.loss(this.FTrain, this.YTrain);
    const test = this.hasTest ? this.net.loss(this.FTest, this.YTest) : NaN;
    return [train, test];
  }

  record() {
    const [train, test] = this.losses();
    this.history.epochs.push(this.epoch);
    this.history.train.push(train);
    this.history.test.push(test);
  }

  /** Train `epochs` more epochs with nnlib.js's fit, keeping the momentum velocity and the
   *  divergence reference, as the kernel playground's step calls MLP.fit(...,
   *  keep_velocity=True, reference_loss=...) per frame. */
  step(epochs = this.s.epf) {
    if (this.diverged) return null;
    const s = this.s;
    const result = fit(this.net, this.FTrain, this.YTrain, {
      lr: s.lr, epochs, batchSize: s.batch && s.batch < this.yTrain.length ? s.batch : null,
      momentum: s.mom, l2: s.l2, dropout: s.drop, random: rng(s.wseed * 100_003 + this.epoch),
      keepVelocity: true, referenceLoss: this.referenceLoss,
    });
    if (this.referenceLoss === null) this.referenceLoss = result.referenceLoss ?? null;
    this.epoch += result.losses.length;
    this.edited = true;
    this.diverged = result.diverged;
    this.message = result.diverged ? result.message : "";
    this.record();
    return result;
  }

  /** Every weight and bias as {name, index}: index into the flat vector (W1, b1, W2, ...). */
  parameters() {
    const out = [];
    let index = 0;
    this.net.weights.forEach((W, l) => {
      for (let i = 0; i < W.rows; i++) {
        for (let j = 0; j < W.cols; j++) out.push({ name: `W${l + 1}[${i + 1},${j + 1}]`, kind: "W", l, i, j, index: index++ });
      }
      for (let j = 0; j < W.cols; j++) out.push({ name: `b${l + 1}[${j + 1}]`, kind: "b", l, i: 0, j, index: index++ });
    });
    return out;
  }

  get editable() { return this.net.nParams <= MAX_EDIT_PARAMS; }

  /** Set one parameter (flat index) and forget the momentum velocity, as the kernel's
   *  set_weight does; the latest losses are re-measured. */
  setParameter(index, value) {
    if (!(Number.isInteger(index) && index >= 0 && index < this.net.nParams)) {
      throw new Error(`parameter index must be in 0..${this.net.nParams - 1}; got ${index}`);
    }
    if (!Number.isFinite(value)) throw new Error(`a parameter must be a finite number; got ${value}`);
    const theta = this.net.getFlat();
    theta[index] = value;
    this.net.setFlat(theta);
    this.net.resetVelocity();
    this.edited = true;
    this.diverged = false;
    this.message = "";
    const [train, test] = this.losses();
    this.history.train[this.history.train.length - 1] = train;
    this.history.test[this.history.test.length - 1] = test;
  }

  parameter(index) { return this.net.theta[index]; }

  /** Fraction right on the training or test set (classification only). */
  accuracy(which = "train") {
    const [F, y] = which === "train" ? [this.FTrain, this.yTrain] : [this.FTest, this.yTest];
    if (!y.length || this.regression) return NaN;
    const A = this.net.forward(F);
    let right = 0;
    for (let i = 0; i < y.length; i++) {
      let pred;
      if (A.cols === 1) pred = A.data[i] >= 0.5 ? 1 : 0;
      else {
        pred = 0;
        for (let j = 1; j < A.cols; j++) if (A.data[i * A.cols + j] > A.data[i * A.cols + pred]) pred = j;
      }
      if (pred === y[i]) right++;
    }
    return right / y.length;
  }

  status() {
    const i = this.history.train.length - 1;
    const pct = (x) => `${Math.round(100 * x)}% right`;
    let text = `train loss ${fmt(this.history.train[i])}`;
    if (!this.regression) text += ` (${pct(this.accuracy("train"))})`;
    if (this.hasTest) {
      text += ` · test loss ${fmt(this.history.test[i])}`;
      if (!this.regression) text += ` (${pct(this.accuracy("test"))})`;
    }
    return this.diverged
      ? `Diverged: ${this.message}. Change a training setting (a lower learning rate) to go on, or reset.`
      : text;
  }
}

function fmt(x) {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1000 ? x.toPrecision(3) : x.toFixed(3);
}

// --- the page address -------------------------------------------------------------------------

function encodeTheta(theta) {
  const bytes = new Uint8Array(Float64Array.from(theta).buffer);
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeTheta(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  let raw;
  try { raw = atob(b64 + "===".slice((b64.length + 3) % 4)); } catch (e) { throw new Error("is not base64"); }
  if (raw.length % 8) throw new Error("does not hold whole float64 numbers");
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  return new Float64Array(bytes.buffer);
}

const valueText = (v) => (Array.isArray(v) ? (v.length ? v.join(",") : "0") : typeof v === "boolean" ? (v ? "1" : "0") : String(v));

/** The run as address parameters: settings that differ from the starting ones (`base`: the
 *  defaults, or a page's mount settings over them), and the trained parameters with the epoch
 *  when the network is not the fresh one. */
export function stateToParams(run, base = defaultSettings()) {
  const p = new URLSearchParams();
  const d = base;
  for (const k of Object.keys(SETTINGS)) {
    if (valueText(run.s[k]) !== valueText(d[k])) p.set(k, valueText(run.s[k]));
  }
  if (run.edited) {
    p.set("epoch", String(run.epoch));
    p.set("theta", encodeTheta(run.net.theta));
  }
  return p;
}

/** Settings (and parameters) from address parameters: {settings, epoch, theta, problems}.
 *  A bad parameter is named in `problems` and left at its default. */
export function paramsToState(params) {
  const settings = {};
  const problems = [];
  for (const [k, spec] of Object.entries(SETTINGS)) {
    if (!params.has(k)) continue;
    try { settings[k] = spec.parse(params.get(k)); } catch (e) { problems.push(`${k}=${params.get(k)} ${e.message}`); }
  }
  let theta = null, epoch = 0;
  if (params.has("theta")) {
    try { theta = decodeTheta(params.get("theta")); } catch (e) { problems.push(`theta ${e.message}`); }
    try { epoch = wholeIn(0, 1e9)(params.get("epoch") ?? "0"); } catch (e) { problems.push(`epoch ${e.message}`); }
  }
  return { settings, epoch, theta, problems };
}

// --- nnlib code for the current run -------------------------------------------------------------

const py = (x) => {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as Python`);
  return String(x); // the shortest text that reads back as the same float64, as Python's repr
};
const pyRows = (X, cols) => {
  const rows = [];
  for (let i = 0; i < X.length / cols; i++) rows.push(`[${Array.from(X.slice(i * cols, (i + 1) * cols), py).join(", ")}]`);
  return rows;
};
const wrap = (items, indent, width = 92) => {
  const lines = [];
  let line = "";
  for (const item of items) {
    if (line && line.length + item.length + 2 > width - indent.length) { lines.push(line + ","); line = item; } else line = line ? `${line}, ${item}` : item;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join("\n");
};

/** Python that rebuilds the current network with nnlib (MLP, set_flat), with the page's data
 *  written out, and prints the losses and accuracies the page shows. */
export function nnlibCode(run) {
  const s = run.s;
  const out = OUTPUTS[run.output];
  const lines = [];
  lines.push("import numpy as np");
  lines.push("");
  lines.push("from nnlib import MLP, datasets");
  lines.push("");
  const spec = run.spec;
  const exact = spec.fixed && spec.nnlib === "xor";
  const yType = run.regression ? "float" : "int";
  if (exact) {
    lines.push("# the four corners of source 002: the page's data are exactly these");
    lines.push("X_train, y_train = datasets.xor(4, 0.0)");
  } else {
    const what = spec.nnlib
      ? `the page's ${s.data} data (noise ${s.noise}${spec.classes ? `, ${s.classes} classes` : ""}, data seed ${s.dseed}): `
        + `drawn by the page with the shapes of nnlib.datasets.${spec.nnlib} but its own random numbers, `
        + `so written out here (nnlib.datasets.${spec.nnlib} with the same seed gives other points)`
      : `the page's ${s.data} data (noise ${s.noise}, data seed ${s.dseed}), a regression set `
        + "nnlib.datasets does not have: targets sin(2 x1) + x2**2 - 0.5 plus noise";
    lines.push(...commentLines(what));
    lines.push("X_train = np.array([");
    lines.push(wrap(pyRows(run.XTrain, 2), "    ") + "])");
    lines.push(`y_train = np.array([\n${wrap(Array.from(run.yTrain, py), "    ")}], dtype=${yType})`);
    if (run.hasTest) {
      lines.push("X_test = np.array([");
      lines.push(wrap(pyRows(run.XTest, 2), "    ") + "])");
      lines.push(`y_test = np.array([\n${wrap(Array.from(run.yTest, py), "    ")}], dtype=${yType})`);
    }
  }
  lines.push("");
  const feats = s.features.map((f) => FEATURES[f].py);
  lines.push("");
  lines.push("def features(X):");
  lines.push(`    """The network's inputs: ${s.features.map((f) => FEATURES[f].label).join(", ")}."""`);
  lines.push("    x1, x2 = X[:, 0], X[:, 1]");
  lines.push(`    return np.column_stack([${feats.join(", ")}])`);
  lines.push("");
  lines.push("");
  const tgt = (y) => (run.regression || run.nOut === 1 ? `${y}.reshape(-1, 1).astype(float)` : `datasets.one_hot(${y}, ${run.nClasses})`);
  lines.push(`F_train, Y_train = features(X_train), ${tgt("y_train")}`);
  if (run.hasTest) lines.push(`F_test, Y_test = features(X_test), ${tgt("y_test")}`);
  const acts = [...s.hidden.map(() => s.act), out.act];
  lines.push(`net = MLP([${run.sizes.join(", ")}], activations=${pyList(acts)}, loss="${out.loss}")`);
  lines.push(`# the page's network at epoch ${run.epoch}${run.edited && run.epoch === 0 ? " (edited by hand)" : ""}`);
  lines.push("net.set_flat(np.array([");
  lines.push(wrap(Array.from(run.net.theta, py), "    ") + "]))");
  lines.push("");
  const i = run.history.train.length - 1;
  lines.push(`print("train loss", net.loss(F_train, Y_train))  # the page: ${run.history.train[i]}`);
  if (run.hasTest) lines.push(`print("test loss", net.loss(F_test, Y_test))  # the page: ${run.history.test[i]}`);
  if (!run.regression) lines.push(`print("train accuracy", net.accuracy(F_train, Y_train))  # the page: ${run.accuracy("train")}`);
  lines.push("");
  const batch = s.batch ? String(s.batch) : "None";
  const differs = [s.batch && s.batch < run.yTrain.length ? "NumPy shuffles the mini-batches" : "",
    s.drop ? "NumPy draws the dropout masks" : "", s.mom ? "the momentum starts again from zero" : ""]
    .filter(Boolean);
  lines.push(...commentLines("to go on training with the page's settings"
    + (differs.length ? ` (${differs.join(", ")}: the numbers part from the page's):` : " (the same steps as the page's):")));
  lines.push(`# net.fit(F_train, Y_train, lr=${py(s.lr)}, epochs=1000, batch_size=${batch}, momentum=${py(s.mom)},`);
  lines.push(`#         l2=${py(s.l2)}, dropout=${py(s.drop)})`);
  return lines.join("\n") + "\n";
}

function commentLines(text, width = 92) {
  const words = text.split(" ");
  const lines = [];
  let line = "#";
  for (const w of words) {
    if (line.length + w.length + 1 > width) { lines.push(line); line = "#"; }
    line += ` ${w}`;
  }
  lines.push(line);
  return lines;
}

const pyList = (names) => `[${names.map((n) => `"${n}"`).join(", ")}]`;

// --- formulas of the current network (TeX, typeset by the page's MathJax) -----------------------

const ACT_TEX = { tanh: "\\tanh", sigmoid: "\\sigma", relu: "\\operatorname{ReLU}", leaky_relu: "\\operatorname{LReLU}", identity: "", softmax: "\\operatorname{softmax}" };

export function formulas(run) {
  const s = run.s;
  const sizes = run.sizes;
  const L = sizes.length - 1;
  const out = OUTPUTS[run.output];
  const rows = [];
  rows.push(`A^{(0)} &= \\begin{bmatrix} ${s.features.map((f) => FEATURES[f].tex).join(" & ")} \\end{bmatrix} && N \\times ${sizes[0]}`);
  for (let l = 1; l <= L; l++) {
    const act = l < L ? s.act : out.act;
    const phi = ACT_TEX[act];
    const a = phi ? `${phi}\\left(Z^{(${l})}\\right)` : `Z^{(${l})}`;
    rows.push(`Z^{(${l})} &= A^{(${l - 1})} W^{(${l})} + b^{(${l})}, \\quad A^{(${l})} = ${a} && W^{(${l})}: ${sizes[l - 1]} \\times ${sizes[l]}`);
    if (l < L && s.drop) rows.push(`A^{(${l})} &\\leftarrow A^{(${l})} \\odot M^{(${l})} / (1 - p), \\quad p = ${s.drop} && \\text{training only}`);
  }
  const lossTex = {
    cross_entropy: `-\\frac{1}{N} \\sum_{n,k} Y_{nk} \\ln A^{(${L})}_{nk}`,
    binary_cross_entropy: `-\\frac{1}{N} \\sum_{n} \\left[ Y_n \\ln A^{(${L})}_n + (1 - Y_n) \\ln\\left(1 - A^{(${L})}_n\\right) \\right]`,
    mse: `\\frac{1}{2N} \\sum_{n,k} \\left(A^{(${L})}_{nk} - Y_{nk}\\right)^2`,
  }[out.loss];
  const l2 = s.l2 ? ` + \\frac{\\lambda}{2N} \\sum_l \\lVert W^{(l)} \\rVert^2, \\quad \\lambda = ${s.l2}` : "";
  rows.push(`J &= ${lossTex}${l2}`);
  const fused = (out.act === "softmax" && out.loss === "cross_entropy") || (out.act === "sigmoid" && out.loss === "binary_cross_entropy");
  rows.push(fused || out.act === "identity"
    ? `\\delta^{(${L})} &= \\left(A^{(${L})} - Y\\right) / N`
    : `\\delta^{(${L})} &= \\partial J / \\partial Z^{(${L})}`);
  const down = Array.from({ length: L - 1 }, (_, k) => L - 1 - k).join(", ");
  if (L > 1) rows.push(`\\delta^{(l)} &= \\left(\\delta^{(l+1)} W^{(l+1)\\mathsf T}\\right) \\odot ${ACT_TEX[s.act] || "\\mathrm{id}"}'\\left(Z^{(l)}\\right), \\quad l = ${down}`);
  rows.push(`\\frac{\\partial J}{\\partial W^{(l)}} &= A^{(l-1)\\mathsf T} \\delta^{(l)}${s.l2 ? " + \\frac{\\lambda}{N} W^{(l)}" : ""}, \\quad \\frac{\\partial J}{\\partial b^{(l)}} = \\mathbf 1^{\\mathsf T} \\delta^{(l)}`);
  rows.push(s.mom
    ? `v &\\leftarrow \\mu v - \\eta \\frac{\\partial J}{\\partial \\theta}, \\quad \\theta \\leftarrow \\theta + v, \\quad \\eta = ${s.lr}, \\ \\mu = ${s.mom}`
    : `\\theta &\\leftarrow \\theta - \\eta \\frac{\\partial J}{\\partial \\theta}, \\quad \\eta = ${s.lr}`);
  const N = s.batch && s.batch < run.yTrain.length ? `\\text{a batch of } ${s.batch}` : `\\text{all } ${run.yTrain.length} \\text{ training points}`;
  return `\\[\\begin{aligned} ${rows.join(" \\\\ ")} \\end{aligned}\\]\n<p>N: ${N.replace(/\\text\{([^}]*)\}/g, "$1")}.</p>`;
}

// --- drawing --------------------------------------------------------------------------------------

function diverging(v, scale) {
  const t = Math.max(-1, Math.min(1, (Number.isNaN(v) ? 0 : v) / scale));
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(t);
  return [MIDDLE[0] + a * (end[0] - MIDDLE[0]), MIDDLE[1] + a * (end[1] - MIDDLE[1]), MIDDLE[2] + a * (end[2] - MIDDLE[2])];
}

const hexRgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const CLASS_RGB = CLASS_COLORS.map(hexRgb);

/** Pixels of a res x res map (grid rows from the bottom) into an ImageData. */
function fillImage(image, res, colorAt) {
  const d = image.data;
  for (let gi = 0; gi < res; gi++) {
    const row = res - 1 - gi; // the grid's first row is the bottom one
    for (let gj = 0; gj < res; gj++) {
      const c = colorAt(gi * res + gj);
      const p = 4 * (row * res + gj);
      d[p] = c[0]; d[p + 1] = c[1]; d[p + 2] = c[2]; d[p + 3] = 255;
    }
  }
}

/** Region colour of each grid point from class scores: white where classes tie, tinted by the
 *  winner (nnlib.plot.regions.region_colors, strength 0.55); discretized: full tint. */
function regionColor(S, K, discretize) {
  const out = [0, 0, 0];
  return (g) => {
    let best = 0, mix0 = 0, mix1 = 0, mix2 = 0;
    for (let k = 0; k < K; k++) {
      const v = S.data[g * K + k];
      if (v > S.data[g * K + best]) best = k;
      mix0 += v * CLASS_RGB[k][0]; mix1 += v * CLASS_RGB[k][1]; mix2 += v * CLASS_RGB[k][2];
    }
    if (discretize) { mix0 = CLASS_RGB[best][0]; mix1 = CLASS_RGB[best][1]; mix2 = CLASS_RGB[best][2]; }
    const conf = discretize ? 1 : Math.max(0, Math.min(1, (S.data[g * K + best] - 1 / K) / (1 - 1 / K)));
    const c = 0.55 * conf;
    out[0] = (1 - c) * 255 + c * mix0; out[1] = (1 - c) * 255 + c * mix1; out[2] = (1 - c) * 255 + c * mix2;
    return out;
  };
}

function setupCanvas(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

function niceCeiling(x) {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const k of [1, 1.5, 2, 3, 5, 7, 10]) if (k * p >= x) return k * p;
  return 10 * p;
}

// --- the playground: controls, wiring, drawing ---------------------------------------------------

let instances = 0;

function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) e.append(c);
  return e;
}

export class Playground {
  constructor(root, { address = true } = {}) {
    const { settings, groups } = mountOptions(root); // a bad mount throws before anything is built
    this.root = root;
    this.id = `pg${instances++}`;
    this.address = address;
    this.groups = groups;
    this.base = { ...defaultSettings(), ...settings }; // the page's starting settings
    this.playing = false;
    this.frameWork = []; // ms of work per animation frame (train + draw), for bench/
    const state = address ? paramsToState(new URLSearchParams(window.location.search)) : { settings: {}, problems: [] };
    this.run = new Run({ ...this.base, ...state.settings });
    if (state.theta) {
      if (state.theta.length === this.run.net.nParams) {
        this.run.net.setFlat(state.theta);
        this.run.epoch = state.epoch;
        this.run.edited = true;
        this.run.history = { epochs: [], train: [], test: [] };
        this.run.record();
      } else {
        state.problems.push(`theta has ${state.theta.length} numbers; this network has ${this.run.net.nParams}`);
      }
    }
    this.build();
    if (state.problems.length) this.notice(`Ignored in the page address: ${state.problems.join("; ")}.`);
    this.rebuild();
  }

  // --- controls -------------------------------------------------------------------------------
  build() {
    const r = this.root;
    r.textContent = "";
    r.classList.add("pg");
    const id = (name) => `${this.id}-${name}`;
    this.c = {};
    const field = (name, label, control, extra = null) => {
      control.id = id(name);
      this.c[name] = control;
      const row = el("div", { class: "pg-field" }, [el("label", { for: control.id, text: label }), control]);
      if (extra) row.append(extra);
      return row;
    };
    const select = (options, value) => {
      const s = el("select");
      for (const [v, text] of options) s.append(el("option", { value: String(v), text }));
      s.value = String(value);
      return s;
    };
    const range = (min, max, step) => el("input", { type: "range", min, max, step });
    const s = this.run.s;

    // data
    this.outputs = {};
    const readout = (name) => (this.outputs[name] = el("output", { for: id(name), class: "pg-readout" }));
    const data = el("fieldset", { class: "pg-group" }, [el("legend", { text: "Data" })]);
    data.append(field("data", "data set", select(Object.entries(DATASETS).map(([k, d]) => [k, d.label]), s.data)));
    data.append(field("classes", "classes", select([2, 3, 4].map((k) => [k, String(k)]), s.classes)));
    data.append(field("noise", "noise", range(0, 0.5, 0.01), readout("noise")));
    data.append(field("train", "train fraction", range(0.1, 0.9, 0.05), readout("train")));
    data.append(field("dseed", "data seed", el("input", { type: "number", min: 0, max: 1000000, step: 1, inputmode: "numeric" })));
    this.c.regenerate = el("button", { type: "button", class: "pg-button", text: "Regenerate" });
    data.append(el("div", { class: "pg-field" }, [this.c.regenerate]));

    // network
    const net = el("fieldset", { class: "pg-group" }, [el("legend", { text: "Network" })]);
    const feats = el("fieldset", { class: "pg-features" }, [el("legend", { text: "inputs" })]);
    this.c.features = {};
    for (const [k, f] of Object.entries(FEATURES)) {
      const box = el("input", { type: "checkbox", id: id(`f-${k}`), value: k });
      this.c.features[k] = box;
      feats.append(el("span", { class: "pg-check" }, [box, el("label", { for: box.id, text: f.label })]));
    }
    net.append(feats);
    net.append(field("layers", "hidden layers", select([0, 1, 2, 3, 4].map((k) => [k, String(k)]), s.hidden.length)));
    const units = el("div", { class: "pg-field pg-units", role: "group", "aria-labelledby": id("units-label") },
      [el("span", { class: "pg-label", id: id("units-label"), text: "units per layer" })]);
    this.c.units = [];
    for (let l = 0; l < MAX_LAYERS; l++) {
      const u = select([1, 2, 3, 4, 5, 6, 7, 8].map((k) => [k, String(k)]), s.hidden[l] ?? 4);
      u.id = id(`units${l + 1}`);
      u.setAttribute("aria-label", `units in hidden layer ${l + 1}`);
      this.c.units.push(u);
      units.append(u);
    }
    net.append(units);
    net.append(field("act", "hidden activation", select(HIDDEN_ACTIVATIONS.map((a) => [a, a]), s.act)));
    net.append(field("out", "output, loss", select(Object.entries(OUTPUTS).map(([k, o]) => [k, o.label]), s.out)));
    net.append(field("wseed", "weights seed", el("input", { type: "number", min: 0, max: 1000000, step: 1, inputmode: "numeric" })));

    // training
    const train = el("fieldset", { class: "pg-group" }, [el("legend", { text: "Training" })]);
    train.append(field("lr", "learning rate", select(LEARNING_RATES.map((x) => [x, String(x)]), s.lr)));
    train.append(field("batch", "batch size", select(BATCH_SIZES.map((b) => [b, b ? String(b) : "full"]), s.batch)));
    train.append(field("mom", "momentum", range(0, 0.99, 0.01), readout("mom")));
    train.append(field("l2", "L2 λ", select(L2S.map((x) => [x, String(x)]), s.l2)));
    train.append(field("drop", "dropout", range(0, 0.9, 0.05), readout("drop")));
    train.append(field("epf", "epochs per frame", select(EPOCHS_PER_FRAME.map((x) => [x, String(x)]), s.epf)));
    train.append(el("p", { class: "pg-note", text: "No L1 penalty: nnlib has none, and the page trains only what nnlib trains." }));

    // the groups this page shows (data-controls); the others are not built into the page
    const shown = { data, network: net, training: train };
    const groups = el("div", { class: "pg-groups" }, CONTROL_GROUPS.filter((g) => this.groups.includes(g)).map((g) => shown[g]));

    // run controls
    this.c.play = el("button", { type: "button", class: "pg-button pg-play", text: "Play" });
    this.c.step = el("button", { type: "button", class: "pg-button", text: "Step" });
    this.c.reset = el("button", { type: "button", class: "pg-button", text: "Reset" });
    this.epochOut = el("output", { class: "pg-epoch" });
    this.statusOut = el("p", { class: "pg-status", role: "status", "aria-live": "polite" });
    const runBar = el("div", { class: "pg-run" }, [this.c.play, this.c.step, this.c.reset, this.epochOut]);

    // pictures
    this.regionsCanvas = el("canvas", { class: "pg-regions", role: "img" });
    this.diagramCanvas = el("canvas", { class: "pg-diagram", role: "img" });
    this.lossCanvas = el("canvas", { class: "pg-loss", role: "img" });
    this.readoutOut = el("p", { class: "pg-hint" });
    this.c.test = el("input", { type: "checkbox", id: id("test") });
    this.c.disc = el("input", { type: "checkbox", id: id("disc") });
    const toggles = el("div", { class: "pg-toggles" }, [
      el("span", { class: "pg-check" }, [this.c.test, el("label", { for: id("test"), text: "show test data" })]),
      el("span", { class: "pg-check" }, [this.c.disc, el("label", { for: id("disc"), text: "discretize output" })]),
    ]);
    this.regionsCaption = el("p", { class: "pg-caption" });
    const left = el("div", { class: "pg-panel" }, [this.regionsCanvas, this.regionsCaption, toggles]);
    this.legend = el("div", { class: "pg-legend" });
    const right = el("div", { class: "pg-panel pg-panel-diagram" }, [this.diagramCanvas, this.legend, this.readoutOut]);
    const pictures = this.pictures = el("div", { class: "pg-pictures" }, [left, right]);
    const loss = el("div", { class: "pg-panel pg-panel-loss" }, [this.lossCanvas]);

    // parameters, code, formulas, address
    this.paramsBox = el("details", { class: "pg-details" }, [el("summary", { text: "Weights and biases (edit with the keyboard)" })]);
    this.paramsBody = el("div", { class: "pg-params" });
    this.paramsBox.append(this.paramsBody);
    this.c.code = el("button", { type: "button", class: "pg-button", text: "Copy as nnlib code" });
    this.c.share = el("button", { type: "button", class: "pg-button", text: "Copy link to this run" });
    this.codeArea = el("textarea", { class: "pg-code", readonly: true, rows: 12, spellcheck: "false", id: id("code") });
    this.codeBox = el("div", { class: "pg-code-box", hidden: true },
      [el("label", { for: id("code"), class: "pg-code-label", text: "nnlib code of this run" }), this.codeArea]);
    this.formulasBox = el("details", { class: "pg-details" }, [el("summary", { text: "Formulas of this network" })]);
    this.formulasBody = el("div", { class: "pg-formulas" });
    this.formulasBox.append(this.formulasBody);
    this.noticeOut = el("p", { class: "pg-notice", role: "status" });
    const tools = el("div", { class: "pg-run" }, [this.c.code, this.c.share]);

    r.append(groups, runBar, this.statusOut, pictures, loss, this.paramsBox, this.formulasBox, tools, this.noticeOut, this.codeBox);
    this.syncControls();
    this.wire();
    this.diagramCanvas.addEventListener("pointermove", (e) => this.hover(e));
    this.diagramCanvas.addEventListener("pointerleave", () => { if (!this.drag) this.showHint(null); });
    this.diagramCanvas.addEventListener("pointerdown", (e) => this.startDrag(e));
    this.diagramCanvas.addEventListener("pointerup", (e) => this.endDrag(e));
    this.diagramCanvas.addEventListener("pointercancel", (e) => this.endDrag(e));
  }

  /** Controls show the run's settings; controls that do not apply to the data are disabled. */
  syncControls() {
    const s = this.run.s;
    const c = this.c;
    const spec = this.run.spec;
    c.data.value = s.data;
    c.classes.value = String(s.classes);
    c.classes.disabled = !spec.classes;
    c.noise.value = String(s.noise);
    c.noise.disabled = Boolean(spec.fixed);
    c.train.value = String(s.train);
    c.train.disabled = Boolean(spec.fixed);
    c.dseed.value = String(s.dseed);
    c.regenerate.disabled = Boolean(spec.fixed);
    for (const [k, box] of Object.entries(c.features)) {
      box.checked = s.features.includes(k);
      box.disabled = box.checked && s.features.length === 1; // at least one input
    }
    c.layers.value = String(s.hidden.length);
    c.units.forEach((u, l) => {
      u.disabled = l >= s.hidden.length;
      if (l < s.hidden.length) u.value = String(s.hidden[l]);
    });
    c.act.value = s.act;
    c.out.value = this.run.output;
    for (const o of c.out.options) {
      o.disabled = this.run.regression ? o.value !== "identity" : false;
    }
    c.out.disabled = this.run.regression;
    c.wseed.value = String(s.wseed);
    c.lr.value = String(s.lr);
    c.batch.value = String(s.batch);
    c.mom.value = String(s.mom);
    c.l2.value = String(s.l2);
    c.drop.value = String(s.drop);
    c.epf.value = String(s.epf);
    c.test.checked = s.test;
    c.test.disabled = !this.run.hasTest;
    c.disc.checked = s.disc;
    c.disc.disabled = this.run.regression;
    this.outputs.noise.textContent = Number(s.noise).toFixed(2);
    this.outputs.train.textContent = Number(s.train).toFixed(2);
    this.outputs.mom.textContent = Number(s.mom).toFixed(2);
    this.outputs.drop.textContent = Number(s.drop).toFixed(2);
  }

  wire() {
    const c = this.c;
    const simple = ["data", "classes", "noise", "train", "dseed", "act", "out", "wseed", "lr", "batch", "mom", "l2", "drop", "epf"];
    for (const key of simple) {
      const control = c[key];
      const live = control.type === "range";
      control.addEventListener(live ? "input" : "change", () => this.apply({ [key]: control.value }, control));
      if (live) control.addEventListener("change", () => this.updateAddress());
    }
    c.test.addEventListener("change", () => this.apply({ test: c.test.checked }, c.test));
    c.disc.addEventListener("change", () => this.apply({ disc: c.disc.checked }, c.disc));
    for (const box of Object.values(c.features)) {
      box.addEventListener("change", () => this.apply({ features: Object.keys(c.features).filter((k) => c.features[k].checked) }, box));
    }
    const hidden = () => c.units.slice(0, Number(c.layers.value)).map((u) => Number(u.value));
    c.layers.addEventListener("change", () => this.apply({ hidden: hidden() }, c.layers));
    c.units.forEach((u) => u.addEventListener("change", () => this.apply({ hidden: hidden() }, u)));
    c.regenerate.addEventListener("click", () => this.apply({ dseed: this.run.s.dseed + 1 }, c.regenerate));
    c.play.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    c.step.addEventListener("click", () => { this.pause(); this.run.step(); this.render(); this.updateAddress(); });
    c.reset.addEventListener("click", () => { this.pause(); this.run.reset(); this.rebuild(); this.updateAddress(); });
    c.code.addEventListener("click", () => this.copyCode());
    c.share.addEventListener("click", () => this.copyLink());
    this.formulasBox.addEventListener("toggle", () => this.showFormulas());
    this.paramsBox.addEventListener("toggle", () => this.syncParams());
  }

  /** Parse and apply setting changes from a control; a bad value is named next to it and
   *  changes nothing. */
  apply(raw, control) {
    const parsed = {};
    for (const [k, v] of Object.entries(raw)) {
      try { parsed[k] = SETTINGS[k].parse(v); } catch (e) {
        this.notice(`${control.labels?.[0]?.textContent || k}: ${e.message}; nothing changed.`, control);
        this.syncControls();
        return;
      }
    }
    this.notice("");
    const shape = JSON.stringify(this.run.sizes);
    const changed = this.run.configure(parsed);
    if (changed.some((k) => DATA_KEYS.includes(k) || NETWORK_KEYS.includes(k)) || JSON.stringify(this.run.sizes) !== shape) {
      this.pause();
      this.rebuild();
    } else {
      this.render();
    }
    this.syncControls();
    if (control.type !== "range") this.updateAddress();
  }

  notice(text, control = null) {
    this.noticeOut.textContent = text;
    this.noticeOut.classList.toggle("pg-error", Boolean(control));
  }

  // --- playing ------------------------------------------------------------------------------
  play() {
    if (this.playing) return;
    if (this.run.diverged) { this.render(); return; }
    this.playing = true;
    this.c.play.textContent = "Pause";
    this.statusOut.setAttribute("aria-live", "off"); // no announcement per frame
    const frame = () => {
      if (!this.playing) return;
      const t0 = performance.now();
      this.run.step();
      this.render();
      this.frameWork.push(performance.now() - t0);
      if (this.frameWork.length > 600) this.frameWork.splice(0, 300);
      if (this.run.diverged) { this.pause(); return; }
      this.raf = requestAnimationFrame(frame);
    };
    this.raf = requestAnimationFrame(frame);
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.c.play.textContent = "Play";
    this.statusOut.setAttribute("aria-live", "polite");
    this.epochOut.textContent = `epoch ${this.run.epoch}`;
    this.statusOut.textContent = this.run.status();
    this.syncButtons();
    this.updateAddress();
  }

  /** A diverged run does not train until a training setting changes: Play and Step are off. */
  syncButtons() {
    this.c.play.disabled = this.run.diverged && !this.playing;
    this.c.step.disabled = this.run.diverged;
  }

  updateAddress() {
    if (!this.address) return;
    const params = stateToParams(this.run, this.base).toString();
    const url = `${window.location.pathname}${params ? `?${params}` : ""}${window.location.hash}`;
    window.history.replaceState(window.history.state, "", url);
  }

  async copyLink() {
    this.updateAddress();
    await this.copyText(window.location.href, "The link to this run (settings and weights) is in the page address");
  }

  async copyCode() {
    let code;
    try { code = nnlibCode(this.run); } catch (e) {
      this.notice(`No code: ${e.message} (reset the run).`, this.c.code);
      return;
    }
    this.codeArea.value = code;
    this.codeBox.hidden = false;
    await this.copyText(code, "The nnlib code of this run is below");
  }

  async copyText(text, where) {
    try {
      await navigator.clipboard.writeText(text);
      this.notice(`Copied. ${where}.`);
    } catch (e) {
      this.notice(`${where}; the browser did not let the page copy it: select it and copy.`);
    }
  }

  showFormulas() {
    if (!this.formulasBox.open) return;
    const math = el("div", { class: "math notranslate nohighlight" });
    const [tex, note] = formulas(this.run).split("\n");
    math.textContent = tex;
    this.formulasBody.textContent = "";
    this.formulasBody.append(math);
    this.formulasBody.insertAdjacentHTML("beforeend", note);
    if (window.MathJax && window.MathJax.typesetPromise) {
      window.MathJax.typesetPromise([math]).catch((e) => this.notice(`MathJax: ${e.message}`, this.formulasBox));
    }
  }

  // --- layout (on a change of data or network shape) and drawing ------------------------------
  rebuild() {
    const run = this.run;
    const width = Math.min(this.pictures.clientWidth || 680, 760); // content width
    const regionSize = Math.max(200, Math.min(280, Math.floor(width * 0.4)));
    this.regionSize = regionSize;
    this.rctx = setupCanvas(this.regionsCanvas, regionSize, regionSize);
    // the diagram: one column per layer, the input features first
    const sizes = run.sizes;
    const diagramWidth = Math.max(Math.min(260, width), Math.min(width - regionSize - 18, 90 * sizes.length));
    const left = 44;
    const spacing = sizes.length > 1 ? (diagramWidth - left - 12) / sizes.length : 90;
    const node = Math.round(Math.min(34, Math.max(16, spacing - 14))), gap = node > 24 ? 8 : 5, top = 22;
    this.shortTitles = spacing < 60; // "1", "2", ... over the hidden layers when narrow
    const height = Math.max(150, Math.max(...sizes) * (node + gap) - gap + top + 6);
    this.dctx = setupCanvas(this.diagramCanvas, diagramWidth, height);
    this.regionsCanvas.parentElement.style.width = `${regionSize}px`;
    this.diagramCanvas.parentElement.style.width = `${diagramWidth}px`;
    const right = diagramWidth - node - 12;
    const colX = sizes.map((_, l) => left + (sizes.length > 1 ? (l * (right - left)) / (sizes.length - 1) : 0));
    const tallest = Math.max(...sizes);
    this.nodes = sizes.map((n, l) => Array.from({ length: n }, (_, j) => ({
      x: colX[l], y: top + ((tallest - n) * (node + gap)) / 2 + j * (node + gap), size: node,
    })));
    this.lctx = setupCanvas(this.lossCanvas, Math.min(width, 760), 140);
    this.lossWidth = Math.min(width, 760);
    // scratch canvas for one map
    this.scratch = document.createElement("canvas");
    this.scratch.width = RESOLUTION;
    this.scratch.height = RESOLUTION;
    this.sctx = this.scratch.getContext("2d");
    this.image = this.sctx.createImageData(RESOLUTION, RESOLUTION);
    // input feature maps do not change during a run: drawn once into their own canvases
    this.inputMaps = run.s.features.map((_, k) => {
      const cv = document.createElement("canvas");
      cv.width = cv.height = RESOLUTION;
      const ctx = cv.getContext("2d");
      const img = ctx.createImageData(RESOLUTION, RESOLUTION);
      fillImage(img, RESOLUTION, (g) => diverging(run.FGrid.data[g * sizes[0] + k], 1));
      ctx.putImageData(img, 0, 0);
      return cv;
    });
    this.regionsCanvas.setAttribute("aria-label", this.regionsLabel());
    this.diagramCanvas.setAttribute("aria-label", `Network diagram ${sizes.join("-")}: each node shows its unit's values over the plane; lines are weights`
      + (run.editable ? "; drag a line or a node up or down to change a weight or bias" : ""));
    this.lossCanvas.setAttribute("aria-label", "Loss curves: train loss (solid) and test loss (dashed) against the epoch");
    this.diagramCanvas.classList.toggle("pg-editable", run.editable);
    this.legend.innerHTML = "";
    this.legend.append(this.legendBar());
    this.buildParams();
    this.render();
  }

  regionsLabel() {
    const run = this.run;
    return run.regression
      ? `The network's output over the plane, with the ${run.s.data} data coloured by their target`
      : `Decision regions of the ${run.nClasses} classes over the plane, with the training points${run.hasTest && run.s.test ? " (filled) and test points (rings)" : ""}`;
  }

  legendBar() {
    const box = el("div", { class: "pg-scale" });
    const bar = el("span", { class: "pg-scale-bar", "aria-hidden": "true" });
    bar.style.background = `linear-gradient(to right, ${rgbText(NEGATIVE)}, ${rgbText(MIDDLE)}, ${rgbText(POSITIVE)})`;
    box.append(el("span", { text: "unit values (fixed scale) and weights:" }),
      el("span", { class: "pg-nowrap" }, [el("span", { text: "−1 " }), bar, el("span", { text: " +1" })]));
    return box;
  }

  render() {
    const run = this.run;
    const maps = gridMaps(run.net, run.FGrid);
    this.drawRegions(maps.output);
    this.drawDiagram(maps);
    this.drawLoss();
    this.syncButtons();
    // while playing, the numbers change 4 times a second: readable, and a text change on this
    // long page costs the browser more than the whole frame's training and drawing
    const now = performance.now();
    if (!this.playing || run.diverged || !(now - (this.textAt ?? -1e9) < 250)) {
      this.textAt = now;
      const status = run.status();
      this.epochOut.textContent = `epoch ${run.epoch}`;
      if (this.statusOut.textContent !== status) this.statusOut.textContent = status;
      this.statusOut.classList.toggle("pg-error", run.diverged);
    }
    if (this.paramsBox.open && !this.drag) this.syncParams();
    if (this.formulasBox.open && this.formulasFor !== JSON.stringify(run.s)) {
      this.formulasFor = JSON.stringify(run.s);
      this.showFormulas();
    }
  }

  /** Paint a res x res map into a box of the given context. */
  paintMap(ctx, colorAt, x, y, w, h) {
    fillImage(this.image, RESOLUTION, colorAt);
    this.sctx.putImageData(this.image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.scratch, x, y, w, h);
  }

  outputColor(A) {
    const run = this.run;
    if (run.regression) return (g) => diverging(A.data[g], 1.5);
    return regionColor(scores(A, run.nClasses), run.nClasses, run.s.disc);
  }

  drawRegions(A) {
    const run = this.run, ctx = this.rctx, size = this.regionSize;
    this.paintMap(ctx, this.outputColor(A), 0, 0, size, size);
    const { x0, x1, y0, y1 } = run.box;
    const px = (x) => ((x - x0) / (x1 - x0)) * size;
    const py = (y) => size - ((y - y0) / (y1 - y0)) * size;
    const r = run.yTrain.length > 10 ? 3.2 : 7;
    const colorOf = (y) => (run.regression ? rgbText(diverging(y, 1.5)) : CLASS_COLORS[y]);
    ctx.lineWidth = 1;
    for (let i = 0; i < run.yTrain.length; i++) {
      ctx.beginPath();
      ctx.arc(px(run.XTrain[2 * i]), py(run.XTrain[2 * i + 1]), r, 0, 2 * Math.PI);
      ctx.fillStyle = colorOf(run.yTrain[i]);
      ctx.fill();
      ctx.strokeStyle = run.regression ? "#222" : "#fff";
      ctx.stroke();
    }
    if (run.hasTest && run.s.test) {
      ctx.lineWidth = 1.6;
      for (let i = 0; i < run.yTest.length; i++) {
        ctx.beginPath();
        ctx.arc(px(run.XTest[2 * i]), py(run.XTest[2 * i + 1]), r, 0, 2 * Math.PI);
        ctx.strokeStyle = colorOf(run.yTest[i]);
        ctx.stroke();
      }
    }
    ctx.strokeStyle = "#666";
    ctx.lineWidth = 1;
    ctx.strokeRect(0.5, 0.5, size - 1, size - 1);
    if (run.diverged) {
      ctx.fillStyle = "rgba(255,255,255,0.85)";
      ctx.fillRect(size / 2 - 60, size / 2 - 16, 120, 32);
      ctx.fillStyle = "#b30000";
      ctx.font = "bold 15px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText("diverged", size / 2, size / 2);
    }
    const shown = run.hasTest && run.s.test ? "● train, ○ test" : "● train";
    this.regionsCaption.textContent = run.regression
      ? `output over the plane (${shown}, coloured by target; scale ±1.5)`
      : `decision regions (${shown})`;
  }

  drawDiagram(maps) {
    const run = this.run, ctx = this.dctx, nodes = this.nodes;
    const cv = this.diagramCanvas;
    ctx.clearRect(0, 0, cv.width, cv.height);
    // edges
    run.net.weights.forEach((W, l) => {
      for (let i = 0; i < W.rows; i++) {
        for (let j = 0; j < W.cols; j++) {
          const w = W.data[i * W.cols + j];
          const a = nodes[l][i], b = nodes[l + 1][j];
          ctx.beginPath();
          ctx.moveTo(a.x + a.size, a.y + a.size / 2);
          ctx.lineTo(b.x, b.y + b.size / 2);
          ctx.strokeStyle = w > 0 ? rgbText(POSITIVE) : w < 0 ? rgbText(NEGATIVE) : "#c8c8c8";
          ctx.lineWidth = 0.5 + 3.5 * Math.min(Math.abs(w) / 2, 1);
          ctx.stroke();
        }
      }
    });
    // nodes: input features, hidden units (their maps on the fixed scale -1..1), outputs
    const L = nodes.length - 1;
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    nodes.forEach((col, l) => col.forEach((n, j) => {
      if (l === 0) {
        ctx.drawImage(this.inputMaps[j], n.x, n.y, n.size, n.size);
        ctx.fillStyle = "#222";
        ctx.textAlign = "right";
        ctx.fillText(FEATURES[run.s.features[j]].label, n.x - 4, n.y + n.size / 2);
      } else if (l < L) {
        const H = maps.hidden[l - 1];
        const k = H.cols;
        this.paintMap(ctx, (g) => diverging(H.data[g * k + j], 1), n.x, n.y, n.size, n.size);
      } else {
        const A = maps.output;
        if (A.cols === 1) this.paintMap(ctx, this.outputColor(A), n.x, n.y, n.size, n.size);
        else {
          const rgb = CLASS_RGB[j];
          const out = [0, 0, 0];
          this.paintMap(ctx, (g) => {
            const v = Math.max(0, Math.min(1, A.data[g * A.cols + j] || 0));
            out[0] = 255 + v * (rgb[0] - 255); out[1] = 255 + v * (rgb[1] - 255); out[2] = 255 + v * (rgb[2] - 255);
            return out;
          }, n.x, n.y, n.size, n.size);
        }
      }
      const hot = this.drag && this.drag.target.l === l && this.drag.target.j === j && this.drag.target.kind === "b";
      ctx.strokeStyle = hot ? "#000" : "#555";
      ctx.lineWidth = hot ? 2.5 : 1;
      ctx.strokeRect(n.x + 0.5, n.y + 0.5, n.size - 1, n.size - 1);
    }));
    // layer titles
    ctx.fillStyle = "#222";
    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic";
    nodes.forEach((col, l) => {
      const title = l === 0 ? (this.shortTitles ? "in" : "inputs") : l === L ? (this.shortTitles ? "out" : "output")
        : this.shortTitles ? String(l) : `layer ${l}`;
      ctx.fillText(title, col[0].x + col[0].size / 2, col[0].y - 7);
    });
    if (this.drag && this.drag.target.kind === "W") {
      const { l, i, j } = this.drag.target;
      const a = nodes[l][i], b = nodes[l + 1][j];
      ctx.beginPath();
      ctx.moveTo(a.x + a.size, a.y + a.size / 2);
      ctx.lineTo(b.x, b.y + b.size / 2);
      ctx.strokeStyle = "rgba(0,0,0,0.35)";
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }

  drawLoss() {
    const run = this.run, ctx = this.lctx, W = this.lossWidth, H = 140;
    const pad = { l: 54, r: 14, t: 24, b: 34 };
    ctx.clearRect(0, 0, W, H);
    const h = run.history;
    let top = 0;
    for (const v of [...h.train, ...h.test]) if (Number.isFinite(v)) top = Math.max(top, v);
    const ymax = niceCeiling(Math.max(top * 1.05, 1e-3));
    const last = h.epochs.at(-1);
    const xmax = last > 10 ? 10 * 2 ** Math.ceil(Math.log2(last / 10)) : 10;
    const X = (e) => pad.l + (e / xmax) * (W - pad.l - pad.r);
    const Y = (v) => H - pad.b - (Math.min(v, ymax) / ymax) * (H - pad.t - pad.b);
    // axes and ticks
    ctx.strokeStyle = "#555";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(pad.l, pad.t);
    ctx.lineTo(pad.l, H - pad.b);
    ctx.lineTo(W - pad.r, H - pad.b);
    ctx.stroke();
    ctx.fillStyle = "#222";
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const v of [0, ymax / 2, ymax]) ctx.fillText(String(+v.toPrecision(3)), pad.l - 4, Y(v));
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const e of [0, xmax / 2, xmax]) ctx.fillText(String(e), X(e), H - pad.b + 4);
    ctx.textBaseline = "bottom";
    ctx.fillText("epoch", (pad.l + W - pad.r) / 2, H);
    ctx.save();
    ctx.translate(12, (pad.t + H - pad.b) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText("loss", 0, 0);
    ctx.restore();
    // curves
    const curve = (values, color, dash) => {
      ctx.beginPath();
      let started = false;
      values.forEach((v, i) => {
        if (!Number.isFinite(v)) { started = false; return; }
        if (started) ctx.lineTo(X(h.epochs[i]), Y(v)); else { ctx.moveTo(X(h.epochs[i]), Y(v)); started = true; }
      });
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.8;
      ctx.setLineDash(dash);
      ctx.stroke();
      ctx.setLineDash([]);
    };
    if (run.hasTest) curve(h.test, "#8a8a8a", [5, 3]);
    curve(h.train, "#222", []);
    // the legend above the plot area, never over the curves
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    const key = (x, text, color, dash) => {
      ctx.beginPath();
      ctx.moveTo(x, 10);
      ctx.lineTo(x + 22, 10);
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.8;
      ctx.setLineDash(dash);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = "#222";
      ctx.fillText(text, x + 27, 10);
    };
    key(pad.l, "train loss", "#222", []);
    if (run.hasTest) key(pad.l + 110, "test loss", "#8a8a8a", [5, 3]);
  }

  // --- editing weights and biases -------------------------------------------------------------
  /** The parameter under the pointer: an edge (weight) or a node after the inputs (bias). */
  hit(e) {
    const rect = this.diagramCanvas.getBoundingClientRect();
    const x = e.clientX - rect.left, y = e.clientY - rect.top;
    const nodes = this.nodes;
    for (let l = 1; l < nodes.length; l++) {
      for (let j = 0; j < nodes[l].length; j++) {
        const n = nodes[l][j];
        if (x >= n.x && x <= n.x + n.size && y >= n.y && y <= n.y + n.size) return { kind: "b", l, j, i: 0 };
      }
    }
    let best = null, bestD = 6;
    this.run.net.weights.forEach((W, l) => {
      for (let i = 0; i < W.rows; i++) {
        for (let j = 0; j < W.cols; j++) {
          const a = nodes[l][i], b = nodes[l + 1][j];
          const ax = a.x + a.size, ay = a.y + a.size / 2, bx = b.x, by = b.y + b.size / 2;
          const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
          const d = Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
          if (d < bestD) { bestD = d; best = { kind: "W", l, i, j }; }
        }
      }
    });
    return best;
  }

  indexOf(target) {
    return this.run.parameters().find((p) => p.kind === target.kind && p.l === target.l && p.i === target.i && p.j === target.j).index;
  }

  showHint(target) {
    if (!target) {
      this.readoutOut.textContent = this.run.editable
        ? "Drag a line (weight) or a hidden or output node (bias) up or down to change it."
        : `${this.run.net.nParams} weights and biases: more than ${MAX_EDIT_PARAMS}, so they are not editable (make the network smaller).`;
      return;
    }
    const p = this.run.parameters()[this.indexOf(target)];
    this.readoutOut.textContent = `${p.name} = ${this.run.parameter(p.index).toFixed(3)}`;
  }

  hover(e) {
    if (this.drag) { this.moveDrag(e); return; }
    if (!this.run.editable) { this.diagramCanvas.style.cursor = ""; return; }
    const target = this.hit(e);
    this.diagramCanvas.style.cursor = target ? "ns-resize" : "";
    this.showHint(target);
  }

  startDrag(e) {
    if (!this.run.editable) return;
    const target = this.hit(e);
    if (!target) return;
    e.preventDefault();
    this.pause();
    this.diagramCanvas.setPointerCapture(e.pointerId);
    const index = this.indexOf(target);
    this.drag = { target, index, y0: e.clientY, v0: this.run.parameter(index) };
    this.render();
    this.showHint(target);
  }

  moveDrag(e) {
    const d = this.drag;
    const value = Math.max(-10, Math.min(10, d.v0 + (d.y0 - e.clientY) * 0.02));
    this.run.setParameter(d.index, Math.round(value * 1000) / 1000);
    this.render();
    this.showHint(d.target);
  }

  endDrag(e) {
    if (!this.drag) return;
    const target = this.drag.target;
    this.drag = null;
    if (this.diagramCanvas.hasPointerCapture(e.pointerId)) this.diagramCanvas.releasePointerCapture(e.pointerId);
    this.render();
    this.showHint(target);
    this.updateAddress();
  }

  /** One labelled range input per parameter (the keyboard's way to edit them). */
  buildParams() {
    const run = this.run;
    this.paramsBody.textContent = "";
    this.paramInputs = [];
    if (!run.editable) {
      this.paramsBody.append(el("p", { text: `${run.net.nParams} weights and biases: more than ${MAX_EDIT_PARAMS}, so none is listed here (make the network smaller to edit them).` }));
      this.showHint(null);
      return;
    }
    for (const p of run.parameters()) {
      const input = el("input", { type: "range", min: -10, max: 10, step: 0.01, id: `${this.id}-p${p.index}` });
      const out = el("output", { for: input.id, class: "pg-readout" });
      input.addEventListener("input", () => {
        this.pause();
        run.setParameter(p.index, Number(input.value));
        out.textContent = Number(input.value).toFixed(2);
        this.render();
      });
      input.addEventListener("change", () => this.updateAddress());
      this.paramInputs.push({ input, out, index: p.index });
      this.paramsBody.append(el("div", { class: "pg-param" }, [el("label", { for: input.id, text: p.name }), input, out]));
    }
    this.showHint(null);
    this.syncParams();
  }

  syncParams() {
    if (!this.paramsBox.open || !this.paramInputs) return;
    for (const { input, out, index } of this.paramInputs) {
      const v = this.run.parameter(index);
      if (document.activeElement !== input) input.value = String(v);
      out.textContent = v.toFixed(2);
    }
  }
}

/** Load the stylesheet beside this module once. */
function loadStyles() {
  const href = new URL("./playground.css", import.meta.url).href;
  if ([...document.querySelectorAll("link[rel=stylesheet]")].some((l) => l.href === href)) return;
  document.head.append(el("link", { rel: "stylesheet", href }));
}

/** Mount a playground in every element with a data-nnlib-playground attribute. */
export function mount() {
  loadStyles();
  return [...document.querySelectorAll("[data-nnlib-playground]")].map((root) => {
    if (!root.nnlibPlayground) {
      try {
        performance.mark("nnlib-live-start:playground");
        root.nnlibPlayground = new Playground(root);
        performance.mark("nnlib-live:playground"); // bench/page_widgets.py: when it became usable
      } catch (e) {
        // a page's mistake (data-settings, data-controls): say so in the page and the console
        root.textContent = `The playground could not start: ${e.message}`;
        console.error(e);
        return null;
      }
    }
    return root.nnlibPlayground;
  });
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
}
