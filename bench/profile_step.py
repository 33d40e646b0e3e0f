"""Where does nnlib's training step spend its time?  Profiles ``MLP.fit(Xb, Yb, epochs=1)``.

Runs the benchmark's small and large steps many times under pyinstrument (a sampling
profiler from PyPI, in requirements-bench.txt) and writes the call trees to
``bench/profile_small.txt`` and ``bench/profile_large.txt``.

    python bench/profile_step.py [--threads 1]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (the benchmark's tasks and thread setting)


def profile(step, batches, seconds, interval):
    import time

    from pyinstrument import Profiler

    for Xb, Yb, yb in batches[:3]:
        step(Xb, Yb, yb)
    profiler = Profiler(interval=interval)
    profiler.start()
    t0, i = time.perf_counter(), 0
    while time.perf_counter() - t0 < seconds:
        Xb, Yb, yb = batches[i % len(batches)]
        step(Xb, Yb, yb)
        i += 1
    profiler.stop()
    return profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False), i


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=4.0)
    args = p.parse_args(argv)
    run.set_threads(args.threads)

    X, y, Y = run.small_data()
    W, b = run.initial_parameters([2, 3, 2])
    small = (run.make_nnlib_fit([2, 3, 2], W, b), [(X, Y, y)], 1e-4)

    X, y, Y = run.synthetic_data(20000, 784, 10, seed=0)
    W, b = run.initial_parameters([784, 256, 10])
    batches = [(X[s:s + 256].copy(), Y[s:s + 256].copy(), y[s:s + 256]) for s in range(0, 2560, 256)]
    large = (run.make_nnlib_fit([784, 256, 10], W, b), batches, 1e-4)

    for name, (step, batches, interval) in (("small", small), ("large", large)):
        text, steps = profile(step, batches, args.seconds, interval)
        out = HERE / f"profile_{name}.txt"
        out.write_text(f"# pyinstrument, nnlib MLP.fit(epochs=1), {name} task, {steps} steps, "
                       f"{args.threads} thread(s)\n" + text)
        print(f"wrote {out} ({steps} steps)")


if __name__ == "__main__":
    main()
