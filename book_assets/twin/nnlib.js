// nnlib.js: the browser twin of nnlib's training path, a port of nnlib/mlp.py, training.py,
// activations.py, losses.py and layers.py to plain JavaScript (an ES module, float64, no dependencies).
//
// It is not a second design: every function follows its nnlib counterpart line by line, in
// the same order of operations, with the same clipping constants, so that tests/site/test_twin.py
// can hold the two equal (forward passes, losses and gradients to 1e-12 relative, 100-step
// training runs to 1e-9) on fixtures that nnlib writes. Change nnlib, then this file, never
// this file alone. Equation labels in comments are the book's, as in nnlib.
//
// Shapes, as in nnlib: rows are samples. A matrix is {rows, cols, data: Float64Array},
// row-major. For layer l = 1..L (array index l - 1):
//     Z(l) = A(l-1) W(l) + b(l),   A(l) = phi_l(Z(l)),   A(0) = X
// with W(l) of shape (n_in, n_out) and b(l) of n_out entries.

// --- matrices -------------------------------------------------------------------------------

/** A rows x cols matrix of float64, zero-filled unless `data` is given: a Float64Array is
 *  used as it is (shared, not copied), any other array-like is copied. */
export function matrix(rows, cols, data = null) {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new Error(`matrix: rows and cols must be integers >= 0; got ${rows} x ${cols}`);
  }
  let d;
  if (data === null) d = new Float64Array(rows * cols);
  else if (data instanceof Float64Array) d = data;
  else d = Float64Array.from(data);
  if (d.length !== rows * cols) {
    throw new Error(`matrix: ${rows} x ${cols} needs ${rows * cols} entries; got ${d.length}`);
  }
  return { rows, cols, data: d };
}

/** A matrix from an array of equal-length rows, e.g. fromRows([[1, 2], [3, 4]]). */
export function fromRows(rows2d) {
  const rows = rows2d.length;
  const cols = rows ? rows2d[0].length : 0;
  const M = matrix(rows, cols);
  rows2d.forEach((r, i) => {
    if (r.length !== cols) throw new Error(`fromRows: row ${i} has ${r.length} entries, not ${cols}`);
    for (let j = 0; j < cols; j++) M.data[i * cols + j] = r[j];
  });
  return M;
}

/** Column j of a matrix as a Float64Array (e.g. one hidden unit's values over a grid). */
export function column(M, j) {
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) out[i] = M.data[i * M.cols + j];
  return out;
}

function map(A, fn) {
  const out = matrix(A.rows, A.cols);
  const a = A.data, o = out.data;
  for (let i = 0; i < a.length; i++) o[i] = fn(a[i]);
  return out;
}

function zip(A, B, fn) {
  const out = matrix(A.rows, A.cols);
  const a = A.data, b = B.data, o = out.data;
  for (let i = 0; i < a.length; i++) o[i] = fn(a[i], b[i]);
  return out;
}

// A B, A^T B and A B^T: the three products of the forward and backward passes.
export function matmul(A, B) {
  if (A.cols !== B.rows) throw new Error(`matmul: ${A.rows}x${A.cols} times ${B.rows}x${B.cols}`);
  const C = matrix(A.rows, B.cols);
  const n = A.cols, m = B.cols, a = A.data, b = B.data, c = C.data;
  for (let i = 0; i < A.rows; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < m; j++) c[i * m + j] += aik * b[k * m + j];
    }
  }
  return C;
}

export function matmulTN(A, B) { // A^T B
  if (A.rows !== B.rows) throw new Error(`matmulTN: (${A.rows}x${A.cols})^T times ${B.rows}x${B.cols}`);
  const C = matrix(A.cols, B.cols);
  const p = A.cols, m = B.cols, a = A.data, b = B.data, c = C.data;
  for (let r = 0; r < A.rows; r++) {
    for (let i = 0; i < p; i++) {
      const ari = a[r * p + i];
      for (let j = 0; j < m; j++) c[i * m + j] += ari * b[r * m + j];
    }
  }
  return C;
}

export function matmulNT(A, B) { // A B^T
  if (A.cols !== B.cols) throw new Error(`matmulNT: ${A.rows}x${A.cols} times (${B.rows}x${B.cols})^T`);
  const C = matrix(A.rows, B.rows);
  const n = A.cols, m = B.rows, a = A.data, b = B.data, c = C.data;
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * b[j * n + k];
      c[i * m + j] = s;
    }
  }
  return C;
}

// --- the affine layer (nnlib/layers.py) -----------------------------------------------------

/** Z = X W + b   [forward-pass, eq. layer] */
export function linearForward(X, W, b) {
  const Z = matmul(X, W);
  const z = Z.data, m = Z.cols;
  for (let i = 0; i < Z.rows; i++) for (let j = 0; j < m; j++) z[i * m + j] += b[j];
  return Z;
}

/** dW = A_prev^T delta, db = 1^T delta (column sums), dA_prev = delta W^T (when needed). */
export function linearBackward(delta, Aprev, W, needDA = true) {
  const dW = matmulTN(Aprev, delta);
  const db = new Float64Array(delta.cols);
  const d = delta.data, m = delta.cols;
  for (let i = 0; i < delta.rows; i++) for (let j = 0; j < m; j++) db[j] += d[i * m + j];
  const dA = needDA ? matmulNT(delta, W) : null;
  return { dA, dW, db };
}

// --- activations (nnlib/activations.py), each next to its derivative -----------------------
// deriv(Z, A) is elementwise; backward(dA, Z, A) = dA * phi'(Z), or the softmax JVP.

const SLOPE = 0.01; // leaky ReLU's slope, nnlib's default

function elementwise(name, f, deriv) {
  return {
    name, elementwise: true,
    f: (Z) => map(Z, f),
    deriv: (Z, A) => zip(Z, A, deriv),
    backward(dA, Z, A) { // dZ = dA * phi'(Z)
      const D = this.deriv(Z, A);
      return zip(dA, D, (x, y) => x * y);
    },
  };
}

function rowMax(Z, i) {
  let m = -Infinity;
  for (let j = 0; j < Z.cols; j++) m = Math.max(m, Z.data[i * Z.cols + j]);
  return m;
}

/** Row-wise softmax, shifted by the row maximum: e^(z - max z) / sum e^(z - max z). */
export function softmax(Z) {
  const E = matrix(Z.rows, Z.cols);
  const K = Z.cols;
  for (let i = 0; i < Z.rows; i++) {
    const mx = rowMax(Z, i);
    let s = 0;
    for (let j = 0; j < K; j++) { const e = Math.exp(Z.data[i * K + j] - mx); E.data[i * K + j] = e; s += e; }
    for (let j = 0; j < K; j++) E.data[i * K + j] /= s;
  }
  return E;
}

