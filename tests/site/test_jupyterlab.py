"""The chapters as a reader runs them: JupyterLab in headless Chromium, sliders moved by hand.

The widget tests elsewhere set ``.value`` from Python, which never exercises the browser's side
of a widget (a slider that rounds what the kernel wrote and sends it back, a Play button's
timer, a notebook that opens untrusted). Here JupyterLab runs on a free local port, token-less,
on a temporary copy of ``chapters/`` (trusted with ``jupyter trust``, as ``make lab`` does), with
its own Jupyter config, data and runtime folders, so nothing in the repository or the user's
home changes. Every request to another host is recorded.

1. ``classifier.ipynb`` opened before anything runs: the MyST markup is rendered (no
   ``{cite}``, ``:::{admonition}`` or ``{eq}`` left as text, exercise solutions closed), the
   saved widget state and the JavaScript animation display, and nothing loads from another host.
2. The same notebook with every cell run: the playground displayed without a weight moving;
   momentum set to 0.9 in the browser (the status line says it applies from the next step);
   Play pressed for a few seconds: the epoch advances at the rate Play's interval allows
   (within :data:`RATE_FACTOR`), the figure is redrawn once per frame, the weights are exactly
   those of the same number of frames replayed in a fresh model (so no weight changed and no
   momentum was reset except by training); Pause stops training within one frame; one weight
   slider typed into by hand moves exactly that weight and redraws the figure once.

The kernel is asked through its connection file (``jupyter_client``), the browser through the
page. Needs Debian's Chromium, like ``test_browser.py`` (skipped without it, failed in CI).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from test_browser import CHROMIUM_ARGS, _require_chromium, browser  # noqa: F401 (fixture)

CHAPTER = "classifier.ipynb"
PLAY_SECONDS = 4.0
RATE_FACTOR = 4.0
"""Play must reach at least 1/RATE_FACTOR of the frame rate its 80 ms interval allows (12.5/s),
that is 3.1 frames/s: the sliders' echo held it to 2.5 on a quiet machine (0.75 on two cores
under a load of 9); without it, 7 to 8 under that load. The exact checks of the echo are the
redraw count and the replayed weights."""
TIMEOUT_MS = 60_000
RUN_ALL_TIMEOUT_S = 240
VIEWPORT = {"width": 1400, "height": 1000}
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
PLAYGROUND_CELL = f"{NOTEBOOK} .jp-CodeCell:has-text('playground = Playground()')"

# JupyterLab settings for the test only: every cell in the DOM (no windowing), no news popup.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server on a temporary working copy of the chapters."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.work = base / "chapters"
        self.env = dict(os.environ)
        for name in ("config", "data", "runtime"):
            (base / name).mkdir()
            self.env[f"JUPYTER_{name.upper()}_DIR"] = str(base / name)
        self.env["IPYTHONDIR"] = str(base / "ipython")
        self.env.pop("JUPYTER_PATH", None)
        for rel, values in LAB_SETTINGS.items():
            path = base / "config" / "lab" / "user-settings" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        shutil.copytree(ROOT / "chapters", self.work,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        jupyter = str(Path(sys.executable).with_name("jupyter"))
        notebooks = sorted(str(p) for p in self.work.glob("*.ipynb"))
        subprocess.run([jupyter, "trust", *notebooks], env=self.env, check=True,
                       capture_output=True)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        cmd = [jupyter, "lab", "--no-browser", f"--port={self.port}", "--ServerApp.ip=127.0.0.1",
               "--ServerApp.port_retries=0", "--IdentityProvider.token=",
               "--ServerApp.password=", f"--ServerApp.root_dir={self.work}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log = open(base / "server.log", "w")
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT, cwd=self.work)
        end = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(self.url + "api/status", timeout=2):
                    break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > end:
                    self.stop()
                    pytest.fail("JupyterLab did not start:\n" +
                                (base / "server.log").read_text()[-3000:])
                time.sleep(0.5)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def kernel(self, notebook: str, timeout: float = 60) -> object:
        """A client of the kernel JupyterLab started for ``notebook``."""
        from jupyter_client import BlockingKernelClient

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with urllib.request.urlopen(self.url + "api/sessions", timeout=5) as r:
                sessions = json.load(r)
            for session in sessions:
                if session["path"].endswith(notebook) and session.get("kernel"):
                    connection = (self.base / "runtime" /
                                  f"kernel-{session['kernel']['id']}.json")
                    if connection.exists():
                        client = BlockingKernelClient(connection_file=str(connection))
                        client.load_connection_file()
                        client.start_channels()
                        client.wait_for_ready(timeout=30)
                        return client
            time.sleep(0.5)
        pytest.fail(f"no kernel for {notebook} after {timeout} s")


def ask(client: object, code: str, timeout: float = 60) -> object:
    """Run ``code`` in the notebook's kernel; it must print one JSON value, returned here."""
    out: list[str] = []

    def hook(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append("\n".join(msg["content"]["traceback"]))

    reply = client.execute_interactive(code, output_hook=hook, timeout=timeout,
                                       store_history=False)
    text = "".join(out)
    assert reply["content"]["status"] == "ok", f"kernel error:\n{text}"
    return json.loads(text)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    _require_chromium()
    server = Lab(tmp_path_factory.mktemp("lab"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def page(browser: object, lab: Lab) -> Iterator[object]:
    """A page on the JupyterLab server; ``page.left_machine`` lists every request it made to
    another host. (Requests are watched, not routed: with Playwright's request interception
    on, JupyterLab 4.6 never starts the notebook's kernel.)"""
    context = browser.new_context(viewport=VIEWPORT)
    left_machine: list[str] = []
    origin = urlsplit(lab.url).netloc

    def watch(request: object) -> None:
        url = request.url
        if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).netloc != origin:
            left_machine.append(url)

    context.on("request", watch)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.left_machine = left_machine
    try:
        yield page
    finally:
        context.close()


def open_notebook(page: object, lab: Lab, name: str) -> None:
    page.goto(f"{lab.url}lab/tree/{name}?reset")
    page.wait_for_selector(f"{NOTEBOOK} .jp-Notebook")


# --- before running anything ------------------------------------------------------------------
MYST_PROBLEMS = r"""(notebook) => {
    const problems = [];
    const cells = Array.from(notebook.querySelectorAll('.jp-MarkdownCell'));
    if (!cells.length) problems.push('no Markdown cell rendered');
    for (const cell of cells) {
        const text = cell.querySelector('.jp-MarkdownOutput, .jp-RenderedMarkdown, .myst');
        const shown = text ? text.innerText : '(not rendered)';
        for (const raw of ['{cite}', '{doc}', '{eq}', ':::{', '```{', ':class:']) {
            if (shown.includes(raw)) {
                problems.push('MyST left as text (' + raw + '): ' + shown.slice(0, 80));
            }
        }
    }
    const solutions = Array.from(notebook.querySelectorAll('details'))
        .filter(d => /Solution/.test(d.querySelector('summary')?.innerText || ''));
    if (!solutions.length) problems.push('no collapsible exercise solution found');
    solutions.filter(d => d.open).forEach(
        d => problems.push('solution open before the reader opens it'));
    if (!notebook.querySelector('.admonition, aside')) problems.push('no admonition rendered');
    return problems;
}"""

SAVED_OUTPUT_PROBLEMS = r"""(notebook) => {
    const problems = [];
    for (const out of notebook.querySelectorAll('.jp-OutputArea-output')) {
        const text = out.innerText;
        for (const bad of ['Error displaying widget', 'VBox(children=', 'HBox(children=',
                           'Box(children=']) {
            if (text.includes(bad)) problems.push('widget output shows: ' + text.slice(0, 80));
        }
    }
    const images = Array.from(notebook.querySelectorAll('img[id^="_anim_img"]'));
    if (!images.length) problems.push('no JavaScript animation found');
    images.filter(img => !(img.naturalWidth > 0))
          .forEach(img => problems.push('animation frame not shown: ' + img.id));
    return problems;
}"""


def test_a_chapter_opens_rendered_before_any_cell_runs(page: object, lab: Lab) -> None:
    open_notebook(page, lab, CHAPTER)
    notebook = page.locator(f"{NOTEBOOK} .jp-Notebook")
    # the saved widget state: the playground's Play button and sliders, without a kernel run
    page.wait_for_selector(f"{PLAYGROUND_CELL} .jp-OutputArea .widget-play")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('img[id^=\"_anim_img\"]'))"
        ".some(img => img.naturalWidth > 0)", timeout=TIMEOUT_MS)
    problems = notebook.evaluate(MYST_PROBLEMS) + notebook.evaluate(SAVED_OUTPUT_PROBLEMS)
    sliders = page.locator(f"{PLAYGROUND_CELL} .widget-slider").count()
    if sliders < 17:
        problems.append(f"only {sliders} sliders in the saved playground")
    prompts = page.locator(f"{NOTEBOOK} .jp-InputPrompt").all_inner_texts()
    if any("*" in p for p in prompts):
        problems.append("a cell ran on opening")
    problems += [f"request to another host: {url}" for url in page.left_machine]
    assert not problems, "\n".join(problems)


