"""Frames per second of the playground, and how long a weight-slider change takes to redraw.

Drives :class:`nnlib.experiments.playground.PlaygroundModel` headless (matplotlib Agg, drawn by
:class:`nnlib.plot.playground.PlaygroundFigure`), exactly as the widget does: a frame is one
``step()`` (``epochs_per_frame`` epochs of ``MLP.fit``) plus the redraw and the encoding of the
image the widget shows.  A slider change is ``set_weight`` plus
the redraw.  A control change is any control of the ipywidgets app set to a new value, network
changes included, up to the return of its observer.  Targets (issues 6 and 16, on the 2-core
machine): >= 20 frames/s, <= 50 ms per slider redraw, <= 150 ms per control change at the 95th
percentile.  The machine's load average is written with the figures.

Run: ``.venv/bin/python bench/playground_fps.py`` (``--frames N``, ``--json`` for one JSON line).
The figures are also written to ``bench/playground_results.json`` (``--no-save`` to skip).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from nnlib.experiments.playground import PlaygroundModel
from nnlib.plot.playground import PlaygroundFigure
from nnlib.widgets.playground import Playground

TARGET_FPS = 20.0
TARGET_SLIDER_MS = 50.0


def frames_per_second(frames=100, model=None):
    """Frames per wall-clock second and per CPU second of this process (the second is less
    affected by other programs sharing the two cores) over ``frames`` frames of the default
    network, after one untimed warm-up frame."""
    model = model or PlaygroundModel()
    fig = PlaygroundFigure()
    fig.frame(model)  # builds the artists and the static background (not timed)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(frames):
        model.step()
        fig.frame(model)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return frames / seconds, frames / cpu_seconds, model


def slider_latency_ms(changes=50, model=None):
    """Median and worst wall-clock milliseconds from a weight change to the encoded image
    (the slider's redraw), and the median in CPU milliseconds of this process."""
    model = model or PlaygroundModel()
    fig = PlaygroundFigure()
    fig.frame(model)
    times, cpu_times = [], []
    for k in range(changes):
        value = -2.0 + 4.0 * k / max(changes - 1, 1)
        start, cpu = time.perf_counter(), time.process_time()
        model.set_weight(0, k % 2, k % model.hidden[0] if model.hidden else 0, value)
        fig.frame(model)
        times.append((time.perf_counter() - start) * 1e3)
        cpu_times.append((time.process_time() - cpu) * 1e3)
    return statistics.median(times), max(times), statistics.median(cpu_times)


def widget_slider_latency_ms(changes=30):
    """The same through the ipywidgets app: set a weight slider's ``.value`` (the observer
    calls ``set_weight`` and redraws into the Image widget)."""
    app = Playground()
    slider = app.weight_sliders[0]
    times = []
    for k in range(changes):
        start = time.perf_counter()
        slider.value = -2.0 + 4.0 * k / max(changes - 1, 1)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


TARGET_CONTROL_MS_P95 = 150.0

CONTROL_CHANGES = (
    # (control, values in turn): every control of the app, network changes included
    ("dataset", ("circles", "xor", "spirals", "blobs", "xor corners", "moons")),
    ("noise", (0.05, 0.3, 0.15)),
    ("train_fraction", (0.5, 0.9, 0.7)),
    ("data_seed", (1, 2, 0)),
    ("layers", (1, 3, 4, 0, 2)),
    ("units1", (8, 2, 4)),
    ("units2", (8, 1, 4)),
    ("activation", ("relu", "sigmoid", "leaky_relu", "identity", "tanh")),
    ("output", ("sigmoid", "identity", "softmax")),
    ("seed", (1, 2, 0)),
    ("lr", (1.0, 0.03, 0.3)),
    ("batch_size", (16, 1, 0)),
    ("momentum", (0.5, 0.9, 0.0)),
    ("l2", (0.01, 0.1, 0.0)),
    ("dropout", (0.2, 0.5, 0.0)),
    ("epochs_per_frame", (20, 1, 5)),
)
"""Control changes :func:`control_latency_ms` times, each from the default settings' state
after a few frames (a trained network: what a reader changes)."""


def control_latency_ms(rounds=3):
    """Milliseconds (wall clock and CPU of this process) from setting a control's ``.value``
    in the ipywidgets app to the return of its observer (model reconfigured, figure rendered
    and encoded, weight sliders rebuilt or updated), for every change of
    :data:`CONTROL_CHANGES`, ``rounds`` times.

    Returns
    -------
    dict control -> list of (wall ms, cpu ms)
    """
    app = Playground()
    for _ in range(3):
        app.step()
    times = {name: [] for name, _ in CONTROL_CHANGES}
    for _ in range(rounds):
        for name, values in CONTROL_CHANGES:
            for value in values:
                if name == "units2" and app.controls["layers"].value < 2:
                    app.controls["layers"].value = 2
                start, cpu = time.perf_counter(), time.process_time()
                app.controls[name].value = value
                times[name].append(((time.perf_counter() - start) * 1e3,
                                    (time.process_time() - cpu) * 1e3))
                app.step()
    return times


def _p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, math.ceil(0.95 * len(values)) - 1)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-save", action="store_true",
                        help="do not write bench/playground_results.json")
    args = parser.parse_args(argv)
    fps, cpu_fps, model = frames_per_second(args.frames)
    median_ms, worst_ms, cpu_ms = slider_latency_ms()
    widget_ms = widget_slider_latency_ms()
    load_before = os.getloadavg()[0]
    controls = control_latency_ms()
    wall = [t for ts in controls.values() for t, _ in ts]
    cpu = [c for ts in controls.values() for _, c in ts]
    per_control = {name: {"p95_ms": round(_p95([t for t, _ in ts]), 1),
                          "max_ms": round(max(t for t, _ in ts), 1),
                          "cpu_p95_ms": round(_p95([c for _, c in ts]), 1)}
                   for name, ts in controls.items()}
    result = {
        "benchmark": "playground_fps",
        "network": "-".join(map(str, model.sizes)) + f" {model.activation}/{model.output}",
        "dataset": model.dataset, "epochs_per_frame": model.epochs_per_frame,
        "frames": args.frames, "fps": round(fps, 1), "fps_cpu": round(cpu_fps, 1),
        "fps_target": TARGET_FPS,
        "slider_ms_median": round(median_ms, 1), "slider_ms_worst": round(worst_ms, 1),
        "slider_ms_cpu_median": round(cpu_ms, 1),
        "widget_slider_ms_median": round(widget_ms, 1), "slider_ms_target": TARGET_SLIDER_MS,
        "fps_ok": fps >= TARGET_FPS, "slider_ok": median_ms <= TARGET_SLIDER_MS,
        "control_changes": len(wall), "control_ms_p95": round(_p95(wall), 1),
        "control_ms_max": round(max(wall), 1), "control_cpu_ms_p95": round(_p95(cpu), 1),
        "control_ms_target_p95": TARGET_CONTROL_MS_P95,
        "control_ok": _p95(wall) <= TARGET_CONTROL_MS_P95,
        "control_ok_cpu": _p95(cpu) <= TARGET_CONTROL_MS_P95,
        "load_average_1min_before_controls": round(load_before, 2),
        "per_control": per_control,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"playground, {result['network']} on {result['dataset']}, "
              f"{result['epochs_per_frame']} epochs per frame")
        print(f"  {args.frames} frames: {fps:.1f} frames/s wall clock, "
              f"{cpu_fps:.1f} per CPU second (target >= {TARGET_FPS:g})"
              f" {'ok' if result['fps_ok'] else 'MISSED'}")
        print(f"  weight-slider redraw: median {median_ms:.1f} ms ({cpu_ms:.1f} CPU ms),"
              f" worst {worst_ms:.1f} ms;"
              f" through the widget {widget_ms:.1f} ms (target <= {TARGET_SLIDER_MS:g})"
              f" {'ok' if result['slider_ok'] else 'MISSED'}")
    if not args.json:
        print(f"  every control change ({len(wall)}): p95 {_p95(wall):.1f} ms wall clock, "
              f"{_p95(cpu):.1f} CPU ms, worst {max(wall):.1f} ms (target p95 <= "
              f"{TARGET_CONTROL_MS_P95:g}) {'ok' if result['control_ok'] else 'MISSED'}")
        slow = sorted(per_control.items(), key=lambda kv: -kv[1]["p95_ms"])[:5]
        print("  slowest controls (p95 wall / CPU ms): " + ", ".join(
            f"{k} {v['p95_ms']:.0f}/{v['cpu_p95_ms']:.0f}" for k, v in slow))
    result["load_average_1min"] = round(os.getloadavg()[0], 2)
    if not args.json:
        print(f"  load average while measuring: {result['load_average_1min']} "
              f"({os.cpu_count()} cores)")
    if not args.no_save:
        import matplotlib as mpl
        import numpy as np

        result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                             "numpy": np.__version__, "matplotlib": mpl.__version__,
                             "platform": platform.platform()}
        result["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "playground_results.json")
        with open(path, "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
        if not args.json:
            print(f"  written to {os.path.relpath(path)}")
    return result


if __name__ == "__main__":
    main()