/** Row-wise log-softmax: z - max z - ln sum e^(z - max z), finite for any finite logits. */
export function logSoftmax(Z) {
  const S = matrix(Z.rows, Z.cols);
  const K = Z.cols;
  for (let i = 0; i < Z.rows; i++) {
    const mx = rowMax(Z, i);
    let s = 0;
    for (let j = 0; j < K; j++) { S.data[i * K + j] = Z.data[i * K + j] - mx; s += Math.exp(S.data[i * K + j]); }
    const ls = Math.log(s);
    for (let j = 0; j < K; j++) S.data[i * K + j] -= ls;
  }
  return S;
}

/** sigma(z) = 1/(1 + e^-z), written with e = exp(-|z|) so nothing overflows. */
function sigmoid1(z) {
  const e = Math.exp(-Math.abs(z));
  return (z >= 0 ? 1.0 : e) / (1.0 + e);
}

export const ACTIVATIONS = {
  identity: elementwise("identity", (z) => z, () => 1.0),
  // sigma' = sigma (1 - sigma), from A   [activations, eq. sigmoid-prime]
  sigmoid: elementwise("sigmoid", sigmoid1, (z, a) => a * (1.0 - a)),
  // tanh' = 1 - tanh^2, from A   [activations, eq. tanh-prime]
  tanh: elementwise("tanh", Math.tanh, (z, a) => 1.0 - a * a),
  // relu' = 1 for z > 0, else 0 (0 at z = 0), from Z
  relu: elementwise("relu", (z) => Math.max(z, 0.0), (z) => (z > 0 ? 1.0 : 0.0)),
  // leaky relu: z for z >= 0, slope z otherwise; derivative 1 or slope, from Z
  leaky_relu: elementwise("leaky_relu", (z) => (z >= 0 ? z : SLOPE * z), (z) => (z >= 0 ? 1.0 : SLOPE)),
  softmax: {
    name: "softmax", elementwise: false,
    f: softmax,
    deriv() { throw new Error("softmax has no elementwise derivative: its derivative is the Jacobian diag(s) - s s^T"); },
    // dZ = s * (dA - (dA . s)) row by row: the Jacobian-vector product J^T dA
    backward(dA, Z, A) {
      const out = matrix(A.rows, A.cols);
      const K = A.cols, a = A.data, d = dA.data;
      for (let i = 0; i < A.rows; i++) {
        let dot = 0;
        for (let j = 0; j < K; j++) dot += d[i * K + j] * a[i * K + j];
        for (let j = 0; j < K; j++) out.data[i * K + j] = a[i * K + j] * (d[i * K + j] - dot);
      }
      return out;
    },
  },
};

function getActivation(name) {
  if (!Object.hasOwn(ACTIVATIONS, name)) {
    throw new Error(`unknown activation ${JSON.stringify(name)}; valid names are: ${Object.keys(ACTIVATIONS).sort().join(", ")}`);
  }
  return ACTIVATIONS[name];
}

// --- losses (nnlib/losses.py), each next to its gradient dJ/dA (1/N included) --------------

const TINY = 2.2250738585072014e-308; // the smallest normal float64: ln(TINY) ~ -708
const clip = (x, lo, hi) => Math.min(Math.max(x, lo), hi);

function sum(M, fn) {
  let s = 0;
  for (let i = 0; i < M.data.length; i++) s += fn(i);
  return s;
}

export const LOSSES = {
  // J = 1/(2N) sum (A - Y)^2,  dJ/dA = (A - Y)/N   [losses, eq. mse]
  mse: {
    name: "mse", outputs: null,
    value: (A, Y) => sum(A, (i) => { const d = A.data[i] - Y.data[i]; return d * d; }) / (2 * A.rows),
    grad: (A, Y) => zip(A, Y, (a, y) => (a - y) / A.rows),
  },
  // J = -1/N sum Y ln A,  dJ/dA = -Y / (N A), A clipped away from 0   [losses, eq. ce]
  cross_entropy: {
    name: "cross_entropy", outputs: ["softmax", "sigmoid"],
    value: (A, Y) => -sum(A, (i) => Y.data[i] * Math.log(Math.max(A.data[i], TINY))) / A.rows,
    grad: (A, Y) => zip(A, Y, (a, y) => -y / (Math.max(a, TINY) * A.rows)),
  },
  // J = -1/N sum [Y ln A + (1-Y) ln(1-A)],  dJ/dA = (A - Y)/(N A (1 - A))   [losses, eq. bce]
  binary_cross_entropy: {
    name: "binary_cross_entropy", outputs: ["sigmoid", "softmax"],
    value: (A, Y) => -sum(A, (i) => {
      const a = clip(A.data[i], TINY, 1.0), b = clip(1.0 - A.data[i], TINY, 1.0), y = Y.data[i];
      return y * Math.log(a) + (1.0 - y) * Math.log(b);
    }) / A.rows,
    grad: (A, Y) => zip(A, Y, (a0, y) => {
      const a = clip(a0, 1e-300, 1.0 - 1e-16);
      return (a - y) / (a * (1.0 - a) * A.rows);
    }),
  },
};

/** (output activation, loss) pairs whose output delta dJ/dZ is exactly (A - Y)/N. */
export const FUSED = [["softmax", "cross_entropy"], ["sigmoid", "binary_cross_entropy"]];
const isFused = (act, loss) => FUSED.some(([a, l]) => a === act && l === loss);

function getLoss(name) {
  if (!Object.hasOwn(LOSSES, name)) {
    throw new Error(`unknown loss ${JSON.stringify(name)}; valid names are: ${Object.keys(LOSSES).sort().join(", ")}`);
  }
  return LOSSES[name];
}

/** The mean loss from the output pre-activation Z: log-softmax for softmax + cross-entropy,
 *  ln(1 + e^z) - y z for sigmoid + binary cross-entropy, else the activation then the loss. */
