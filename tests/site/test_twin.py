"""The page's JavaScript twin of nnlib (book_assets/twin/nnlib.js) computes what nnlib computes.

nnlib writes fixtures (every hidden activation x every output/loss pair nnlib accepts, depths 0
to 4, widths 1 to 8, with and without L2, momentum, mini-batches in nnlib's own shuffled order,
dropout with nnlib's own masks, 100-epoch training runs, divergence, the playground's grid and
unit maps, the initial standard deviations, and the pure computations of the chapters' live
widgets: softmax Jacobian, scaled sigmoid and leaky ReLU curves, the bias curve, 1-D gradient
descent with its title text, the forward-pass explorer); one Node process runs the twin on all of them
(tests/site/twin_runner.mjs); the results are compared with nnlib's, norm-wise
(:func:`nnlib.gradcheck.relative_error`): forward passes, losses, gradients and grids to 1e-12,
training trajectories to 1e-9.  The chain of trust is SymPy -> nnlib -> the page.

``test_planted_change_is_caught`` shows the comparison can fail: it copies the twin, plants one
mistake (a dropped transpose, a missing 1/N, L2 spread over the batch instead of the training
set) and asserts that the same comparison then reports failures.

Node is Debian's ``nodejs`` (``.ci/run`` installs it).  Without it the module is skipped with a
loud reason, except under CI (the environment variable CI set), where it fails.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from nnlib import MLP
from nnlib.activations import ACTIVATIONS
from nnlib.experiments import activations as exp_act
from nnlib.experiments import bias as exp_bias
from nnlib.experiments import descent as exp_descent
from nnlib.experiments import forward as exp_fwd
from nnlib.experiments import momentum as exp_momentum
from nnlib.experiments import softmax as exp_softmax
from nnlib.experiments.regions import decision_grid, scores
from nnlib.gradcheck import relative_error
from nnlib.losses import LOSSES
from nnlib.plot.descent import draw_descent_1d

from conftest import flat_gradients, random_targets

ROOT = Path(__file__).resolve().parents[2]
TWIN_DIR = ROOT / "book_assets" / "twin"
# TWIN_MODULE=/path/to/copy.js runs the comparison on another copy of the twin (to show by hand
# what a planted mistake does); the planted-change test always mutates the real file's text.
TWIN_MODULE = Path(os.environ.get("TWIN_MODULE") or TWIN_DIR / "nnlib.js")
RUNNER = Path(__file__).with_name("twin_runner.mjs")
NODE = os.environ.get("NODE") or shutil.which("node") or "/usr/bin/node"

TOL_PASS = 1e-12  # forward passes, losses, gradients, grids, standard deviations
TOL_TRAJECTORY = 1e-9  # 100-epoch training runs
# Training amplifies rounding errors, the twin's like nnlib's own: a training run is kept as a
# fixture only when nnlib, started from parameters one rounding error away, stays this close to
# itself (_spread), so that TOL_TRAJECTORY tests the twin, not the amplification.
SPREAD_LIMIT = TOL_TRAJECTORY / 100

HIDDEN = [name for name, act in ACTIVATIONS.items() if act.elementwise]
# every (output activation, loss) pair nnlib accepts, read from nnlib's tables
PAIRS = [(out, name) for name, loss in LOSSES.items()
         for out in (loss.outputs or list(ACTIVATIONS))]
MAX_DEPTH, MAX_WIDTH = 4, 8
RECORD_EVERY = 10  # the trajectory's parameters are compared every this many epochs


def _require_node() -> None:
    if Path(NODE).is_file():
        return
    reason = (f"TWIN EQUIVALENCE TEST SKIPPED: no Node.js at {NODE}. Install Debian's "
              "`apt-get install nodejs` (as root; .ci/run does this) to check the page's twin "
              "of nnlib.")
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(reason.replace("SKIPPED", "CANNOT RUN IN CI"), pytrace=False)
    pytest.skip(reason)


# --- fixtures written with nnlib ----------------------------------------------------------------
def _m(A):
    A = np.asarray(A, dtype=float)
    return {"shape": list(A.shape), "data": A.ravel().tolist()}


def _targets(rng, loss, N, K):
    """Targets for ``loss``, hard (one-hot, 0/1) or soft (probabilities) at random."""
    return random_targets(loss, rng, N, K, hard=bool(rng.random() < 0.5))


def _network(rng, sizes, acts, loss):
    net = MLP(sizes, activations=acts, loss=loss, seed=int(rng.integers(1 << 30)))
    for b in net.biases:  # nonzero biases, so that every bias path is exercised
        b[...] = rng.normal(0.0, 0.3, b.shape)
    return net


def _configs():
    """Every hidden activation x output/loss pair (depths 1..4), and each pair without hidden
    layers (depth 0)."""
    rng = np.random.default_rng(20261203)
    out = []
    grid = [(None, 0, pair) for pair in PAIRS]
    grid += [(hidden, 1 + (i + j) % MAX_DEPTH, pair)
             for i, hidden in enumerate(HIDDEN) for j, pair in enumerate(PAIRS)]
    for hidden, depth, (act_out, loss) in grid:
        K = int(rng.integers(2 if act_out == "softmax" else 1, MAX_WIDTH + 1))
        sizes = [int(rng.integers(1, MAX_WIDTH + 1))]
        sizes += [int(w) for w in rng.integers(1, MAX_WIDTH + 1, depth)] + [K]
        out.append({"id": f"{hidden or 'none'}-{act_out}-{loss}-{'-'.join(map(str, sizes))}",
                    "sizes": sizes, "activations": [hidden] * depth + [act_out],
                    "loss": loss, "rng": rng})
    return out


def _pass_cases(cfg):
    """Forward, loss, gradients, predictions: plain; with L2 spread over a larger training
    set; with L2 and dropout masks."""
    rng = cfg["rng"]
    cases = []
    for variant, l2, dropout in (("plain", 0.0, 0.0), ("l2", 0.3, 0.0), ("l2-dropout", 0.2, 0.3)):
        if dropout and len(cfg["sizes"]) == 2:
            continue
        net = _network(rng, cfg["sizes"], cfg["activations"], cfg["loss"])
        N = int(rng.integers(1, 13))
        X = rng.normal(0.0, 1.5, (N, cfg["sizes"][0]))
        Y = _targets(rng, cfg["loss"], N, cfg["sizes"][-1])
        n_train = N + 7 if l2 else None
        masks = net.dropout_masks(N, dropout, rng) if dropout else None
        cache = net.forward_cache(X, masks)
        Zs, As = cache.Zs, cache.As
        dWs, dbs = net.gradients(X, Y, l2=l2, n_train=n_train, masks=masks)
        case = {"id": f"pass-{variant}-{cfg['id']}", "kind": "pass", "sizes": cfg["sizes"],
                "activations": cfg["activations"], "loss": cfg["loss"],
                "theta": net.get_flat().tolist(), "X": _m(X), "Y": _m(Y), "l2": l2,
                "n_train": n_train, "masks": None if masks is None else [_m(m) for m in masks]}
        expect = {"Zs": Zs, "As": As[1:], "grad": flat_gradients(dWs, dbs),
                  "loss": net.loss(X, Y, l2=l2, n_train=n_train, masks=masks)}
        if masks is None:
            expect["predict"] = net.predict(X)
        cases.append((case, expect))
    return cases


def _draws(net, N, epochs, batch_size, dropout, seed):
    """The mini-batch orders and dropout masks MLP.fit draws: ``rng.permutation(N)`` per epoch
    (mini-batches only), then the masks of each batch in turn, from one
    ``np.random.default_rng(seed)`` (MLP.fit's docstring)."""
    full = batch_size is None or batch_size >= N
    if full and not dropout:
        return None, None
    rng = np.random.default_rng(seed)
    orders, masks = [], []
    for _ in range(epochs):
        if full:
            batches = [N]
        else:
            order = rng.permutation(N)
            orders.append(order.tolist())
            batches = [len(order[i:i + batch_size]) for i in range(0, N, batch_size)]
        if dropout:
            masks.append([[_m(m) for m in net.dropout_masks(n, dropout, rng)] for n in batches])
    return (orders or None), (masks or None)


def _fit_case(case_id, net, X, Y, calls):
    """Run ``net.fit`` for each call in turn (recording the parameters every RECORD_EVERY
    epochs) and write what the twin needs to do the same.  The case records ``spread``:
    how far nnlib's own run moves when every starting parameter is moved by one rounding
    error (:func:`_spread`)."""
    start = net.copy()
    case = {"id": case_id, "kind": "fit", "sizes": net.sizes,
            "activations": [a.name for a in net.activations], "loss": net.loss_name,
            "theta": net.get_flat().tolist(), "X": _m(X), "Y": _m(Y), "calls": []}
    expect = {"calls": []}
    reference = None
    for k, call in enumerate(calls):
        call = dict(call)
        seed, dropout = call.pop("seed"), call.pop("dropout", 0.0)
        keep = k > 0
        record = list(range(RECORD_EVERY - 1, call["epochs"], RECORD_EVERY))
        thetas = {}

        def callback(epoch, loss, n, record=record, thetas=thetas):
            if epoch in record:
                thetas[str(epoch)] = n.get_flat()

        orders, masks = _draws(net, X.shape[0], call["epochs"], call["batch_size"], dropout, seed)
        hist = net.fit(X, Y, dropout=dropout, seed=seed, callback=callback, keep_velocity=keep,
                       reference_loss=reference, **call)
        case["calls"].append({**call, "seed": seed, "dropout": dropout, "orders": orders,
                              "masks": masks, "record": record,
                              "keep_velocity": keep, "reference_loss": reference})
        expect["calls"].append({"losses": list(hist), "diverged": hist.diverged,
                                "diverged_epoch": hist.diverged_epoch,
                                "reference_loss": hist.reference_loss,
                                "thetas": thetas, "theta": net.get_flat()})
        reference = hist.reference_loss if reference is None else reference
    case["spread"] = _spread(start, X, Y, case["calls"], expect["calls"])
    return case, expect


def _spread(net, X, Y, calls, expected):
    """nnlib against itself: the largest relative change of the losses and final parameters
    of the calls when every starting parameter is multiplied by 1 +- 2^-52 (inf when the run
    then stops elsewhere).  Training can amplify rounding errors; a trajectory is a fair test
    of the twin at TOL_TRAJECTORY only where this spread is well below it."""
    theta = net.get_flat()
    signs = np.random.default_rng(0).choice([-1.0, 1.0], theta.size)
    net.set_flat(theta * (1.0 + signs * 2.0 ** -52))
    worst, reference = 0.0, None
    for k, (call, want) in enumerate(zip(calls, expected)):
        hist = net.fit(X, Y, lr=call["lr"], epochs=call["epochs"], batch_size=call["batch_size"],
                       momentum=call["momentum"], l2=call["l2"], dropout=call["dropout"],
                       seed=call["seed"], keep_velocity=k > 0, reference_loss=reference)
        reference = hist.reference_loss if reference is None else reference
        if len(hist) != len(want["losses"]) or hist.diverged != want["diverged"]:
            return math.inf
        if len(hist):
            worst = max(worst, relative_error(list(hist), want["losses"]))
        worst = max(worst, relative_error(net.get_flat(), want["theta"]))
    return worst


def _fit_cases(cfg, index):
    """A 100-epoch run per configuration, cycling through batch sizes (full, dividing N or
    not, 1), momentum, L2 and dropout; every third one continued by a second call."""
    rng = cfg["rng"]
    batch_size = (None, 4, 5, 1, 12)[index % 5]
    momentum = 0.9 if index % 2 else 0.0
    # A run whose own rounding-error spread is above SPREAD_LIMIT would test the amplification
    # of rounding errors, not the twin: draw new data and parameters (the coverage test
    # asserts that every kept run is well conditioned).
    for _attempt in range(5):
        net = _network(rng, cfg["sizes"], cfg["activations"], cfg["loss"])
        N = 12
        X = rng.normal(0.0, 1.0, (N, cfg["sizes"][0]))
        Y = _targets(rng, cfg["loss"], N, cfg["sizes"][-1])
        call = {"lr": 0.02 if momentum else 0.1, "epochs": 100, "batch_size": batch_size,
                "momentum": momentum, "l2": 0.05 if index % 4 < 2 else 0.0,
                "dropout": 0.25 if index % 3 == 1 and len(cfg["sizes"]) > 2 else 0.0,
                "seed": int(rng.integers(1 << 30))}
        calls = [call]
        if index % 3 == 0:
            calls.append({**call, "epochs": 20, "seed": call["seed"] + 1})
        case, expect = _fit_case(f"fit-{cfg['id']}", net, X, Y, calls)
        if case["spread"] <= SPREAD_LIMIT:
            break
    return [(case, expect)]


def _divergence_cases():
    """Runs that blow up, full batch and mini-batch (issue 13's example), and one that blows up
    only after some epochs."""
    rng = np.random.default_rng(7)
    cases = []
    X = rng.normal(size=(40, 3))
    Y = np.eye(3)[rng.integers(0, 3, 40)]
    net = MLP([3, 8, 3], loss="cross_entropy", seed=0)
    cases.append(_fit_case("diverge-minibatch", net, X, Y, [
        {"lr": 1e6, "epochs": 50, "batch_size": 4, "momentum": 0.0, "l2": 0.0, "seed": 0}]))
    X2 = rng.normal(size=(10, 2))
    Y2 = rng.normal(size=(10, 1))
    for lr, name in ((50.0, "diverge-full"), (2.6, "diverge-late")):
        net = MLP([2, 1], activations=["identity"], loss="mse", seed=3)
        cases.append(_fit_case(name, net, X2, Y2, [
            {"lr": lr, "epochs": 100, "batch_size": None, "momentum": 0.0, "l2": 0.0, "seed": 0}]))
    return cases


def _step_cases():
    """Three public MLP.step calls per output/loss pair, momentum kept between them."""
    rng = np.random.default_rng(11)
    cases = []
    for act_out, loss in PAIRS:
        K = 3 if act_out == "softmax" else 2
        net = _network(rng, [3, 4, K], ["tanh", act_out], loss)
        X = rng.normal(size=(6, 3))
        Y = _targets(rng, loss, 6, K)
        case = {"id": f"steps-{act_out}-{loss}", "kind": "steps", "sizes": net.sizes,
                "activations": ["tanh", act_out], "loss": loss, "theta": net.get_flat().tolist(),
                "X": _m(X), "Y": _m(Y),
                "calls": [{"lr": 0.3, "l2": 0.1, "momentum": 0.9}] * 3}
        losses = [net.step(X, Y, lr=0.3, l2=0.1, momentum=0.9) for _ in range(3)]
        cases.append((case, {"losses": losses, "theta": net.get_flat()}))
    return cases


def _grid_cases():
    """The playground's pictures: the grid over the data, the outputs, each hidden unit's map
    and the class scores, for every hidden activation and output."""
    rng = np.random.default_rng(5)
    cases = []
    for i, hidden in enumerate(HIDDEN):
        for act_out, loss, K in (("softmax", "cross_entropy", 4),
                                 ("sigmoid", "binary_cross_entropy", 1), ("identity", "mse", 1)):
            sizes = [2] + [int(w) for w in rng.integers(1, MAX_WIDTH + 1, 1 + i % 3)] + [K]
            acts = [hidden] * (len(sizes) - 2) + [act_out]
            net = _network(rng, sizes, acts, loss)
            X = rng.normal(size=(30, 2))
            resolution, margin = 9, 0.25
            G, extent = decision_grid(X, resolution, margin)
            As = net.forward_cache(G).As
            n_classes = max(K, 2)
            case = {"id": f"grid-{hidden}-{act_out}-{'-'.join(map(str, sizes))}", "kind": "grid",
                    "sizes": sizes, "activations": acts, "loss": loss,
                    "theta": net.get_flat().tolist(), "X": _m(X), "margin": margin,
                    "resolution": resolution, "n_classes": n_classes}
            cases.append((case, {"box": np.array(extent), "G": G, "output": As[-1],
                                 "hidden": As[1:-1], "scores": scores(As[-1], n_classes)}))
    return cases


def _init_cases():
    """nnlib's initial standard deviations, read back from the weights: ``rng.normal(0, std)``
    is ``std`` times the generator's next standard normals."""
    cases = []
    for act in HIDDEN:
        for init in ("auto", "xavier", "he", "lecun", 0.3):
            sizes = [3, 5, 4, 2]
            net = MLP(sizes, activations=[act, act, "identity"], seed=4, init=init)
            z = np.random.default_rng(4)
            stds = []
            for W in net.weights:
                n = z.standard_normal(W.shape)
                stds.append(float(np.vdot(W, n) / np.vdot(n, n)))
            layers = [[a.name, n_in, n_out] for a, n_in, n_out in
                      zip(net.activations, sizes[:-1], sizes[1:])]
            cases.append(({"id": f"init-{act}-{init}", "kind": "init", "layers": layers,
                           "init": init}, {"stds": np.array(stds)}))
    return cases


def _widget_cases():
    """The chapters' live widgets (book_assets/twin/widgets/): each pure computation the page
    does, at several settings of its controls (including the ends of every slider), against the
    nnlib function the notebook's widget calls."""
    cases = []
    for z in [(1.0, 0.0, -1.0), (5.0, -5.0, 0.25), (0.0, 0.0), (-2.5, 3.0, 1.0, -4.75)]:
        s, J = exp_softmax.softmax_view(z)
        cases.append(({"id": f"widget-softmax-{z}", "kind": "widget", "widget": "softmax_jacobian",
                       "z": list(z)}, {"s": s, "J": J}))
    grid = [float(exp_act.GRID[0]), float(exp_act.GRID[-1]), len(exp_act.GRID)]
    for c, beta in [(1.0, 1.0), (0.5, 5.0), (3.0, 0.25), (2.25, 1.75)]:
        y, dy = exp_act.scaled_sigmoid_curves(c, beta)
        cases.append(({"id": f"widget-scaled-sigmoid-{c}-{beta}", "kind": "widget",
                       "widget": "scaled_sigmoid", "grid": grid, "c": c, "beta": beta},
                      {"y": y, "dy": dy}))
    for slope in (0.0, 0.1, 0.35, 1.0):
        a, da = exp_act.leaky_relu_curves(slope)
        cases.append(({"id": f"widget-leaky-{slope}", "kind": "widget", "widget": "leaky_relu",
                       "grid": grid, "slope": slope}, {"a": a, "da": da}))
    bgrid = [*exp_bias.X_RANGE, 401]
    for wt, b in [(1.0, 0.55), (0.0, -1.2), (-3.0, 3.0), (2.35, -0.07)]:
        r = exp_bias.bias_curve(wt, b)
        cases.append(({"id": f"widget-bias-{wt}-{b}", "kind": "widget", "widget": "bias",
                       "grid": bgrid, "w": wt, "b": b},
                      {"y": r.y, "at_zero": r.at_zero, "crossing": r.crossing}))
    for name, loss in exp_descent.LOSSES_1D.items():
        cases.append(({"id": f"widget-loss1d-{name}", "kind": "widget", "widget": "loss_1d",
                       "loss": name, "grid": [*loss.xlim, 400]},
                      {"f": loss.f(np.linspace(*loss.xlim, 400)),
                       "df": loss.df(np.linspace(*loss.xlim, 400)), "xlim": np.array(loss.xlim),
                       "start": loss.start}))
        for lr in (0.001, 0.3, 1.0, 1.5, 2.0, 2.1, 3.0):
            for theta0, momentum in [(loss.start, 0.0), (loss.xlim[0], 0.5), (0.35, 0.95)]:
                import matplotlib.pyplot as plt
                fig, ax = plt.subplots()
                artists = draw_descent_1d(ax, name, lr=lr, theta0=theta0, steps=20,
                                                  momentum=momentum)
                plt.close(fig)
                cases.append(({"id": f"widget-descent-{name}-{lr}-{theta0}-{momentum}",
                               "kind": "widget", "widget": "descent", "loss": name, "lr": lr,
                               "theta0": theta0, "momentum": momentum, "steps": 20,
                               "curvature": loss.curvature},
                              {"thetas": exp_descent.descend_1d(name, theta0, lr, 20, momentum=momentum),
                               "title": artists.title.get_text(),
                               "regime": (exp_descent.quadratic_regime(lr, loss.curvature)
                                          if loss.curvature else None)}))
    for lr in (0.01, 0.09, 0.1):
        for momentum in (0.0, 0.5, 0.7, 0.95):
            path = exp_momentum.descend_ravine(exp_momentum.RAVINE_START, lr, momentum, 40)
            cases.append(({"id": f"widget-ravine-{lr}-{momentum}", "kind": "widget",
                           "widget": "ravine", "lr": lr, "momentum": momentum, "steps": 40},
                          {"path": path, "label": (
                              f"loss after 40 steps: {exp_momentum.ravine_loss(path[-1]):.2g}"
                              if np.isfinite(path).all() else "diverged")}))
    rng = np.random.default_rng(17)
    for k in range(4):
        x = np.array(exp_fwd.DEFAULT_X) if k == 0 else rng.uniform(-2, 2, 2).round(1)
        theta = np.array(exp_fwd.DEFAULT_THETA) if k == 0 else rng.uniform(-3, 3, 17).round(1)
        r = exp_fwd.forward_232(x, theta)
        cases.append(({"id": f"widget-forward-{k}", "kind": "widget", "widget": "forward",
                       "sizes": list(exp_fwd.SIZES), "activations": ["tanh", "softmax"],
                       "loss": "cross_entropy", "theta": theta.tolist(), "X": _m(x[None, :])},
                      {"Z": [z[None, :] for z in r.Z], "A": [a[None, :] for a in r.A[1:]]}))
    return cases


# Bad input to the twin (the calls are in tests/site/twin_runner.mjs): the words each error message
# must contain. Every call must throw before a parameter or the velocity changes.
BAD_INPUT = {
    "sizes": "positive integers", "activation": "valid names are: identity, leaky_relu",
    "loss": "unknown loss", "pair": "needs probabilities",
    "hidden_softmax": "softmax can only be the output", "setflat_nan": "must be finite",
    "setflat_length": "17 entries; got 3", "X_shape": "X must be a matrix of shape (N, 2)",
    "Y_nan": "Y contains NaN or inf (first at row 2, column 0)", "targets": "row 0 sums to 2",
    "lr": "lr must be a finite number > 0; got 0", "momentum": "momentum must be in [0, 1)",
    "batch_size": "batchSize must be null", "orders": "orders[1] must be a permutation",
    "masks": "masks[1][0][0] must be 6x3", "step_lr": "lr must be a finite number > 0; got NaN",
    "resolution": "resolution must be an integer >= 2",
}


def _error_case():
    rng = np.random.default_rng(3)
    net = _network(rng, [2, 3, 2], ["tanh", "softmax"], "cross_entropy")
    X = rng.normal(size=(6, 2))
    Y = np.eye(2)[[0, 1, 0, 1, 1, 0]]
    return ({"id": "errors", "kind": "errors", "sizes": net.sizes, "activations": ["tanh", "softmax"],
             "loss": "cross_entropy", "theta": net.get_flat().tolist(), "X": _m(X), "Y": _m(Y),
             "names": list(BAD_INPUT)}, {})


def build_fixtures():
    cases = [_error_case(), ({"id": "draws", "kind": "draws", "seed": 12, "n": 20000, "p": 0.3}, {})]
    for index, cfg in enumerate(_configs()):
        cases += _pass_cases(cfg)
        cases += _fit_cases(cfg, index)
    cases += _divergence_cases() + _step_cases() + _grid_cases() + _init_cases()
    cases += _widget_cases()
    return cases


# --- running the twin and comparing ---------------------------------------------------------------
def _decode(x):
    if isinstance(x, str) and x in ("NaN", "Infinity", "-Infinity"):
        return float(x.replace("Infinity", "inf"))
    if isinstance(x, dict) and set(x) == {"shape", "data"}:
        return np.array([_decode(v) for v in x["data"]], dtype=float).reshape(x["shape"])
    if isinstance(x, dict):
        return {k: _decode(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_decode(v) for v in x]
    return x


def run_twin(module: Path, fixtures: Path, out: Path) -> dict:
    proc = subprocess.run([NODE, str(RUNNER), str(module), str(fixtures), str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"the twin runner failed:\n{proc.stderr[-3000:]}"
    return _decode(json.loads(out.read_text()))


def _compare(expected, got, tol, where, problems):
    """Append to ``problems`` every place where ``got`` is not ``expected`` within ``tol``."""
    if isinstance(expected, dict):
        for key, value in expected.items():
            if key not in got:
                problems.append(f"{where}.{key}: missing from the twin's result")
            else:
                _compare(value, got[key], tol, f"{where}.{key}", problems)
    elif isinstance(expected, (list, tuple)) and (not expected or not np.isscalar(expected[0])):
        if len(expected) != len(got):
            problems.append(f"{where}: {len(got)} entries, nnlib has {len(expected)}")
        for k, (e, g) in enumerate(zip(expected, got)):
            _compare(e, g, tol, f"{where}[{k}]", problems)
    elif expected is None or isinstance(expected, (bool, str)):
        if got != expected:
            problems.append(f"{where}: twin {got!r}, nnlib {expected!r}")
    elif isinstance(expected, (int, np.integer)) and not isinstance(got, float):
        if got != expected:
            problems.append(f"{where}: twin {got!r}, nnlib {expected!r}")
    else:
        e = np.asarray(expected, dtype=float)
        g = np.asarray(got, dtype=float)
        if e.shape != g.shape:
            problems.append(f"{where}: twin shape {g.shape}, nnlib {e.shape}")
            return
        if not np.array_equal(np.isfinite(e), np.isfinite(g)):
            problems.append(f"{where}: non-finite entries differ")
            return
        err = relative_error(e[np.isfinite(e)], g[np.isfinite(g)])
        if not err <= tol:  # NaN fails too
            problems.append(f"{where}: relative error {err:.3g} > {tol:g}")


def compare_all(cases, results) -> list[str]:
    problems = []
    for case, expect in cases:
        got = results.get(case["id"])
        if got is None:
            problems.append(f"{case['id']}: no result")
        elif "error" in got:
            problems.append(f"{case['id']}: the twin raised {got['error']}")
        else:
            tol = TOL_TRAJECTORY if case["kind"] == "fit" else TOL_PASS
            _compare(expect, got, tol, case["id"], problems)
    return problems


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    _require_node()
    cases = build_fixtures()
    path = tmp_path_factory.mktemp("twin") / "fixtures.json"
    path.write_text(json.dumps({"cases": [c for c, _ in cases]}, allow_nan=False))
    return cases, path


@pytest.fixture(scope="module")
def twin_results(fixtures, tmp_path_factory):
    _, path = fixtures
    return run_twin(TWIN_MODULE, path, tmp_path_factory.mktemp("twin") / "results.json")


def _report(problems):
    numeric = [p for p in problems if "relative error" in p]
    other = [p for p in problems if "relative error" not in p]
    return (f"{len(problems)} disagreements between the twin and nnlib ({len(numeric)} numbers "
            f"beyond the tolerance, {len(other)} other):\n" + "\n".join((numeric + other)[:15]))


@pytest.mark.parametrize("kind", ["pass", "steps", "fit", "grid", "init", "widget"])
def test_twin_equals_nnlib(fixtures, twin_results, kind):
    cases = [(c, e) for c, e in fixtures[0] if c["kind"] == kind]
    assert cases, f"no {kind} fixtures"
    problems = compare_all(cases, twin_results)
    assert not problems, _report(problems)


def test_bad_input_is_refused_before_anything_changes(twin_results):
    got = twin_results["errors"]
    for name, words in BAD_INPUT.items():
        assert got[name]["message"] is not None, f"{name}: the twin accepted bad input"
        assert words in got[name]["message"], (name, got[name]["message"])
        assert got[name]["unchanged"], f"{name}: parameters or velocity changed before the error"


def test_page_draws(twin_results):
    """The twin's own generator (the page's shuffles, dropout masks and initial weights; not
    NumPy's stream): uniform in [0, 1), standard normal, permutations, masks of 0 and
    1/(1-p) keeping about 1-p, nnlib's initial standard deviations.  Fixed seed, bounds of
    about 4 standard errors."""
    d = twin_results["draws"]
    n = 20000
    assert 0.0 <= d["u_min"] and d["u_max"] < 1.0 and abs(d["u_mean"] - 0.5) < 4 * 0.29 / n**0.5
    assert abs(d["z_mean"]) < 4 / n**0.5 and abs(d["z_var"] - 1.0) < 4 * 2**0.5 / n**0.5
    assert sorted(d["permutation"]) == list(range(n)) and d["permutation"] != list(range(n))
    assert d["mask_shapes"] == [[100, 50], [100, 40]]
    assert d["mask_values"] == [0.0, 1 / 0.7] and abs(d["kept"] - 0.7) < 4 * (0.21 / 9000)**0.5
    # tanh layers: LeCun, std sqrt(1/n_in): 1/sqrt(2) over 100 weights, 1/sqrt(50) over 2000
    assert abs(d["W1_std"] / 0.5**0.5 - 1) < 4 / 200**0.5
    assert abs(d["W2_std"] / (1 / 50) ** 0.5 - 1) < 4 / 4000**0.5
    assert d["biases_zero"]


def test_fixtures_cover_the_promised_configurations(fixtures):
    """The promise of the module docstring, checked on the fixtures themselves."""
    cases = [c for c, _ in fixtures[0]]
    passes = [c for c in cases if c["kind"] == "pass"]
    combos = {(c["activations"][0], c["activations"][-1], c["loss"]) for c in passes
              if len(c["sizes"]) > 2}
    assert combos == {(h, o, l) for h in HIDDEN for o, l in PAIRS}
    for out, loss in PAIRS:
        depths = {len(c["sizes"]) - 2 for c in passes
                  if (c["activations"][-1], c["loss"]) == (out, loss)}
        assert depths == set(range(MAX_DEPTH + 1)), (out, loss, depths)
    widths = {w for c in passes for w in c["sizes"]}
    assert widths == set(range(1, MAX_WIDTH + 1))
    assert any(c["masks"] for c in passes) and any(c["l2"] for c in passes)
    calls = [f for c in cases if c["kind"] == "fit" for f in c["calls"]]
    assert all(f["epochs"] <= 100 for f in calls) and any(f["epochs"] == 100 for f in calls)
    assert any(f["masks"] for f in calls) and any(f["orders"] for f in calls)
    assert any(f["momentum"] for f in calls) and any(f["l2"] for f in calls)
    assert any(f["keep_velocity"] and f["reference_loss"] is not None for f in calls)
    # every training run is well conditioned: nnlib's own rounding-error spread is 100 times
    # below the tolerance the twin is held to
    spreads = {c["id"]: c["spread"] for c in cases if c["id"].startswith("fit-")}
    assert max(spreads.values()) <= SPREAD_LIMIT, spreads
    # the divergence rule is exercised: at once, and only after some epochs
    ends = {c["id"]: e["calls"][0] for c, e in fixtures[0] if c["id"].startswith("diverge")}
    assert ends["diverge-minibatch"]["diverged"] and ends["diverge-full"]["diverged"]
    assert ends["diverge-late"]["diverged"] and ends["diverge-late"]["diverged_epoch"] >= 3


# A mistake planted in a copy of the twin must make the comparison fail. Each entry: a line of
# nnlib.js, its mutated form, and the kinds of fixture that must then disagree.
PLANTED = {
    "dropped transpose (delta W instead of delta W^T)": (
        "const dA = needDA ? matmulNT(delta, W) : null;",
        "const dA = needDA ? matmul(delta, W) : null;", ("pass", "fit")),
    "missing 1/N in the fused output delta": (
        "return zip(A, Y, (a, y) => (a - y) / Z.rows);",
        "return zip(A, Y, (a, y) => (a - y));", ("pass", "fit")),
    "L2 spread over the batch instead of the training set": (
        "const n = nTrain ?? N;", "const n = N;", ("pass", "fit")),
    "softmax Jacobian without its diagonal": (
        "J.data[i * n + j] = (i === j ? s[i] : 0.0) - s[i] * s[j];",
        "J.data[i * n + j] = -s[i] * s[j];", ("widget",)),
    "momentum added to the gradient instead of kept": (
        "v = momentum * v - lr * loss.df(theta);",
        "v = momentum - lr * loss.df(theta);", ("widget",)),
    "scaled sigmoid's derivative without beta": (
        "dy: s.map((v) => c * beta * v * (1.0 - v))",
        "dy: s.map((v) => c * v * (1.0 - v))", ("widget",)),
    "ravine's steep curvature dropped from the gradient": (
        "momentum * v[1] - lr * (t[1] * b)]", "momentum * v[1] - lr * t[1]]", ("widget",)),
}


@pytest.mark.parametrize("name", list(PLANTED))
def test_planted_change_is_caught(fixtures, tmp_path, name):
    original, mutated, kinds = PLANTED[name]
    source = (TWIN_DIR / "nnlib.js").read_text()
    assert source.count(original) == 1, f"the line to mutate is no longer in nnlib.js: {original}"
    module = tmp_path / "nnlib.js"
    module.write_text(source.replace(original, mutated))
    results = run_twin(module, fixtures[1], tmp_path / "results.json")
    for kind in kinds:
        cases = [(c, e) for c, e in fixtures[0] if c["kind"] == kind]
        problems = compare_all(cases, results)
        numeric = [p for p in problems if "relative error" in p]
        assert numeric, f"planted '{name}': no {kind} fixture disagrees with nnlib"
