"""Speed of the chapters' live widgets (book_assets/twin/widgets/*.js, and the live playground,
book_assets/twin/playground.js) in headless Chromium.

Measured on a built site (``--site DIR``, default ``_build/html``; build it with ``make html``),
served on 127.0.0.1, in Debian's Chromium driven by Playwright, for every page that has live
widgets or a live playground (the classifier and XOR pages, the two largest pages of the site):

* **usable after load**: the time from the start of navigation to the moment each widget has
  drawn its first figure and its controls answer (``performance.mark('nnlib-live:<name>')``,
  set by ui.js right after the widget is built, by playground.js as ``nnlib-live:playground``),
  and the page's ``load`` event for comparison.
  The page is loaded fresh (new browser context, empty cache) ``--loads`` times; the median.
* **redraw per control move**: for every control of every widget, ``--moves`` moves across its
  range (inputs: ``input`` events; menus: ``change``); the time of the synchronous work the
  event starts (the twin's computation and the new SVG), and the time to the next animation
  frame after it (when the browser can paint it). Median and maximum over all moves. In the
  playground: its menus and sliders (data, network and training settings), which retrain
  nothing but redraw the regions, the diagram and the curves, or build a new network.

The machine is shared: the 1-minute load average is recorded when each page's measurement starts.

Targets (issue 17, not asserted anywhere): the largest page with live widgets usable within
1 s of the start of loading; each control redraws within one frame (16.7 ms).

Run: ``.venv/bin/python bench/page_widgets.py [--site DIR] [--loads N] [--moves N]``; the figures
are printed and written to ``bench/page_widgets_results.json`` (``--no-save`` to skip; ``--page
chapters/xor.html`` measures one page and saves nothing).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PAGES = ["chapters/forward_pass.html", "chapters/softmax.html", "chapters/gradient_descent.html",
         "chapters/bias.html", "chapters/activations.html", "chapters/gradient_checking.html",
         "chapters/beyond.html", "chapters/classifier.html", "chapters/xor.html"]
# every live widget and playground of the page is built
ALL_BUILT = """() => document.querySelectorAll('[data-nnlib-live]').length
    === document.querySelectorAll('[data-nnlib-widget]').length
    && [...document.querySelectorAll('[data-nnlib-playground]')].every((e) => e.nnlibPlayground)"""
FRAME_MS = 1000 / 60
TARGET_LOAD_MS = 1000.0

READY = """() => ({
    marks: performance.getEntriesByType('mark').filter(m => m.name.startsWith('nnlib-live:'))
        .map(m => [m.name.slice(11), m.startTime]),
    build: performance.getEntriesByType('mark').filter(m => m.name.startsWith('nnlib-live:'))
        .map(m => m.startTime - performance.getEntriesByName('nnlib-live-start:' + m.name.slice(11))[0].startTime),
    html: performance.getEntriesByType('navigation')[0].responseEnd,
    load: performance.getEntriesByType('navigation')[0].loadEventEnd,
    domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
})"""

MOVES = """async (moves) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    const out = [];
    const roots = [...document.querySelectorAll('[data-nnlib-live]')]
        .map((r) => [r.dataset.nnlibLive, r, 'input, select'])
        .concat([...document.querySelectorAll('[data-nnlib-playground]')].map((r) => ['playground', r,
            '.pg-groups select, .pg-groups input[type="range"]']));
    for (const [name, root, controls] of roots) {
        for (const el of root.querySelectorAll(controls)) {
            if (el.disabled) continue;
            const values = el.tagName === 'SELECT'
                ? Array.from(el.options, (o) => o.value)
                : Array.from({length: moves}, (_, k) => {
                    const lo = Number(el.min), hi = Number(el.max), step = Number(el.step);
                    return lo + Math.round(((hi - lo) * k / Math.max(moves - 1, 1)) / step) * step;
                });
            for (const v of values) {
                await frame();
                el.value = String(v);
                const t0 = performance.now();
                el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
                const t1 = performance.now();
                const t2 = await frame();
                out.push({widget: name, control: el.dataset.key || el.id, work: t1 - t0, toFrame: t2 - t0});
            }
        }
    }
    return out;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--moves", type=int, default=21)
    parser.add_argument("--page", action="append", choices=PAGES,
                        help="measure only this page (repeatable; implies --no-save)")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    pages = args.page or PAGES
    from playwright.sync_api import sync_playwright

    server, url = serve(args.site)
    results = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
               "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                        capture_output=True, text=True).stdout.strip(),
               "load_1min": [os.getloadavg()[0]],
               "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
               "targets": {"usable_ms": TARGET_LOAD_MS, "frame_ms": round(FRAME_MS, 1)}, "pages": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])
            for path in pages:
                load_1min = os.getloadavg()[0]
                size = (args.site / path).stat().st_size
                loads = []
                for _ in range(args.loads):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.goto(url + path, wait_until="load")
                    page.wait_for_function(ALL_BUILT)
                    loads.append(page.evaluate(READY))
                    context.close()
                usable = statistics.median(max(t for _, t in r["marks"]) for r in loads)
                load = statistics.median(r["load"] for r in loads)
                html = statistics.median(r["html"] for r in loads)
                build = statistics.median(max(r["build"]) for r in loads)
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(url + path, wait_until="load")
                page.wait_for_function(ALL_BUILT)
                moves = page.evaluate(MOVES, args.moves)
                context.close()
                per_widget = {}
                for m in moves:
                    per_widget.setdefault(m["widget"], []).append(m)
                entry = {"html_bytes": size, "load_1min": load_1min,
                         "widgets": [n for n, _ in loads[0]["marks"]],
                         "usable_ms_median": round(usable, 1), "load_event_ms_median": round(load, 1),
                         "html_received_ms_median": round(html, 1),
                         "widget_build_ms_median": round(build, 2),
                         "redraw": {}}
                for name, ms in per_widget.items():
                    work = [m["work"] for m in ms]
                    to_frame = [m["toFrame"] for m in ms]
                    entry["redraw"][name] = {
                        "moves": len(ms), "controls": len({m["control"] for m in ms}),
                        "work_ms_median": round(statistics.median(work), 2),
                        "work_ms_max": round(max(work), 2),
                        "to_next_frame_ms_median": round(statistics.median(to_frame), 2),
                        "to_next_frame_ms_max": round(max(to_frame), 2),
                        "within_one_frame": sum(w <= FRAME_MS for w in work) / len(work),
                        # the controls whose moves took longest (median work over their moves)
                        "slowest_controls": sorted(
                            ((c, round(statistics.median(m["work"] for m in ms if m["control"] == c), 2))
                             for c in {m["control"] for m in ms}), key=lambda t: -t[1])[:3],
                    }
                results["pages"][path] = entry
                print(f"{path} ({size / 1e6:.2f} MB): widgets usable {usable:.0f} ms after the start "
                      f"of navigation (HTML received {html:.0f} ms, widget built in {build:.1f} ms, load "
                      f"event {load:.0f} ms; median of {args.loads}; load average {load_1min:.2f})")
                for name, r in entry["redraw"].items():
                    print(f"    {name:<15} {r['controls']:>2} controls, {r['moves']:>4} moves: work "
                          f"median {r['work_ms_median']:.2f} ms, max {r['work_ms_max']:.2f} ms; "
                          f"to the next frame median {r['to_next_frame_ms_median']:.1f} ms, max "
                          f"{r['to_next_frame_ms_max']:.1f} ms; {100 * r['within_one_frame']:.0f}% "
                          f"of moves within {FRAME_MS:.1f} ms; slowest (median work): "
                          + ", ".join(f"{c} {w:.1f} ms" for c, w in r["slowest_controls"]))
            browser.close()
    finally:
        server.shutdown()
    results["load_1min"].append(os.getloadavg()[0])
    largest = max(results["pages"], key=lambda k: results["pages"][k]["html_bytes"])
    results["largest_page"] = {"page": largest, "usable_ms": results["pages"][largest]["usable_ms_median"],
                               "load_1min": results["pages"][largest]["load_1min"]}
    print(f"largest page with live widgets: {largest}, usable after "
          f"{results['largest_page']['usable_ms']:.0f} ms (target {TARGET_LOAD_MS:.0f} ms; load average "
          f"{results['largest_page']['load_1min']:.2f}); load average over the run "
          f"{results['load_1min'][0]:.2f} -> {results['load_1min'][1]:.2f} on {os.cpu_count()} cores")
    if not (args.no_save or args.page):
        out = ROOT / "bench" / "page_widgets_results.json"
        out.write_text(json.dumps(results, indent=2) + "\n")
        print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