export function lossFromLogits(Z, Y, outputActivation, loss) {
  const act = typeof outputActivation === "string" ? getActivation(outputActivation) : outputActivation;
  const ls = typeof loss === "string" ? getLoss(loss) : loss;
  const N = Z.rows;
  if (act.name === "softmax" && ls.name === "cross_entropy") {
    const S = logSoftmax(Z);
    return -sum(S, (i) => Y.data[i] * S.data[i]) / N;
  }
  if (act.name === "sigmoid" && ls.name === "binary_cross_entropy") {
    // np.logaddexp(0, z) = max(z, 0) + log1p(exp(-|z|))
    return sum(Z, (i) => {
      const z = Z.data[i];
      return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - Y.data[i] * z;
    }) / N;
  }
  return ls.value(act.f(Z), Y);
}

/** nnlib.losses.output_delta: dJ/dZ of the output layer, (A - Y)/N for a fused pair, else the
 *  loss gradient sent back through the output activation. */
export function outputDelta(Z, A, Y, outputActivation, loss) {
  const act = typeof outputActivation === "string" ? getActivation(outputActivation) : outputActivation;
  const ls = typeof loss === "string" ? getLoss(loss) : loss;
  if (isFused(act.name, ls.name)) return zip(A, Y, (a, y) => (a - y) / Z.rows); // [losses, eq. fused-delta]
  return act.backward(ls.grad(A, Y), Z, A);
}

// --- the network (nnlib/mlp.py) -------------------------------------------------------------

/** nnlib's divergence factor: see fit. */
export const DIVERGENCE_FACTOR = 1e3;

const NATURAL_OUTPUT = { mse: "identity", cross_entropy: "softmax", binary_cross_entropy: "sigmoid" };