# --- every cell run, the playground played ---------------------------------------------------
PROBE = r"""
import json as _json

import numpy as _np

from nnlib.experiments.playground import PlaygroundModel as _PlaygroundModel

_probe = {"redraws": 0, "pause_epoch": None}


def _count_redraw(_change):
    _probe["redraws"] += 1


def _paused(change):
    if not change["new"]:
        _probe["pause_epoch"] = playground.model.epoch


playground.image.observe(_count_redraw, names="value")
playground.controls["play"].observe(_paused, names="playing")


def _replay_differences():
    '''How far the live weights are from a fresh model stepped through the same frames.'''
    m = playground.model
    fresh = _PlaygroundModel(**m.settings())
    frames, rest = divmod(m.epoch, m.epochs_per_frame)
    assert rest == 0, (m.epoch, m.epochs_per_frame)
    for _ in range(frames):
        fresh.step()
    return [float(_np.max(_np.abs(a - b)))
            for a, b in zip(m.net.weights + m.net.biases, fresh.net.weights + fresh.net.biases)]


def _state():
    m = playground.model
    return {"epoch": m.epoch, "epochs_per_frame": m.epochs_per_frame, "momentum": m.momentum,
            "interval": playground.controls["play"].interval,
            "playing": playground.controls["play"].playing, "redraws": _probe["redraws"],
            "pause_epoch": _probe["pause_epoch"], "replay": _replay_differences(),
            "W": [W.tolist() for W in m.net.weights], "loss": m.train_losses[-1]}


print(_json.dumps(_state()))
"""

