"""How fast is one training step of nnlib?  ``make bench`` runs this file.

For each task it times ONE training step (forward pass, loss, backward pass, SGD update) of

* ``nnlib``        ``MLP.fit(Xb, Yb, epochs=1)`` on one batch: the public API a reader uses;
* ``nnlib-step``   ``MLP.step(Xb, Yb, lr)``: one update without fit's bookkeeping;
* ``nnlib-grad``   ``MLP.gradients`` plus the update written by hand;
* ``floor``        a bare NumPy loop written for that one network, with preallocated buffers and
                   in-place updates: the least Python overhead NumPy allows (``floor-plain``:
                   the same with plain row reductions, see ``make_floor``);
* ``torch``        PyTorch eager on the CPU in float64 (``nn.Linear`` layers, ``cross_entropy``,
                   ``optim.SGD``), the way a reader would write it;
* ``sklearn``      ``MLPClassifier.partial_fit`` on one batch with ``batch_size`` = the batch;

interleaved in the same run (every repetition times every implementation once, in turn), and
reports the median, min and max over the repetitions and each median's ratio to the floor.

Tasks: ``small`` (the book's 2-3-2 tanh/softmax network, cross-entropy, N = 200, full batch),
``large`` (784-256-10 tanh/softmax, batches of 256 out of N = 20000 seeded synthetic samples),
and a scaling sweep (nnlib against the floor over hidden width and batch size, with the
GEMM-bound limit: the step's floating-point operations over NumPy's measured matmul rate).

PyTorch and scikit-learn are optional (``requirements-bench.txt``); a missing one is skipped and
the output says so.  Threads: NumPy's BLAS and PyTorch get the same thread count (``--threads``,
default 1, see bench/README.md), set through threadpoolctl and ``torch.set_num_threads``.

Usage::

    python bench/run.py                 # everything; writes bench/results.json, bench/scaling.png
    python bench/run.py --quick         # fewer repetitions, for a smoke test
    python bench/run.py --threads 1     # single-threaded BLAS and torch
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

import nnlib
from nnlib import MLP, one_hot

HERE = Path(__file__).resolve().parent
LR = 0.05

TARGETS = {
    # task: (max ratio nnlib/floor, min speed-up over torch: torch_time / nnlib_time)
    "small": {"max_ratio_to_floor": 1.5, "min_speedup_over_torch": 3.0},
    "large": {"max_ratio_to_floor": 1.15, "min_speedup_over_torch": 1 / 1.1},
}


# --- optional peers ---------------------------------------------------------------------------
def _optional(name):
    try:
        return __import__(name)
    except ImportError:
        return None


torch = _optional("torch")
threadpoolctl = _optional("threadpoolctl")
try:
    from sklearn.neural_network import MLPClassifier
except ImportError:
    MLPClassifier = None


def set_threads(n):
    """Give NumPy's BLAS (and every other BLAS/OpenMP pool) and PyTorch the same n threads."""
    limiter = None
    if threadpoolctl is not None:
        limiter = threadpoolctl.threadpool_limits(limits=n)
    else:
        print("warning: threadpoolctl is not installed, so NumPy's BLAS keeps its default thread "
              "count (set OPENBLAS_NUM_THREADS before starting to control it); "
              "results.json records 'blas': unknown threads")
    if torch is not None:
        torch.set_num_threads(n)
    return limiter


def blas_info():
    """NumPy's BLAS as threadpoolctl sees it (library, version, kernel architecture, threads)."""
    if threadpoolctl is None:
        return {"note": "threadpoolctl not installed"}
    numpy_dir = str(Path(np.__file__).parent.parent)
    for pool in threadpoolctl.threadpool_info():
        if pool.get("user_api") == "blas" and "numpy" in pool.get("filepath", ""):
            return {k: pool.get(k) for k in ("internal_api", "version", "architecture",
                                               "threading_layer", "num_threads")}
    return {"note": f"no BLAS found under {numpy_dir}"}


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info(threads):
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "threads": threads,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "numpy": np.__version__,
        "nnlib": nnlib.__version__,
        "nnlib_path": _relative(Path(nnlib.__file__).parent),
        "torch": torch.__version__ if torch is not None else None,
        "sklearn": __import__("sklearn").__version__ if MLPClassifier is not None else None,
        "blas": blas_info(),
        "date": datetime.date.today().isoformat(),
        # other processes on a shared machine slow every step; recorded at the start of the run
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }


def _relative(path):
    try:
        return str(Path(path).resolve().relative_to(HERE.parent))
    except ValueError:
        return str(path)


# --- data -------------------------------------------------------------------------------------
def small_data():
    """The book's task: two moons, 200 samples, 2 classes (one-hot)."""
    X, y = nnlib.datasets.moons(200, noise=0.1, seed=0)
    return X, y, one_hot(y, 2)


def synthetic_data(N, n_in, n_classes, seed=0):
    """Gaussian inputs labelled by a random linear teacher (seeded)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, n_in))
    y = (X @ rng.normal(size=(n_in, n_classes))).argmax(axis=1)
    return X, y, one_hot(y, n_classes)


# --- the implementations: each make_* returns step(Xb, Yb, yb) doing ONE training step --------
def make_net(sizes, W, b, mlp_class=MLP, assign=False):
    """A tanh/softmax network of the given sizes that starts from the weights ``W``, ``b``.

    The values are copied into the network's own parameter arrays, as a reader's network
    trains; ``assign=True`` replaces the arrays instead (``net.weights = [...]``), which
    makes nnlib update them array by array instead of through its one flat vector.
    """
    net = mlp_class(sizes, activations=["tanh", "softmax"], loss="cross_entropy", seed=0)
    if assign:
        net.weights, net.biases = [w.copy() for w in W], [c.copy() for c in b]
    else:
        for dst, src in zip(net.weights + net.biases, list(W) + list(b)):
            dst[...] = src
    return net


def make_nnlib_fit(sizes, W, b, mlp_class=MLP, assign=False):
    net = make_net(sizes, W, b, mlp_class, assign)

    def step(Xb, Yb, yb):
        net.fit(Xb, Yb, lr=LR, epochs=1)
    return step


def make_nnlib_fit_many(sizes, W, b, epochs=100):
    """``fit(epochs=100)`` on the full batch: 100 steps per call, so the per-call work
    (argument checks, set-up) is shared by 100 steps.  Reported per step."""
    net = make_net(sizes, W, b)

    def step(Xb, Yb, yb):
        net.fit(Xb, Yb, lr=LR, epochs=epochs)
    step.steps_per_call = epochs
    return step


def make_nnlib_step(sizes, W, b):
    """``MLP.step(Xb, Yb, lr)``: one update, the data checked, no fit bookkeeping."""
    net = make_net(sizes, W, b)

    def step(Xb, Yb, yb):
        net.step(Xb, Yb, LR)
    return step


def make_nnlib_grad(sizes, W, b):
    net = make_net(sizes, W, b)

    def step(Xb, Yb, yb):
        dWs, dbs = net.gradients(Xb, Yb)
        for l in range(len(dWs)):
            net.weights[l] -= LR * dWs[l]
            net.biases[l] -= LR * dbs[l]
    return step


def make_floor(sizes, W, b, batch, fast_rows=True):
    """Hand-written NumPy for one tanh hidden layer + softmax + cross-entropy, loss included.

    Every intermediate lives in a buffer allocated once; every update is in place.
    ``fast_rows``: take the softmax's row maxima and row sums through a column-major copy, as
    nnlib does (NumPy reduces a C-ordered (N, K) array along its short rows slowly, one inner
    loop of length K per row); ``False`` is the plain ``np.max``/``np.sum(axis=1)``
    (``floor-plain``, the floor of the first benchmark runs).
    """
    n_in, H, K = sizes
    W1, b1, W2, b2 = W[0].copy(), b[0].copy(), W[1].copy(), b[1].copy()
    A1 = np.empty((batch, H))
    Z2 = np.empty((batch, K))
    D1 = np.empty((batch, H))
    dW1, dW2 = np.empty_like(W1), np.empty_like(W2)
    m = np.empty((batch, 1))
    s = np.empty((batch, 1))

    def step(Xb, Yb, yb):
        nonlocal A1, Z2, D1, dW1, dW2   # updated in place (augmented assignment keeps the same arrays)
        N = Xb.shape[0]
        np.matmul(Xb, W1, out=A1)
        A1 += b1
        np.tanh(A1, out=A1)                       # A1 = tanh(X W1 + b1)
        np.matmul(A1, W2, out=Z2)
        Z2 += b2
        if fast_rows:
            np.maximum.reduce(np.asfortranarray(Z2), axis=1, keepdims=True, out=m)
        else:
            np.max(Z2, axis=1, keepdims=True, out=m)
        Z2 -= m                                   # shifted logits S
        loss = -np.vdot(Yb, Z2)                   # -sum Y S ...
        np.exp(Z2, out=Z2)
        if fast_rows:
            np.add.reduce(np.asfortranarray(Z2), axis=1, keepdims=True, out=s)
        else:
            np.sum(Z2, axis=1, keepdims=True, out=s)
        loss = (loss + np.log(s).sum()) / N       # ... + sum log sum e^S  (Y rows sum to 1)
        Z2 /= s                                   # P = softmax
        Z2 -= Yb
        Z2 /= N                                   # D2 = (P - Y) / N
        np.matmul(A1.T, Z2, out=dW2)
        db2 = Z2.sum(axis=0)
        np.matmul(Z2, W2.T, out=D1)
        np.multiply(A1, A1, out=A1)
        np.subtract(1.0, A1, out=A1)
        D1 *= A1                                  # D1 = (D2 W2^T) * (1 - A1^2)
        np.matmul(Xb.T, D1, out=dW1)
        db1 = D1.sum(axis=0)
        dW1 *= LR
        np.subtract(W1, dW1, out=W1)              # in-place SGD updates
        dW2 *= LR
        np.subtract(W2, dW2, out=W2)
        np.subtract(b1, LR * db1, out=b1)
        np.subtract(b2, LR * db2, out=b2)
        return loss
    return step


def make_torch(sizes, W, b):
    n_in, H, K = sizes
    model = torch.nn.Sequential(torch.nn.Linear(n_in, H), torch.nn.Tanh(),
                                torch.nn.Linear(H, K)).double()
    with torch.no_grad():
        for layer, Wl, bl in zip((model[0], model[2]), W, b):
            layer.weight.copy_(torch.from_numpy(Wl.T))   # torch stores (out, in)
            layer.bias.copy_(torch.from_numpy(bl))
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = torch.nn.functional.cross_entropy
    cache = {}

    def step(Xb, Yb, yb):
        key = id(Xb)
        if key not in cache:   # the tensors share memory with the arrays: no copy per step
            cache[key] = (torch.from_numpy(Xb), torch.from_numpy(yb))
        xt, yt = cache[key]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xt), yt)
        loss.backward()
        opt.step()
    return step


def make_sklearn(sizes, W, b, classes, batch):
    n_in, H, K = sizes
    clf = MLPClassifier(hidden_layer_sizes=(H,), activation="tanh", solver="sgd",
                        learning_rate_init=LR, momentum=0.0, nesterovs_momentum=False, alpha=0.0,
                        batch_size=batch, shuffle=False, random_state=0)
    state = {"ready": False}

    def step(Xb, Yb, yb):
        if not state["ready"]:   # the first call builds the network; then copy our weights in
            clf.partial_fit(Xb, yb, classes=classes)
            if clf.coefs_[1].shape[1] == K:       # softmax output (K > 2 classes)
                clf.coefs_ = [w.copy() for w in W]
                clf.intercepts_ = [c.copy() for c in b]
            state["ready"] = True
        clf.partial_fit(Xb, yb)
    return step


# --- timing -----------------------------------------------------------------------------------
def calibrate(step, batches, budget=0.02):
    """Steps per timed block so that one block takes about ``budget`` seconds (at least 1)."""
    Xb, Yb, yb = batches[0]
    step(Xb, Yb, yb)
    t0 = time.process_time()
    k = 0
    while time.process_time() - t0 < budget / 4:
        Xb, Yb, yb = batches[k % len(batches)]
        step(Xb, Yb, yb)
        k += 1
    per = (time.process_time() - t0) / k
    return max(1, int(budget / per))


def time_block(step, batches, k):
    """Seconds per step over k steps: (process CPU time, wall-clock time)."""
    gc.disable()
    try:
        c0, t0 = time.process_time(), time.perf_counter()
        for i in range(k):
            Xb, Yb, yb = batches[i % len(batches)]
            step(Xb, Yb, yb)
        steps = k * getattr(step, "steps_per_call", 1)
        return (time.process_time() - c0) / steps, (time.perf_counter() - t0) / steps
    finally:
        gc.enable()


def interleaved(steps, batches, reps, budget=0.02):
    """Time every step function ``reps`` times, taking turns.

    Returns name -> {"cpu": [seconds per step, one per repetition], "wall": [...]}.
    """
    ks = {name: calibrate(fn, batches, budget) for name, fn in steps.items()}
    times = {name: {"cpu": [], "wall": []} for name in steps}
    for _ in range(reps):
        for name, fn in steps.items():
            cpu, wall = time_block(fn, batches, ks[name])
            times[name]["cpu"].append(cpu)
            times[name]["wall"].append(wall)
    return times


def summary(times, floor="floor"):
    """Median, min, max per implementation, and the median's ratio to the floor's median.

    The headline clock is the process's CPU time (see README: with one thread it is the step's
    compute time, and unlike wall-clock time it does not count the time the shared machine gave
    to other processes); the wall-clock statistics are kept next to it.
    """
    out = {}
    for clock in ("cpu", "wall"):
        med_floor = statistics.median(times[floor][clock])
        for name, ts in times.items():
            t = ts[clock]
            med = statistics.median(t)
            entry = {"median_s": med, "min_s": min(t), "max_s": max(t), "reps": len(t),
                     "ratio_to_floor": med / med_floor}
            if clock == "cpu":
                out[name] = entry
            else:
                out[name]["wall"] = entry
    return out


# --- tasks ------------------------------------------------------------------------------------
def load_alternative_nnlib(path):
    """Import another copy of nnlib (e.g. with a proposed patch) as the package ``nnlib_alt``."""
    import importlib.util
    pkg = Path(path) / "nnlib"
    spec = importlib.util.spec_from_file_location(
        "nnlib_alt", pkg / "__init__.py", submodule_search_locations=[str(pkg)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["nnlib_alt"] = module
    spec.loader.exec_module(module)
    return module


ALTERNATIVE = {}   # label -> MLP class of another nnlib copy (--compare-nnlib)


def peers(sizes, W, b, batch, classes, skipped):
    steps = {
        "floor": make_floor(sizes, W, b, batch),
        "floor-plain": make_floor(sizes, W, b, batch, fast_rows=False),
        "nnlib": make_nnlib_fit(sizes, W, b),
        "nnlib-step": make_nnlib_step(sizes, W, b),
        "nnlib-grad": make_nnlib_grad(sizes, W, b),
        "nnlib-assigned": make_nnlib_fit(sizes, W, b, assign=True),
    }
    for label, cls in ALTERNATIVE.items():
        steps[label] = make_nnlib_fit(sizes, W, b, mlp_class=cls)
    if torch is not None:
        steps["torch"] = make_torch(sizes, W, b)
    else:
        skipped.add("torch (not installed; pip install -r requirements-bench.txt)")
    if MLPClassifier is not None:
        steps["sklearn"] = make_sklearn(sizes, W, b, classes, batch)
    else:
        skipped.add("sklearn (not installed; pip install -r requirements-bench.txt)")
    return steps


def initial_parameters(sizes, seed=0):
    net = MLP(sizes, activations=["tanh", "softmax"], loss="cross_entropy", seed=seed)
    return net.weights, net.biases


def task_small(reps, skipped):
    X, y, Y = small_data()
    sizes = [2, 3, 2]
    W, b = initial_parameters(sizes)
    batches = [(X, Y, y)]
    steps = peers(sizes, W, b, X.shape[0], np.arange(2), skipped)
    steps["nnlib-fit100"] = make_nnlib_fit_many(sizes, W, b)
    return {"sizes": sizes, "N": int(X.shape[0]), "batch": int(X.shape[0]),
            "results": summary(interleaved(steps, batches, reps))}


def task_large(reps, skipped, batch=256):
    X, y, Y = synthetic_data(20000, 784, 10, seed=0)
    sizes = [784, 256, 10]
    W, b = initial_parameters(sizes)
    # the batches of one shuffled epoch, sliced once (C-contiguous), so no step pays for indexing
    order = np.random.default_rng(1).permutation(X.shape[0])
    batches = [(np.ascontiguousarray(X[i]), np.ascontiguousarray(Y[i]), y[i])
               for i in (order[s:s + batch] for s in range(0, X.shape[0] - batch + 1, batch))]
    steps = peers(sizes, W, b, batch, np.arange(10), skipped)
    return {"sizes": sizes, "N": int(X.shape[0]), "batch": batch,
            "results": summary(interleaved(steps, batches, reps))}


def step_flops(n_in, H, K, B):
    """Floating-point operations of the step's five matrix products (2 per multiply-add):
    forward X W1 and A1 W2, backward A1^T D2, D2 W2^T and X^T D1 (no gradient for the data)."""
    return 2 * B * (2 * n_in * H + 3 * H * K)


def matmul_rate(n=1024, reps=5):
    """NumPy's float64 matmul rate in FLOP/s on n x n matrices (best of ``reps``)."""
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(n, n)), rng.normal(size=(n, n))
    A @ B
    best = min(_timed(lambda: A @ B) for _ in range(reps))
    return 2 * n ** 3 / best