export class MLP {
  /**
   * @param {object} o
   * @param {number[]} o.sizes  units per layer, input first, e.g. [2, 3, 2]
   * @param {string[]|string} o.activations  one name per layer after the input (output
   *   included); a single name means that hidden activation with the loss's natural output
   * @param {string} o.loss  "mse", "cross_entropy" or "binary_cross_entropy"
   * Parameters start at zero: set them with setFlat or initialize.
   */
  constructor({ sizes, activations = "tanh", loss = "mse" } = {}) {
    if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s >= 1)) {
      throw new Error(`sizes must list at least 2 positive integers (inputs first), e.g. [2, 3, 2]; got ${JSON.stringify(sizes)}`);
    }
    this.lossFn = getLoss(loss);
    const L = sizes.length - 1;
    if (typeof activations === "string") {
      activations = [...Array(L - 1).fill(activations), NATURAL_OUTPUT[loss]];
    }
    if (!Array.isArray(activations) || activations.length !== L) {
      throw new Error(`expected ${L} activations for sizes ${JSON.stringify(sizes)} (one per layer after the input); got ${JSON.stringify(activations)}`);
    }
    this.activations = activations.map(getActivation);
    this.activations.slice(0, -1).forEach((a, l) => {
      if (!a.elementwise) throw new Error(`softmax can only be the output activation; layer ${l} has it`);
    });
    const out = this.activations[L - 1];
    if (out.name === "softmax" && sizes[L] < 2) {
      throw new Error("a softmax output needs at least 2 units; for two classes use one sigmoid output with binary_cross_entropy");
    }
    if (this.lossFn.outputs && !this.lossFn.outputs.includes(out.name)) {
      throw new Error(`loss ${JSON.stringify(loss)} needs probabilities as outputs; use one of the output activations ${this.lossFn.outputs.join(", ")}; got ${JSON.stringify(out.name)}`);
    }
    this.sizes = sizes.slice();
    // every weight and bias is a view into one flat vector laid out as W1, b1, W2, b2, ...
    // (W row-major), the order of nnlib's get_flat
    this.nParams = 0;
    for (let l = 0; l < L; l++) this.nParams += sizes[l] * sizes[l + 1] + sizes[l + 1];
    this.theta = new Float64Array(this.nParams);
    this.weights = [];
    this.biases = [];
    let i = 0;
    for (let l = 0; l < L; l++) {
      const nIn = sizes[l], nOut = sizes[l + 1];
      this.weights.push(matrix(nIn, nOut, this.theta.subarray(i, i + nIn * nOut)));
      i += nIn * nOut;
      this.biases.push(this.theta.subarray(i, i + nOut));
      i += nOut;
    }
    this.velocity = null; // momentum velocity (flat), allocated by the first momentum step
  }

  get lossName() { return this.lossFn.name; }

  /** True when the output delta uses the shortcut (A - Y)/N. */
  get fused() { return isFused(this.activations.at(-1).name, this.lossFn.name); }

  getFlat() { return this.theta.slice(); }

  setFlat(theta) {
    if (!theta || theta.length !== this.nParams) {
      throw new Error(`expected a parameter vector of ${this.nParams} entries; got ${theta ? theta.length : theta}`);
    }
    for (let i = 0; i < theta.length; i++) {
      if (!Number.isFinite(theta[i])) throw new Error(`parameter ${i} is ${theta[i]}: parameters must be finite numbers`);
    }
    this.theta.set(theta);
  }

  /** Initial weights drawn from `rng` (rng(seed) below) with nnlib's standard deviations;
   *  biases zero. The draws are not NumPy's: the same seed gives other numbers than nnlib. */
  initialize(random, init = "auto") {
    const theta = new Float64Array(this.nParams);
    let i = 0;
    this.sizes.slice(0, -1).forEach((nIn, l) => {
      const nOut = this.sizes[l + 1];
      const std = initStd(this.activations[l].name, nIn, nOut, init);
      for (let k = 0; k < nIn * nOut; k++) theta[i++] = std * random.normal();
      i += nOut;
    });
    this.setFlat(theta);
    this.velocity = null;
  }

  checkX(X) {
    if (!X || X.cols !== this.sizes[0] || !(X.rows > 0)) {
      throw new Error(`X must be a matrix of shape (N, ${this.sizes[0]}) with N >= 1; got ${X ? `${X.rows}x${X.cols}` : X}`);
    }
  }

  /** Forward pass that keeps what backward needs: {Zs, As}, As[0] = X, As[l + 1] after
   *  dropout when `masks` (one per hidden layer, already scaled by 1/(1-p)) are given. */
  forwardCache(X, masks = null) {
    this.checkX(X);
    if (masks) checkMasks(this, masks, X.rows, "masks");
    const Zs = [], As = [X];
    const last = this.weights.length - 1;
    let A = X;
    this.weights.forEach((W, l) => {
      const Z = linearForward(A, W, this.biases[l]); // Z = A W + b
      A = this.activations[l].f(Z); //                 A = phi(Z)
      if (masks && l < last) A = zip(A, masks[l], (a, m) => a * m); // inverted dropout
      Zs.push(Z);
      As.push(A);
    });
    return { Zs, As };
  }

  forward(X) { return this.forwardCache(X).As.at(-1); }

  /** lambda/(2 nTrain) sum W^2 (biases excluded); nTrain defaults to the batch's N. */
  l2Term(l2, N) {
    if (!l2) return 0.0;
    let s = 0;
    for (const W of this.weights) s += sum(W, (i) => W.data[i] * W.data[i]);
    return (l2 / (2 * N)) * s;
  }

  /** Mean loss over the N samples plus lambda/(2 nTrain) sum W^2 (of the network thinned
   *  by dropout `masks` when given). */
  loss(X, Y, { l2 = 0, nTrain = null, masks = null } = {}) {
    checkData(this, X, Y);
    const { Zs } = this.forwardCache(X, masks);
    return lossFromLogits(Zs.at(-1), Y, this.activations.at(-1), this.lossFn) + this.l2Term(l2, nTrain ?? X.rows);
  }

  /** Backprop through a forward cache: {dWs, dbs, flat} (flat in getFlat's order). */
  backward({ Zs, As }, Y, { l2 = 0, nTrain = null, masks = null } = {}) {
    if (!Y || Y.rows !== As[0].rows || Y.cols !== this.sizes.at(-1)) {
      throw new Error(`Y must have shape (${As[0].rows}, ${this.sizes.at(-1)}) to match the cache; got ${Y ? `${Y.rows}x${Y.cols}` : Y}`);
    }
    const N = Y.rows;
    const n = nTrain ?? N;
    const L = this.weights.length;
    let delta = outputDelta(Zs[L - 1], As[L], Y, this.activations[L - 1], this.lossFn);
    const flat = new Float64Array(this.nParams);
    const dWs = new Array(L), dbs = new Array(L);
    let offset = this.nParams;
    for (let l = L - 1; l >= 0; l--) {
      // dW = A_prev^T delta (+ lambda/n W), db = 1^T delta   [backprop-matrix, eq. dW]
      const { dA, dW, db } = linearBackward(delta, As[l], this.weights[l], l > 0);
      if (l2) {
        const c = l2 / n, w = this.weights[l].data;
        for (let i = 0; i < w.length; i++) dW.data[i] += c * w[i];
      }
      offset -= dW.data.length + db.length;
      flat.set(dW.data, offset);
      flat.set(db, offset + dW.data.length);
      dWs[l] = matrix(dW.rows, dW.cols, flat.subarray(offset, offset + dW.data.length));
      dbs[l] = flat.subarray(offset + dW.data.length, offset + dW.data.length + db.length);
      if (l > 0) {
        let dAprev = dA, H = As[l];
        if (masks) {
          dAprev = zip(dA, masks[l - 1], (d, m) => d * m);
          H = this.activations[l - 1].f(Zs[l - 1]); // undropped activation for phi'
        }
        // delta_l = (delta_{l+1} W_{l+1}^T) * phi'(Z_l)   [backprop-matrix, eq. delta1]
        delta = this.activations[l - 1].backward(dAprev, Zs[l - 1], H);
      }
    }
    return { dWs, dbs, flat };
  }

  /** Gradients of loss() on (X, Y): {dWs, dbs, flat}. */
  gradients(X, Y, { l2 = 0, nTrain = null, masks = null } = {}) {
    checkData(this, X, Y);
    return this.backward(this.forwardCache(X, masks), Y, { l2, nTrain, masks });
  }

  resetVelocity() { this.velocity = null; }

  /** One gradient-descent update on the batch (X, Y): theta -= lr g, or with momentum mu
   *  v = mu v - lr g, theta += v (v kept on the network). Returns the batch loss (with the
   *  L2 term) from the forward pass before the update. */
  step(X, Y, { lr, l2 = 0, momentum = 0, masks = null, nTrain = null } = {}) {
    checkHyper({ lr, l2, momentum });
    checkData(this, X, Y);
    if (nTrain !== null && !(Number.isInteger(nTrain) && nTrain >= 1)) throw new Error(`nTrain must be null or an integer >= 1; got ${nTrain}`);
    return this._update(X, Y, { lr, l2, momentum, masks, nTrain });
  }

  /** step on checked data (internal: fit checks once per call, not per batch). */
  _update(X, Y, { lr, l2, momentum, masks, nTrain }) {
    const cache = this.forwardCache(X, masks);
    const L = this.weights.length;
    const loss = lossFromLogits(cache.Zs[L - 1], Y, this.activations[L - 1], this.lossFn)
      + this.l2Term(l2, nTrain ?? X.rows);
    const g = this.backward(cache, Y, { l2, nTrain, masks }).flat;
    const theta = this.theta;
    for (let i = 0; i < g.length; i++) g[i] *= lr;
    if (momentum) {
      if (this.velocity === null) this.velocity = new Float64Array(this.nParams);
      const v = this.velocity;
      for (let i = 0; i < v.length; i++) { v[i] *= momentum; v[i] -= g[i]; theta[i] += v[i]; }
    } else {
      for (let i = 0; i < g.length; i++) theta[i] -= g[i];
    }
    return loss;
  }

  /** softmax: arg-max class per row (Int32Array); one sigmoid output: 0/1 per row
   *  (Int32Array); several sigmoid outputs: 0/1 matrix; otherwise the outputs. */
  predict(X) {
    const A = this.forward(X);
    const name = this.activations.at(-1).name;
    if (name === "softmax") {
      const out = new Int32Array(A.rows);
      for (let i = 0; i < A.rows; i++) {
        let best = 0;
        for (let j = 1; j < A.cols; j++) if (A.data[i * A.cols + j] > A.data[i * A.cols + best]) best = j;
        out[i] = best;
      }
      return out;
    }
    if (name === "sigmoid") {
      const labels = map(A, (a) => (a >= 0.5 ? 1 : 0));
      return A.cols === 1 ? Int32Array.from(labels.data) : labels;
    }
    return A;
  }
}

/** nnlib's initial standard deviation for a layer (MLP's `init`): "auto" is He for ReLU-like
 *  layers and LeCun N(0, 1/n_in) otherwise; also "xavier", "he", "lecun" or a number. */
export function initStd(activation, nIn, nOut, init = "auto") {
  if (typeof init === "number" && Number.isFinite(init) && init >= 0) return init;
  if (init === "auto") return Math.sqrt(((activation === "relu" || activation === "leaky_relu") ? 2.0 : 1.0) / nIn);
  if (init === "xavier") return Math.sqrt(2.0 / (nIn + nOut));
  if (init === "he") return Math.sqrt(2.0 / nIn);
  if (init === "lecun") return Math.sqrt(1.0 / nIn);
  throw new Error(`unknown init ${JSON.stringify(init)}; valid: "auto", "xavier", "he", "lecun" or a number >= 0`);
}

