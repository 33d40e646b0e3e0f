// The backward-pass widgets' pure computation (the twin of nnlib/experiments/backward.py), on
// nnlib.js alone: nudge one weight of the chapter's 2-3-2 network (nudge.js), the gradient of
// cross-entropy and of MSE with respect to the logit (logit_gradients.js), the activation
// derivatives on one axis (derivatives.js). Every forward pass, loss, gradient and derivative is
// nnlib.js's (held to nnlib by tests/site/test_twin.py); the constants are nnlib's (the page
// test, tests/site/test_live_backward.py, compares them and every number with nnlib's).
import { ACTIVATIONS, MLP, fromRows, leakyReluCurves, lossFromLogits, matrix, outputDelta, softmax } from "../nnlib.js";
import { fixed } from "./ui.js";

/** Every position of a slider from lo to hi in steps of `step`, rounded to 10 decimals
 *  (nnlib.experiments.backward._grid). */
export function sliderGrid([lo, hi], step) {
  const n = Math.round((hi - lo) / step) + 1;
  return Array.from({ length: n }, (_, k) => Number((lo + ((hi - lo) * k) / (n - 1)).toFixed(10)) + 0);
}

// --- nudge one weight --------------------------------------------------------------------------
// nnlib.experiments.backward: the chapter's network, its batch, the parameters' names and
// labels, the slider (the page test compares each with nnlib's)
export const NUDGE_SIZES = [2, 3, 2], NUDGE_ACTIVATIONS = ["tanh", "softmax"], NUDGE_LOSS = "cross_entropy";
export const NUDGE_X = [[0.5, -1.0], [1.5, 0.3]], NUDGE_Y = [[1.0, 0.0], [0.0, 1.0]];
export const NUDGE_THETA = [0.2, -0.4, 0.6, 0.5, 0.3, -0.1, 0.1, -0.2, 0.05, 0.7, -0.3, -0.5, 0.4, 0.2, 0.6, 0.05, -0.05];
export const PARAMETER_NAMES = ["W1_11", "W1_12", "W1_13", "W1_21", "W1_22", "W1_23", "b1_1", "b1_2", "b1_3",
  "W2_11", "W2_12", "W2_21", "W2_22", "W2_31", "W2_32", "b2_1", "b2_2"];
export const PARAMETER_LABELS = ["W⁽¹⁾₁₁: input 1 → hidden 1", "W⁽¹⁾₁₂: input 1 → hidden 2", "W⁽¹⁾₁₃: input 1 → hidden 3",
  "W⁽¹⁾₂₁: input 2 → hidden 1", "W⁽¹⁾₂₂: input 2 → hidden 2", "W⁽¹⁾₂₃: input 2 → hidden 3",
  "b⁽¹⁾₁: bias of hidden 1", "b⁽¹⁾₂: bias of hidden 2", "b⁽¹⁾₃: bias of hidden 3",
  "W⁽²⁾₁₁: hidden 1 → output 1", "W⁽²⁾₁₂: hidden 1 → output 2", "W⁽²⁾₂₁: hidden 2 → output 1",
  "W⁽²⁾₂₂: hidden 2 → output 2", "W⁽²⁾₃₁: hidden 3 → output 1", "W⁽²⁾₃₂: hidden 3 → output 2",
  "b⁽²⁾₁: bias of output 1", "b⁽²⁾₂: bias of output 2"];
export const DW_RANGE = [-2.0, 2.0], DW_STEP = 0.05;

/** nnlib.experiments.backward.nudge: the loss before and after nudging parameter `name` by
 *  `dw`, backprop's ∂J/∂w, and the loss at every nudge of `grid`. */
export function nudge(name, dw, grid) {
  const i = PARAMETER_NAMES.indexOf(name);
  if (i < 0) throw new Error(`unknown parameter ${JSON.stringify(name)}; valid: ${PARAMETER_NAMES.join(", ")}`);
  const net = new MLP({ sizes: NUDGE_SIZES, activations: NUDGE_ACTIVATIONS, loss: NUDGE_LOSS });
  const Xm = fromRows(NUDGE_X), Ym = fromRows(NUDGE_Y);
  net.setFlat(NUDGE_THETA);
  const J0 = net.loss(Xm, Ym);
  const grad = net.gradients(Xm, Ym).flat[i];
  const lossAt = (step) => {
    const moved = NUDGE_THETA.slice();
    moved[i] += step;
    net.setFlat(moved);
    return net.loss(Xm, Ym);
  };
  const J1 = lossAt(dw);
  const curve = grid.map(lossAt);
  const dJ = J1 - J0, linear = grad * dw;
  return { name, dw, w: NUDGE_THETA[i], J0, J1, grad, dJ, linear, gap: dJ - linear, curve };
}