def _timed(fn):
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def task_sweep(reps, rate, n_in=784, K=10):
    X, y, Y = synthetic_data(4096, n_in, K, seed=2)
    points = [("width", H, 256) for H in (8, 16, 32, 64, 128, 256, 512, 1024)]
    points += [("batch", 256, B) for B in (1, 4, 16, 64, 256, 1024, 4096)]
    rows = []
    for kind, H, B in points:
        sizes = [n_in, H, K]
        W, b = initial_parameters(sizes)
        batches = [(np.ascontiguousarray(X[s:s + B]), np.ascontiguousarray(Y[s:s + B]), y[s:s + B])
                   for s in range(0, max(B, X.shape[0] - B + 1), B)][:8]
        steps = {"floor": make_floor(sizes, W, b, B), "nnlib": make_nnlib_fit(sizes, W, b)}
        for label, cls in ALTERNATIVE.items():
            steps[label] = make_nnlib_fit(sizes, W, b, mlp_class=cls)
        res = summary(interleaved(steps, batches, reps, budget=0.01))
        flops = step_flops(n_in, H, K, B)
        rows.append({"vary": kind, "hidden": H, "batch": B, "flops": flops,
                     "gemm_bound_s": flops / rate,
                     "floor_s": res["floor"]["median_s"], "nnlib_s": res["nnlib"]["median_s"],
                     "ratio_to_floor": res["nnlib"]["ratio_to_floor"]})
        for label in ALTERNATIVE:
            rows[-1][f"{label}_s"] = res[label]["median_s"]
        print(f"  {kind:5s} H={H:5d} B={B:5d}  floor {res['floor']['median_s'] * 1e6:9.1f} us  "
              f"nnlib {res['nnlib']['median_s'] * 1e6:9.1f} us  x{rows[-1]['ratio_to_floor']:.2f}  "
              f"GEMM bound {flops / rate * 1e6:9.1f} us", flush=True)
    return rows