// --- checks: bad input gets a clear error before anything changes --------------------------

function checkHyper({ lr, l2 = 0, momentum = 0, dropout = 0 }) {
  if (!(typeof lr === "number" && lr > 0 && lr < Infinity)) throw new Error(`lr must be a finite number > 0; got ${lr}`);
  if (!(typeof l2 === "number" && l2 >= 0 && l2 < Infinity)) throw new Error(`l2 must be a finite number >= 0; got ${l2}`);
  if (!(typeof momentum === "number" && momentum >= 0 && momentum < 1)) throw new Error(`momentum must be in [0, 1); got ${momentum}`);
  if (!(typeof dropout === "number" && dropout >= 0 && dropout < 1)) throw new Error(`dropout must be in [0, 1); got ${dropout}`);
}

const ROW_SUM_TOL = 1e-6 + 1e-5; // nnlib's tolerance for probability rows

/** X and Y: shapes, finite entries, and targets the loss accepts (nnlib's target checks). */
function checkData(net, X, Y) {
  net.checkX(X);
  const K = net.sizes.at(-1);
  if (!Y || Y.rows !== X.rows || Y.cols !== K) {
    throw new Error(`Y must have shape (${X.rows}, ${K}) to match X and the output layer; got ${Y ? `${Y.rows}x${Y.cols}` : Y}`);
  }
  for (const [name, M] of [["X", X], ["Y", Y]]) {
    for (let i = 0; i < M.data.length; i++) {
      if (!Number.isFinite(M.data[i])) throw new Error(`${name} contains NaN or inf (first at row ${Math.floor(i / M.cols)}, column ${i % M.cols})`);
    }
  }
  const y = Y.data, loss = net.lossFn.name;
  if (loss === "binary_cross_entropy" && y.some((v) => v < 0 || v > 1)) {
    throw new Error("binary_cross_entropy targets must lie in [0, 1]");
  }
  if (loss === "cross_entropy") {
    for (let i = 0; i < Y.rows; i++) {
      let rowSum = 0;
      for (let j = 0; j < K; j++) {
        if (y[i * K + j] < 0) throw new Error(`cross_entropy targets must be one-hot rows or probability rows; row ${i} has a negative entry`);
        rowSum += y[i * K + j];
      }
      if (Math.abs(rowSum - 1) > ROW_SUM_TOL) throw new Error(`cross_entropy targets must be one-hot rows or probability rows summing to 1; row ${i} sums to ${rowSum}`);
    }
  }
}

/** Dropout masks for an n-row batch: one (n, units) matrix per hidden layer. */
function checkMasks(net, masks, n, where) {
  const hidden = net.sizes.slice(1, -1);
  if (!Array.isArray(masks) || masks.length !== hidden.length) {
    throw new Error(`${where} must list ${hidden.length} matrices (one per hidden layer); got ${masks && masks.length}`);
  }
  masks.forEach((m, l) => {
    if (!m || m.rows !== n || m.cols !== hidden[l]) {
      throw new Error(`${where}[${l}] must be ${n}x${hidden[l]} (batch rows x units); got ${m ? `${m.rows}x${m.cols}` : m}`);
    }
  });
}

function checkOrder(order, N, epoch) {
  const seen = new Uint8Array(N);
  const ok = order && order.length === N && Array.from(order).every((i) => Number.isInteger(i) && i >= 0 && i < N && !seen[i] && (seen[i] = 1));
  if (!ok) throw new Error(`orders[${epoch}] must be a permutation of 0..${N - 1}`);
}

// --- training (nnlib's MLP.fit) -------------------------------------------------------------

/** Inverted-dropout masks for the hidden layers of an n-row batch: keep with probability
 *  1 - p, scaled by 1/(1 - p) (nnlib's MLP.dropout_masks, with this module's rng). */
export function dropoutMasks(net, n, p, random) {
  if (!p) return null;
  const keep = 1.0 - p;
  return net.sizes.slice(1, -1).map((units) => {
    const M = matrix(n, units);
    for (let i = 0; i < M.data.length; i++) M.data[i] = (random.random() < keep ? 1 : 0) / keep;
    return M;
  });
}

function rowsOf(M, idx) {
  const out = matrix(idx.length, M.cols);
  for (let r = 0; r < idx.length; r++) out.data.set(M.data.subarray(idx[r] * M.cols, (idx[r] + 1) * M.cols), r * M.cols);
  return out;
}

