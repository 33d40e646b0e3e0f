// The page playground's data sets: ports of nnlib/datasets.py's generators (same formulas,
// same order of random draws), plus one regression set the page adds.
//
// A generator takes its random numbers from `source`, an object with `random()` (uniform in
// [0, 1)), `normal()` (standard normal) and `permutation(n)`.  On the page the source is the
// twin's seeded `rng(seed)`, so the points are NOT the ones NumPy draws for the same seed: the
// shapes and the noise are nnlib's, the random numbers are the page's.  The test
// (tests/site/test_page_playground.py) feeds these functions the very numbers NumPy's generator gave
// nnlib and checks that they return nnlib's X and y.
//
// Every array is flat and row-major: X is a Float64Array of n * 2 (x1, x2 per row), y an
// Int32Array of labels (classification) or a Float64Array of targets (regression).

const TWO_PI = 2 * Math.PI;

function check(n, noise, minimum = 1) {
  if (!Number.isInteger(n) || n < minimum) {
    throw new Error(`n must be a whole number >= ${minimum}; got ${n}`);
  }
  if (!Number.isFinite(noise) || noise < 0) {
    throw new Error(`noise must be a finite number >= 0; got ${noise}`);
  }
}

function checkClasses(classes) {
  if (!Number.isInteger(classes) || classes < 2) {
    throw new Error(`classes must be a whole number >= 2; got ${classes}`);
  }
}

// numpy: rng.uniform(low, high) = low + (high - low) * random(); rng.normal(0, s) = s * normal()
function uniform(source, low, high) {
  return low + (high - low) * source.random();
}

// X += noise * normal, row-major over (n, 2), as `X + rng.normal(0, noise, (n, 2))`
function addNoise(X, source, noise, scale = null) {
  for (let i = 0; i < X.length; i++) {
    const jitter = noise * source.normal();
    X[i] = X[i] + (scale ? jitter * scale[i >> 1] : jitter);
  }
}

/** XOR: label 1 where exactly one coordinate is positive; n=4, noise=0: source 002's corners. */
export function xor(n, noise, source) {
  check(n, noise);
  if (n === 4 && noise === 0) {
    return { X: Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]), y: Int32Array.from([0, 1, 1, 0]) };
  }
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const which = i % 4;
    const cx = which < 2 ? -1 : 1;
    const cy = which % 2 === 0 ? -1 : 1;
    X[2 * i] = cx * uniform(source, 0.2, 1.0);
    X[2 * i + 1] = cy * uniform(source, 0.2, 1.0);
    y[i] = Math.sign(cx) !== Math.sign(cy) ? 1 : 0;
  }
  addNoise(X, source, noise);
  return { X, y };
}

/** Two interleaving half circles (labels 0 and 1), centred near the origin. */
export function moons(n, noise, source) {
  check(n, noise, 2);
  const n0 = Math.floor(n / 2);
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = uniform(source, 0, Math.PI); // t0 then t1, as numpy
  for (let i = 0; i < n; i++) {
    if (i < n0) {
      X[2 * i] = Math.cos(t[i]) - 0.5;
      X[2 * i + 1] = Math.sin(t[i]) - 0.25;
    } else {
      X[2 * i] = (1 - Math.cos(t[i])) - 0.5;
      X[2 * i + 1] = (0.5 - Math.sin(t[i])) - 0.25;
      y[i] = 1;
    }
  }
  addNoise(X, source, noise);
  return { X, y };
}

/** A small circle (label 1, radius `factor`) inside a large one (label 0). */
export function circles(n, noise, source, factor = 0.5) {
  check(n, noise, 2);
  if (!(factor > 0 && factor < 1)) throw new Error(`factor must be in (0, 1); got ${factor}`);
  const n0 = Math.floor(n / 2);
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = uniform(source, 0, TWO_PI);
    const r = i < n0 ? 1 : factor;
    X[2 * i] = r * Math.cos(t);
    X[2 * i + 1] = r * Math.sin(t);
    y[i] = i < n0 ? 0 : 1;
  }
  addNoise(X, source, noise);
  return { X, y };
}

/** `classes` interleaved spiral arms (labels 0..classes-1); the noise grows with the radius. */
export function spirals(n, noise, source, classes = 2, turns = 1.0) {
  check(n, noise, classes);
  checkClasses(classes);
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = uniform(source, 0.05, 1.0);
  for (let i = 0; i < n; i++) {
    y[i] = i % classes;
    const t = TWO_PI * (turns * r[i] + y[i] / classes);
    X[2 * i] = r[i] * Math.cos(t);
    X[2 * i + 1] = r[i] * Math.sin(t);
  }
  addNoise(X, source, noise, r);
  return { X, y };
}