# --- report -----------------------------------------------------------------------------------
def verdicts(task, res):
    t = TARGETS[task]
    r = res["results"]
    out = {"timed": "nnlib = MLP.fit(Xb, Yb, lr, epochs=1)",
           "ratio_to_floor": r["nnlib"]["ratio_to_floor"],
           "max_ratio_to_floor": t["max_ratio_to_floor"]}
    out["floor_target_met"] = out["ratio_to_floor"] <= t["max_ratio_to_floor"]
    if "torch" in r:
        out["speedup_over_torch"] = r["torch"]["median_s"] / r["nnlib"]["median_s"]
        out["min_speedup_over_torch"] = t["min_speedup_over_torch"]
        out["torch_target_met"] = out["speedup_over_torch"] >= t["min_speedup_over_torch"]
    # the same two figures for MLP.step, for information (the targets are judged on fit)
    if "nnlib-step" in r:
        out["step_ratio_to_floor"] = r["nnlib-step"]["ratio_to_floor"]
        if "torch" in r:
            out["step_speedup_over_torch"] = r["torch"]["median_s"] / r["nnlib-step"]["median_s"]
    return out


def print_table(task, res):
    print(f"\n{task}: sizes {res['sizes']}, batch {res['batch']} of N = {res['N']}")
    print(f"  {'':14s} {'median':>11s} {'min':>11s} {'max':>11s} {'x floor':>8s}")
    for name, r in res["results"].items():
        print(f"  {name:14s} {r['median_s'] * 1e6:9.1f}us {r['min_s'] * 1e6:9.1f}us "
              f"{r['max_s'] * 1e6:9.1f}us {r['ratio_to_floor']:8.2f}")
    v = res["targets"]
    line = f"  target nnlib <= {v['max_ratio_to_floor']}x floor: {v['ratio_to_floor']:.2f}x " \
           f"{'met' if v['floor_target_met'] else 'MISSED'}"
    if "speedup_over_torch" in v:
        line += f"; nnlib/torch speed-up {v['speedup_over_torch']:.2f} (target >= " \
                f"{v['min_speedup_over_torch']:.2f}) {'met' if v['torch_target_met'] else 'MISSED'}"
    print(line)
    if "step_ratio_to_floor" in v:
        print(f"  (MLP.step: {v['step_ratio_to_floor']:.2f}x floor"
              + (f", speed-up over torch {v['step_speedup_over_torch']:.2f}"
                 if "step_speedup_over_torch" in v else "") + ")")