function allFinite(a) {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/**
 * Train by (mini-batch) gradient descent, as nnlib's MLP.fit: per batch one step with
 * L2 lambda/(2 nTrain) sum W^2, nTrain the training-set size (so the objective does not
 * depend on the batch size); each epoch's loss is the mean over its batches of the loss
 * measured before each update (weighted by batch size).
 *
 * Mini-batch order: orders[epoch] (a permutation of 0..N-1, as nnlib's rng.permutation(N)
 * draws it) or, without orders, a permutation drawn from `random`. Dropout: masks[epoch][batch]
 * (one matrix per hidden layer, already scaled) or, without masks, drawn from `random` with
 * probability `dropout`.
 *
 * Divergence (nnlib's rule, DIVERGENCE_FACTOR's docstring): the run has diverged in the first
 * epoch whose loss is not finite or above DIVERGENCE_FACTOR * max(J0, 1), or after which a
 * parameter is not finite; J0 is the loss of the network as it was before the first update,
 * on the whole training set, L2 term included (a run continued over several calls passes the
 * first call's result.referenceLoss as `referenceLoss`); a non-finite J0 judges finiteness
 * only. The parameters are then restored to their values at the start of that epoch, the
 * velocity is dropped, and that epoch's loss is not appended.
 *
 * @returns {{losses: number[], diverged: boolean, divergedEpoch: number|null, message: string,
 *   referenceLoss: number|null}}
 */
export function fit(net, X, Y, {
  lr, epochs, batchSize = null, momentum = 0, l2 = 0, dropout = 0,
  orders = null, masks = null, random = null, keepVelocity = false, callback = null,
  referenceLoss = null,
} = {}) {
  checkHyper({ lr, l2, momentum, dropout });
  if (referenceLoss !== null && !Number.isFinite(referenceLoss)) throw new Error(`referenceLoss must be a finite number or null; got ${referenceLoss}`);
  checkData(net, X, Y);
  const N = X.rows;
  if (!(Number.isInteger(epochs) && epochs >= 0)) throw new Error(`epochs must be an integer >= 0; got ${epochs}`);
  if (batchSize !== null && !(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new Error(`batchSize must be null (full batch) or an integer in 1..${N}; got ${batchSize}`);
  }
  const full = batchSize === null || batchSize >= N;
  if (!full && !orders && !random) throw new Error("mini-batches need `orders` or a `random` generator to shuffle with");
  if (orders && !full) {
    if (orders.length < epochs) throw new Error(`orders lists ${orders.length} epochs; ${epochs} requested`);
    for (let e = 0; e < epochs; e++) checkOrder(orders[e], N, e);
  }
  if (dropout && !masks && !random) throw new Error("dropout needs `masks` or a `random` generator to draw them");
  if (masks) { // masks[epoch][batch], every one checked before the first update
    if (masks.length < epochs) throw new Error(`masks lists ${masks.length} epochs; ${epochs} requested`);
    const sizes = full ? [N] : Array.from({ length: Math.ceil(N / batchSize) }, (_, b) => Math.min(batchSize, N - b * batchSize));
    for (let e = 0; e < epochs; e++) {
      if (!masks[e] || masks[e].length !== sizes.length) throw new Error(`masks[${e}] must list ${sizes.length} batches; got ${masks[e] && masks[e].length}`);
      sizes.forEach((n, b) => checkMasks(net, masks[e][b], n, `masks[${e}][${b}]`));
    }
  }
  if (!keepVelocity) net.velocity = null;
  const useMasks = masks !== null || dropout > 0;
  const maskFor = (epoch, batch, n) => {
    if (!useMasks) return null;
    return masks ? masks[epoch][batch] : dropoutMasks(net, n, dropout, random);
  };
  const result = { losses: [], diverged: false, divergedEpoch: null, message: "no epochs run", referenceLoss: null };
  if (epochs === 0) return result;
  // J0: the untrained network's loss on the whole training set (L2 term included), measured
  // once before the first update; for a full batch without dropout it is epoch 0's loss
  let J0 = referenceLoss;
  if (J0 === null && !(full && !useMasks)) J0 = net.loss(X, Y, { l2, nTrain: N });
  let limit = null;
  const opts = { lr, l2, momentum, nTrain: N };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const start = net.getFlat();
    let total = 0;
    if (full) {
      total = net._update(X, Y, { ...opts, masks: maskFor(epoch, 0, N) }) * N;
    } else {
      const order = orders ? orders[epoch] : random.permutation(N);
      for (let first = 0, b = 0; first < N; first += batchSize, b++) {
        const idx = order.slice(first, first + batchSize);
        const n = idx.length;
        total += net._update(rowsOf(X, idx), rowsOf(Y, idx), { ...opts, masks: maskFor(epoch, b, n) }) * n;
      }
    }
    const epochLoss = total / N;
    if (J0 === null) J0 = epochLoss;
    if (limit === null) {
      result.referenceLoss = J0;
      limit = Number.isFinite(J0) ? DIVERGENCE_FACTOR * Math.max(J0, 1.0) : Infinity;
    }
    const finite = Number.isFinite(epochLoss) && allFinite(net.theta);
    if (!finite || epochLoss > limit) {
      net.theta.set(start);
      net.velocity = null;
      result.diverged = true;
      result.divergedEpoch = epoch;
      const what = finite ? `rose to ${epochLoss.toPrecision(3)}` : "became non-finite";
      result.message = `training diverged in epoch ${epoch}: the loss ${what} (learning rate ${lr} is probably too large); the parameters were restored to their values at the start of that epoch`;
      return result;
    }
    result.losses.push(epochLoss);
    if (callback && callback(epoch, epochLoss, net) === true) break;
  }
  const n = result.losses.length;
  if (n) result.message = `trained ${n} epochs; final loss ${result.losses[n - 1].toPrecision(4)}`;
  return result;
}

// --- a small seeded generator for the page (not NumPy's: same seed, other numbers) ----------

/** mulberry32: {random() in [0, 1), normal() (Box-Muller), permutation(n) (Fisher-Yates)}. */
export function rng(seed = 0) {
  let s = (Number(seed) >>> 0) || 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare = null;
  const normal = () => {
    if (spare !== null) { const z = spare; spare = null; return z; }
    let u = 0;
    while (u === 0) u = random();
    const r = Math.sqrt(-2 * Math.log(u)), t = 2 * Math.PI * random();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
  const permutation = (n) => {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  };
  return { random, normal, permutation };
}

// --- what the page draws: pure computation on the network -----------------------------------

/** The data's bounding box widened by `margin`: {x0, x1, y0, y1} (nnlib.experiments.regions.decision_grid). */
export function gridBox(X, margin) {
  if (!X || X.cols !== 2 || X.rows < 1) throw new Error(`gridBox needs 2-D points (N x 2, N >= 1); got ${X ? `${X.rows}x${X.cols}` : X}`);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < X.rows; i++) {
    const x = X.data[2 * i], y = X.data[2 * i + 1];
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return { x0: x0 - margin, x1: x1 + margin, y0: y0 - margin, y1: y1 + margin };
}

/** np.linspace(lo, hi, n): lo + i * step, the last point exactly hi. */
function linspace(lo, hi, n) {
  const out = new Float64Array(n);
  const step = (hi - lo) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + lo;
  if (n > 1) out[n - 1] = hi;
  return out;
}

/** A resolution x resolution grid over the box, as a (resolution^2, 2) matrix, row-major from
 *  the lower left (x fastest), the layout of nnlib.experiments.regions.decision_grid and imshow(origin="lower"). */
export function gridPoints(box, resolution) {
  if (!(Number.isInteger(resolution) && resolution >= 2)) throw new Error(`resolution must be an integer >= 2; got ${resolution}`);
  if (!box || ![box.x0, box.x1, box.y0, box.y1].every(Number.isFinite)) throw new Error(`gridPoints needs a box {x0, x1, y0, y1} of finite numbers; got ${JSON.stringify(box)}`);
  const xs = linspace(box.x0, box.x1, resolution), ys = linspace(box.y0, box.y1, resolution);
  const G = matrix(resolution * resolution, 2);
  for (let i = 0; i < resolution; i++) {
    for (let j = 0; j < resolution; j++) {
      G.data[2 * (i * resolution + j)] = xs[j];
      G.data[2 * (i * resolution + j) + 1] = ys[i];
    }
  }
  return G;
}

/** The network on grid points G: {output: (G, K) matrix, hidden: [one (G, units) matrix per
 *  hidden layer]}; column j of hidden[l] is unit j's map (column(hidden[l], j)). */
export function gridMaps(net, G) {
  const { As } = net.forwardCache(G);
  return { output: As.at(-1), hidden: As.slice(1, -1) };
}

/** Class scores in [0, 1] whose rows sum to 1, from network outputs (nnlib.experiments.regions.
 *  scores): one column is read as the score of class 1 (clipped), else K columns, negative
 *  parts and NaN set to 0, uniform where everything is 0. */
export function scores(A, nClasses) {
  const S = matrix(A.rows, nClasses);
  if (A.cols === 1) {
    for (let i = 0; i < A.rows; i++) {
      const a0 = A.data[i];
      const a = clip(Number.isNaN(a0) ? 0.5 : a0, 0.0, 1.0);
      S.data[2 * i] = 1.0 - a;
      S.data[2 * i + 1] = a;
    }
    return S;
  }
  if (A.cols !== nClasses) throw new Error(`outputs must have 1 or ${nClasses} columns; got ${A.cols}`);
  for (let i = 0; i < A.rows; i++) {
    let total = 0;
    for (let j = 0; j < nClasses; j++) {
      const a = A.data[i * nClasses + j]; // np.nan_to_num: NaN -> 0, +-inf -> +-MAX_VALUE
      const s = Math.max(Number.isNaN(a) ? 0.0 : clip(a, -Number.MAX_VALUE, Number.MAX_VALUE), 0.0);
      S.data[i * nClasses + j] = s;
      total += s;
    }
    for (let j = 0; j < nClasses; j++) {
      S.data[i * nClasses + j] = total > 0 ? S.data[i * nClasses + j] / total : 1.0 / nClasses;
    }
  }
  return S;
}

// --- the chapters' live widgets (book_assets/twin/widgets/): pure computation ---------------
// Each function is the twin of one nnlib function (named in its comment); tests/site/test_twin.py
// compares them on fixtures nnlib writes, like everything above.

export { linspace };

/** nnlib.activations.softmax_jacobian for one logit vector z (n >= 2): {s, J} with
 *  J[i][j] = ds_i/dz_j = s_i [i = j] - s_i s_j, an n x n matrix   [softmax, eq. jacobian] */
export function softmaxJacobian(z) {
  const n = z.length;
  if (!(n >= 2) || !Array.from(z).every(Number.isFinite)) throw new Error(`z must be one logit vector of at least 2 finite entries; got [${Array.from(z).join(", ")}]`);
  const s = softmax(matrix(1, n, Array.from(z))).data;
  const J = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) J.data[i * n + j] = (i === j ? s[i] : 0.0) - s[i] * s[j];
  }
  return { s, J };
}