/** Gaussian blobs: `classes` clusters whose centres sit evenly on a circle of radius 1. */
export function blobs(n, noise, source, classes = 3) {
  check(n, noise, classes);
  checkClasses(classes);
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % classes;
    const angle = TWO_PI * y[i] / classes + Math.PI / 4;
    X[2 * i] = Math.cos(angle);
    X[2 * i + 1] = Math.sin(angle);
  }
  addNoise(X, source, noise);
  return { X, y };
}

/** The page's regression set (not in nnlib): x uniform in [-1, 1]^2,
 * target sin(2 x1) + x2^2 - 0.5 plus Gaussian noise. */
export function wave(n, noise, source) {
  check(n, noise);
  const X = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < 2 * n; i++) X[i] = uniform(source, -1, 1);
  for (let i = 0; i < n; i++) {
    y[i] = Math.sin(2 * X[2 * i]) + X[2 * i + 1] * X[2 * i + 1] - 0.5 + noise * source.normal();
  }
  return { X, y };
}

/** Python's round(): halves go to the even neighbour (numpy and the split use it). */
function roundHalfEven(x) {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Shuffle and split, as nnlib.datasets.train_test_split: the first round(f n) of a
 * permutation are the test set (at least 1, at most n - 1). */
export function trainTestSplit(X, y, testFraction, source) {
  const n = y.length;
  if (X.length !== 2 * n) throw new Error(`X has ${X.length / 2} rows and y ${n}`);
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new Error(`testFraction must be in (0, 1); got ${testFraction}`);
  }
  const nTest = Math.min(Math.max(1, roundHalfEven(testFraction * n)), n - 1);
  const perm = source.permutation(n);
  const take = (idx) => {
    const Xs = new Float64Array(2 * idx.length);
    const ys = new y.constructor(idx.length);
    idx.forEach((k, i) => { Xs[2 * i] = X[2 * k]; Xs[2 * i + 1] = X[2 * k + 1]; ys[i] = y[k]; });
    return { X: Xs, y: ys };
  };
  const test = Array.from(perm.slice(0, nTest));
  const train = Array.from(perm.slice(nTest));
  return { train: take(train), test: take(test) };
}

/** The menu of the page playground: name -> {label, make(n, noise, source, classes),
 * classes (true when the number of classes can be chosen), regression, nnlib (the nnlib
 * generator it ports, or null)}. */
export const DATASETS = {
  circles: { label: "circles", make: (n, s, src) => circles(n, s, src), nnlib: "circles" },
  xor: { label: "xor", make: (n, s, src) => xor(n, s, src), nnlib: "xor" },
  moons: { label: "moons", make: (n, s, src) => moons(n, s, src), nnlib: "moons" },
  spirals: { label: "spirals", make: (n, s, src, k) => spirals(n, s, src, k), classes: true,
             nnlib: "spirals" },
  blobs: { label: "blobs", make: (n, s, src, k) => blobs(n, s, src, k), classes: true,
           nnlib: "blobs" },
  "xor corners": { label: "xor corners (source 002)", make: (n, s, src) => xor(4, 0, src),
                   fixed: true, nnlib: "xor" },
  wave: { label: "wave (regression)", make: (n, s, src) => wave(n, s, src), regression: true,
          nnlib: null },
};

/** Input features the network can see, computed from (x1, x2). */
export const FEATURES = {
  x1: { label: "x₁", tex: "x_1", py: "x1", f: (a) => a },
  x2: { label: "x₂", tex: "x_2", py: "x2", f: (a, b) => b },
  x1sq: { label: "x₁²", tex: "x_1^2", py: "x1**2", f: (a) => a * a },
  x2sq: { label: "x₂²", tex: "x_2^2", py: "x2**2", f: (a, b) => b * b },
  x1x2: { label: "x₁x₂", tex: "x_1 x_2", py: "x1 * x2", f: (a, b) => a * b },
  sinx1: { label: "sin x₁", tex: "\\sin x_1", py: "np.sin(x1)", f: (a) => Math.sin(a) },
  sinx2: { label: "sin x₂", tex: "\\sin x_2", py: "np.sin(x2)", f: (a, b) => Math.sin(b) },
};

/** The feature columns of points X (n * 2, row-major) -> Float64Array n * names.length. */
export function featurize(X, names) {
  const n = X.length / 2;
  const k = names.length;
  const F = new Float64Array(n * k);
  const fs = names.map((name) => {
    if (!(name in FEATURES)) {
      throw new Error(`unknown feature ${name}; valid: ${Object.keys(FEATURES).join(", ")}`);
    }
    return FEATURES[name].f;
  });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) F[i * k + j] = fs[j](X[2 * i], X[2 * i + 1]);
  }
  return F;
}