STATE = "print(_json.dumps(_state()))"


def run_all_cells(page: object, client: object) -> None:
    """Run > Run All Cells, then wait until the kernel has run them (the kernel answers
    requests in order, so a question asked after the cells were queued waits for them)."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    end = time.monotonic() + RUN_ALL_TIMEOUT_S
    while not ask(client, "print(int('playground' in globals()))", timeout=RUN_ALL_TIMEOUT_S):
        assert time.monotonic() < end, f"the cells did not run in {RUN_ALL_TIMEOUT_S} s"
        time.sleep(0.5)


def slider(page: object, label: str) -> object:
    return page.locator(f"{PLAYGROUND_CELL} .widget-slider").filter(
        has=page.locator("label", has_text=label)).first


def type_into_readout(page: object, label: str, text: str) -> None:
    """Edit a slider's readout as a reader does: click it, replace the text, press Enter."""
    readout = slider(page, label).locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def wait_for_kernel(client: object, condition: str, timeout: float = 15) -> dict:
    end = time.monotonic() + timeout
    while True:
        state = ask(client, STATE)
        if eval(condition, {}, state) or time.monotonic() > end:
            return state
        time.sleep(0.25)


def test_the_playground_in_jupyterlab(page: object, lab: Lab) -> None:
    open_notebook(page, lab, CHAPTER)
    client = lab.kernel(CHAPTER)
    try:
        run_all_cells(page, client)
        live = f"{PLAYGROUND_CELL} .jp-OutputArea .widget-play"
        page.wait_for_selector(live)
        time.sleep(2)  # let the browser render every slider and send back whatever it sends
        state = ask(client, PROBE)
        assert state["epoch"] == 0 and state["redraws"] == 0
        assert max(state["replay"]) == 0.0, (
            f"showing the playground moved weights by up to {max(state['replay']):.3g}")

        # a training setting from the browser: applies from the next step, and says so
        type_into_readout(page, "momentum", "0.9")
        state = wait_for_kernel(client, "momentum == 0.9")
        assert state["momentum"] == 0.9
        status = page.locator(f"{PLAYGROUND_CELL} .widget-html").all_inner_texts()
        assert any("next step" in s for s in status), status

        # Play for a few seconds, then Pause
        redraws = state["redraws"]
        play = page.locator(f"{live} button").first
        play.click()
        start = time.monotonic()
        time.sleep(PLAY_SECONDS)
        play.click()
        seconds = time.monotonic() - start
        state = wait_for_kernel(client, "pause_epoch is not None")
        time.sleep(1.5)  # anything still queued would train now
        state = ask(client, STATE)
        frames = state["epoch"] // state["epochs_per_frame"]
        allowed = seconds * 1000 / state["interval"]
        print(f"\nPlay in JupyterLab: {frames} frames in {seconds:.2f} s = "
              f"{frames / seconds:.1f} frames/s (interval allows {allowed / seconds:.1f}); "
              f"{state['redraws'] - redraws} redraws; loss {state['loss']:.4f} at epoch "
              f"{state['epoch']}")
        assert frames >= allowed / RATE_FACTOR, (
            f"{frames} frames in {seconds:.1f} s; Play's interval allows {allowed:.0f}")
        assert state["redraws"] - redraws == frames, "the figure was redrawn between frames"
        assert max(state["replay"]) == 0.0, (
            f"weights differ by up to {max(state['replay']):.3g} from {frames} frames of "
            "training: a weight moved, or the momentum was reset, without the reader")
        assert not state["playing"]
        assert state["epoch"] - state["pause_epoch"] <= state["epochs_per_frame"], (
            f"trained from epoch {state['pause_epoch']} to {state['epoch']} after Pause")

        # one weight moved by hand: exactly that weight, one redraw, a new picture
        image = page.locator(f"{PLAYGROUND_CELL} .jp-OutputArea img").first
        before_src = image.get_attribute("src")
        W = state["W"]
        redraws = state["redraws"]
        type_into_readout(page, "W1[1,1]", "1.5")
        moved = wait_for_kernel(client, "W[0][0][0] == 1.5")
        time.sleep(1.0)
        moved = ask(client, STATE)
        assert moved["W"][0][0][0] == 1.5
        W[0][0][0] = 1.5
        assert moved["W"] == W, "moving one slider changed other weights"
        assert moved["redraws"] - redraws == 1
        page.wait_for_function("([img, before]) => img.getAttribute('src') !== before",
                               arg=[image.element_handle(), before_src])
    finally:
        client.stop_channels()
    assert not page.left_machine, page.left_machine