/** nnlib.activations.sigmoid on an array of numbers. */
function sigmoidArray(a) { return Float64Array.from(a, sigmoid1); }

/** nnlib.experiments.activations.scaled_sigmoid_curves: y = c sigma(beta z) and
 *  y' = c beta sigma(beta z)(1 - sigma(beta z)) on the grid z   [activations, eq. scaled-sigmoid] */
export function scaledSigmoidCurves(z, c = 1.0, beta = 1.0) {
  if (!Number.isFinite(c) || !Number.isFinite(beta)) throw new Error(`c and beta must be finite numbers; got c=${c}, beta=${beta}`);
  const s = sigmoidArray(Array.from(z, (a) => beta * a));
  return { y: s.map((v) => c * v), dy: s.map((v) => c * beta * v * (1.0 - v)) };
}

/** nnlib.experiments.curves.activation_curves("leaky_relu", z, slope=slope): {a, da}. */
export function leakyReluCurves(z, slope = SLOPE) {
  if (!Number.isFinite(slope)) throw new Error(`slope must be a finite number; got ${slope}`);
  return { a: Float64Array.from(z, (v) => (v >= 0 ? v : slope * v)), da: Float64Array.from(z, (v) => (v >= 0 ? 1.0 : slope)) };
}

/** nnlib.experiments.bias.bias_curve: y = tanh(w x + b) on x, its value at 0, tanh(b), and where it
 *  crosses zero, -b/w (null when w = 0). */
export function biasCurve(w, b, x) {
  if (!Number.isFinite(w) || !Number.isFinite(b)) throw new Error(`w and b must be finite numbers; got w=${w}, b=${b}`);
  return { y: Float64Array.from(x, (v) => Math.tanh(w * v + b)), atZero: Math.tanh(b), crossing: w === 0 ? null : -b / w + 0.0 };
}

// One-parameter losses of nnlib.experiments.descent.LOSSES_1D, each next to its derivative.
export const LOSSES_1D = {
  // J = 1/2 (theta - 2)^2 and J' = theta - 2
  quadratic: { name: "quadratic", f: (t) => 0.5 * (t - 2.0) ** 2, df: (t) => t - 2.0, xlim: [-2.0, 6.0], start: 5.0, curvature: 1.0, latex: "\\frac{1}{2}(\\theta-2)^2" },
  // J = (theta^2 - 1)^2 + 0.3 theta and J' = 4 theta (theta^2 - 1) + 0.3
  "two valleys": { name: "two valleys", f: (t) => (t * t - 1.0) ** 2 + 0.3 * t, df: (t) => 4.0 * t * (t * t - 1.0) + 0.3, xlim: [-1.8, 1.8], start: 1.6, curvature: null, latex: "(\\theta^2-1)^2 + 0.3\\,\\theta" },
};
export const DIVERGENCE_LIMIT = 1e6;

function loss1d(name) {
  if (typeof name === "object" && name && name.df) return name;
  if (!Object.hasOwn(LOSSES_1D, name)) throw new Error(`unknown 1-D loss '${name}'; valid: ${Object.keys(LOSSES_1D).join(", ")}`);
  return LOSSES_1D[name];
}

/** nnlib.experiments.descent.descend_1d: theta_{k+1} = theta_k + v, v <- mu v - eta J'(theta_k)
 *  [gradient descent, eq-gd-update]; iterates after |theta| passes `limit` are NaN. */