/** nnlib.plot.backward.nudge_title: the two lines the figure prints. */
export function nudgeTitle(r) {
  const label = PARAMETER_LABELS[PARAMETER_NAMES.indexOf(r.name)];
  return `${label}, nudged by Δw = ${fixed(r.dw, 2)}\nΔJ = ${fixed(r.dJ, 4)}, ∂J/∂w·Δw = ${fixed(r.linear, 4)}, difference ${fixed(r.gap, 4)}`;
}

// --- the gradient with respect to the logit: cross-entropy against MSE ---------------------------
// nnlib.experiments.backward (the page test compares)
export const LOGIT_RANGE = [-6.0, 6.0], LOGIT_STEP = 0.1, CLASS_COUNTS = [2, 3, 10];

/** nnlib.experiments.backward.logit_gradients(z, K): {z, n_classes, p, ce, mse, dce, dmse}. */
export function logitGradients(z, K) {
  const Z = matrix(1, K), Y = matrix(1, K);
  Z.data[0] = z;
  Y.data[0] = 1.0;
  const A = softmax(Z);
  const dce = outputDelta(Z, A, Y, "softmax", "cross_entropy").data[0]; // the fused (A - Y)/N
  const dmse = outputDelta(Z, A, Y, "softmax", "mse").data[0]; // sent back through the softmax
  return { z, n_classes: K, p: A.data[0], ce: lossFromLogits(Z, Y, "softmax", "cross_entropy"),
    mse: lossFromLogits(Z, Y, "softmax", "mse"), dce, dmse };
}

/** nnlib.experiments.backward.logit_gradient_curves: each quantity over the grid of logits. */
export function logitCurves(K, grid) {
  const rows = grid.map((z) => logitGradients(z, K));
  const out = { n_classes: K, z: grid };
  for (const k of ["p", "ce", "mse", "dce", "dmse"]) out[k] = rows.map((r) => r[k]);
  return out;
}

/** nnlib.plot.backward.logit_title. */
export function logitTitle(r) {
  return `z = ${fixed(r.z, 1)}, K = ${r.n_classes}: p = ${fixed(r.p, 4)}; ∂J/∂z: cross-entropy ${fixed(r.dce, 4)}, MSE ${fixed(r.dmse, 4)}`;
}


// --- the activation derivatives on one axis -----------------------------------------------------
export const DERIVATIVE_NAMES = ["sigmoid", "tanh", "relu", "leaky_relu"];
export const Z_RANGE = [-5.0, 5.0], Z_STEP = 0.05, SLOPE_RANGE = [0.0, 1.0], SLOPE_STEP = 0.05;

function derivative(name, z, slope) {
  if (name === "leaky_relu") return Array.from(leakyReluCurves(z, slope).da);
  const act = ACTIVATIONS[name], Z = matrix(1, z.length, Array.from(z));
  return Array.from(act.deriv(Z, act.f(Z)).data);
}

/** nnlib.experiments.backward.activation_derivatives: {z, slope, at_z, curves} (name -> phi'). */
export function activationDerivatives(z, slope, grid) {
  const at_z = {}, curves = {};
  for (const name of DERIVATIVE_NAMES) {
    at_z[name] = derivative(name, [z], slope)[0];
    curves[name] = derivative(name, grid, slope);
  }
  return { z, slope, at_z, curves };
}

// nnlib.plot.backward.DERIVATIVE_STYLES' labels
export const DERIVATIVE_LABELS = { sigmoid: "σ′ (sigmoid)", tanh: "tanh′", relu: "ReLU′", leaky_relu: "leaky ReLU′" };

/** nnlib.plot.backward.derivatives_title. */
export function derivativesTitle(r) {
  const values = DERIVATIVE_NAMES.map((n) => `${DERIVATIVE_LABELS[n]} ${fixed(r.at_z[n], 3)}`).join(", ");
  return `at z = ${fixed(r.z, 2)}, leaky slope α = ${fixed(r.slope, 2)}:\n${values}`;
}