def plot_sweep(rows, rate, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
    for ax, kind, key, label in ((axes[0], "width", "hidden", "hidden width H (batch 256)"),
                                 (axes[1], "batch", "batch", "batch size B (H = 256)")):
        rs = [r for r in rows if r["vary"] == kind]
        x = [r[key] for r in rs]
        ax.loglog(x, [r["floor_s"] * 1e6 for r in rs], "o-", label="bare NumPy floor")
        ax.loglog(x, [r["nnlib_s"] * 1e6 for r in rs], "s--", label="nnlib fit(epochs=1)")
        ax.loglog(x, [r["gemm_bound_s"] * 1e6 for r in rs], "k:",
                  label=f"GEMM bound ({rate / 1e9:.0f} GFLOP/s)")
        ax.set_xlabel(label)
        ax.set_ylabel("one step (µs)")
        ax.grid(True, which="major", alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.suptitle("784-H-10 tanh/softmax, one SGD step", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--threads", type=int, default=1,
                   help="threads for NumPy's BLAS and for PyTorch (default 1; see README)")
    p.add_argument("--reps", type=int, default=15, help="repetitions per implementation")
    p.add_argument("--quick", action="store_true", help="3 repetitions, for a smoke test")
    p.add_argument("--out", type=Path, default=HERE / "results.json")
    p.add_argument("--plot", type=Path, default=HERE / "scaling.png")
    p.add_argument("--no-sweep", action="store_true")
    p.add_argument("--compare-nnlib", type=Path, metavar="DIR",
                   help="also time MLP.fit of the nnlib package in DIR/nnlib (a patched copy), "
                        "labelled nnlib-patched")
    args = p.parse_args(argv)
    reps = 3 if args.quick else args.reps
    if args.compare_nnlib:
        ALTERNATIVE["nnlib-patched"] = load_alternative_nnlib(args.compare_nnlib).MLP

    limiter = set_threads(args.threads)
    skipped = set()
    info = machine_info(args.threads)
    print(f"machine: {info['cpu']}, {info['cores']} cores; {args.threads} threads for BLAS and torch")
    print(f"numpy {info['numpy']} ({info['blas'].get('internal_api')} {info['blas'].get('version')}),"
          f" torch {info['torch']}, scikit-learn {info['sklearn']}")

    results = {"machine": info, "compared_nnlib": str(args.compare_nnlib or ""), "lr": LR,
               "reps": reps, "targets": TARGETS, "tasks": {}}
    for task, fn in (("small", task_small), ("large", task_large)):
        res = fn(reps, skipped)
        res["targets"] = verdicts(task, res)
        results["tasks"][task] = res
        print_table(task, res)
    if not args.no_sweep:
        rate = matmul_rate()
        print(f"\nscaling sweep (NumPy matmul rate {rate / 1e9:.1f} GFLOP/s on 1024x1024):")
        results["matmul_rate_flops"] = rate
        results["sweep"] = task_sweep(max(3, reps // 3), rate)
        plot_sweep(results["sweep"], rate, args.plot)
        print(f"wrote {args.plot}")
    results["skipped"] = sorted(skipped)
    for s in sorted(skipped):
        print(f"skipped peer: {s}")
    if hasattr(os, "getloadavg"):
        results["machine"]["load_average_1min_end"] = round(os.getloadavg()[0], 2)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {args.out}")
    del limiter
    return 0


if __name__ == "__main__":
    sys.exit(main())