export function descend1d(loss, theta0, lr, steps, { limit = DIVERGENCE_LIMIT, momentum = 0.0 } = {}) {
  loss = loss1d(loss);
  if (!Number.isFinite(theta0)) throw new Error(`theta0 must be a finite number; got ${theta0}`);
  if (!(Number.isFinite(lr) && lr > 0)) throw new Error(`lr must be a finite number > 0; got ${lr}`);
  if (!(Number.isInteger(steps) && steps >= 0)) throw new Error(`steps must be a whole number >= 0; got ${steps}`);
  if (!(Number.isFinite(momentum) && momentum >= 0 && momentum < 1)) throw new Error(`momentum must be in [0, 1); got ${momentum}`);
  const thetas = new Float64Array(steps + 1).fill(NaN);
  let theta = theta0, v = 0.0;
  thetas[0] = theta;
  for (let k = 1; k <= steps; k++) {
    v = momentum * v - lr * loss.df(theta);
    theta = theta + v;
    if (!Number.isFinite(theta) || Math.abs(theta) > limit) break;
    thetas[k] = theta;
  }
  return thetas;
}

const isclose = (a, b) => Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b); // np.isclose

/** nnlib.experiments.descent.quadratic_regime: what eta does on a/2 (theta - c)^2. */
export function quadraticRegime(lr, curvature = 1.0) {
  if (!(lr > 0 && curvature > 0)) throw new Error(`lr and curvature must be > 0; got ${lr} and ${curvature}`);
  const r = lr * curvature;
  if (isclose(r, 1.0)) return "one step";
  if (isclose(r, 2.0)) return "bounces";
  if (r < 1) return "creeps";
  return r < 2 ? "oscillates" : "diverges";
}

/** Python's format(x, ".{p}g") and format(x, ".{p}e"), for the widgets' texts. */
export function formatG(x, p) {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const e = Number(x.toExponential(p - 1).split("e")[1]);
  if (e < -4 || e >= p) return formatE(x, p - 1).replace(/\.?0+e/, "e");
  return x.toFixed(Math.max(p - 1 - e, 0)).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}
export function formatE(x, d) {
  const [m, e] = x.toExponential(d).split("e");
  const n = Math.abs(Number(e));
  return `${m}e${e[0] === "-" ? "-" : "+"}${n < 10 ? "0" : ""}${n}`;
}

/** nnlib.experiments.descent.regime_text. */
export function regimeText(loss, lr, momentum = 0.0) {
  loss = loss1d(loss);
  if (loss.curvature === null || lr === null || momentum) return "";
  return `ηa = ${formatG(lr * loss.curvature, 3)}: ${quadraticRegime(lr, loss.curvature)}`;
}

const SUB = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).replace(/\d/g, (d) => SUB[d]);

/** nnlib.experiments.descent.describe_descent: how a run of descend1d ended. */
export function describeDescent(loss, thetas, { lr = null, momentum = 0.0, limit = DIVERGENCE_LIMIT, regime = true } = {}) {
  loss = loss1d(loss);
  const n = thetas.length - 1;
  let extra = regime ? regimeText(loss, lr, momentum) : "";
  extra = extra ? ` (${extra})` : "";
  const k = Array.from(thetas).findIndex((t) => !Number.isFinite(t));
  if (k >= 0) return `DIVERGED: |θ| passed ${formatE(limit, 0)} at step ${k}` + extra;
  const [lo, hi] = loss.xlim;
  const out = Array.from(thetas).findIndex((t) => t < lo || t > hi);
  if (out >= 0) return `left the plot at step ${out}, |θ${sub(n)}| = ${formatG(Math.abs(thetas[n]), 3)}` + extra;
  const last = thetas[n];
  return `θ${sub(n)} = ${last.toFixed(3)}, J = ${loss.f(last).toFixed(3)}` + extra;
}

/** The title of nnlib.plot.descent.DescentArtists.show: the settings, then the outcome. */
export function descentTitle(loss, lr, theta0, momentum, steps) {
  loss = loss1d(loss);
  const thetas = descend1d(loss, theta0, lr, steps, { momentum });
  let head = `η = ${formatG(lr, 3)}` + (momentum ? `, μ = ${formatG(momentum, 2)}` : "");
  const regime = regimeText(loss, lr, momentum);
  head += regime ? ` (${regime})` : "";
  return { thetas, title: `${head}\n${describeDescent(loss, thetas, { lr, momentum, regime: false })}` };
}

// Momentum on the ravine J = (a theta1^2 + b theta2^2)/2 (nnlib.experiments.momentum).
export const RAVINE = [1.0, 20.0];
export const RAVINE_START = [-9.0, 1.5];

/** nnlib.experiments.momentum.ravine_loss at one point. */
export function ravineLoss(theta, curvature = RAVINE) {
  const [a, b] = curvature;
  return 0.5 * (a * theta[0] ** 2 + b * theta[1] ** 2);
}

/** nnlib.experiments.momentum.descend_ravine: v <- mu v - eta grad J(theta), theta <- theta + v, from
 *  v = 0; an array of steps + 1 points [theta1, theta2], NaN after |theta| passes `limit`. */
export function descendRavine(theta0 = RAVINE_START, lr = 0.09, momentum = 0.0, steps = 40, curvature = RAVINE, limit = 1e6) {
  if (!(Number.isFinite(lr) && lr > 0)) throw new Error(`lr must be a finite number > 0; got ${lr}`);
  if (!(Number.isFinite(momentum) && momentum >= 0 && momentum < 1)) throw new Error(`momentum must be in [0, 1); got ${momentum}`);
  if (!(Number.isInteger(steps) && steps >= 0)) throw new Error(`steps must be a whole number >= 0; got ${steps}`);
  const [a, b] = curvature;
  const path = Array.from({ length: steps + 1 }, () => [NaN, NaN]);
  let t = [theta0[0], theta0[1]], v = [0.0, 0.0];
  path[0] = [...t];
  for (let k = 1; k <= steps; k++) {
    v = [momentum * v[0] - lr * (t[0] * a), momentum * v[1] - lr * (t[1] * b)];
    t = [t[0] + v[0], t[1] + v[1]];
    if (!t.every(Number.isFinite) || Math.max(Math.abs(t[0]), Math.abs(t[1])) > limit) break;
    path[k] = [...t];
  }
  return path;
}

/** nnlib.experiments.momentum.ravine_summary: "diverged" or the loss at the end of the path. */
export function ravineLabel(path, curvature = RAVINE) {
  const ok = path.filter((p) => p.every(Number.isFinite));
  if (ok.length < path.length) return "diverged";
  return `loss after ${path.length - 1} steps: ${formatG(ravineLoss(ok.at(-1), curvature), 2)}`;
}
