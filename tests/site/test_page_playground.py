"""The live playground of the website (book_assets/twin/playground.js, datasets.js).

Two parts:

* The page's data sets against nnlib's (under Node, no browser): ``datasets.js`` is given the
  very random numbers NumPy's generator gave ``nnlib.datasets`` (recorded by a stand-in
  generator that draws through NumPy's own) and must return nnlib's points and labels.
* The classifier page in headless Chromium (the site build of ``conftest.built_site``, served
  on 127.0.0.1, every request to another host blocked and recorded): Play moves the epoch
  counter and the decision regions; the loss falls on the default data; a learning-rate change
  and a weight edit (dragged in the diagram, and typed with the keyboard) take effect; and the
  "Copy as nnlib code" text, run with nnlib, gives the page's losses and, after a Step, the
  parameters nnlib's own ``fit`` reaches from the same start. No request leaves the machine.
* The XOR chapter's page: its playground starts with the settings of the notebook's
  ``xor_widget(...)`` cell, and after some Steps shows the loss and parameters nnlib's ``fit``
  reaches from the page's starting weights.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

from nnlib import datasets

ROOT = Path(__file__).resolve().parents[2]
TWIN = ROOT / "book_assets" / "twin"
NODE = shutil.which("node") or "/usr/bin/node"
NUMPY_RNG = np.random.default_rng  # the real one, kept before any test patches it


# --- datasets.js against nnlib.datasets ---------------------------------------------------------

class RecordingGenerator:
    """A NumPy Generator stand-in for nnlib.datasets: uniform, normal and permutation draw
    through the real generator (``low + (high - low) * random()`` and ``loc + scale *
    standard_normal()`` are how NumPy computes them) and keep the underlying draws."""

    def __init__(self, seed):
        self._rng = NUMPY_RNG(seed)
        self.uniforms, self.normals, self.permutations = [], [], []

    def uniform(self, low=0.0, high=1.0, size=None):
        u = self._rng.random(size)
        self.uniforms.extend(np.ravel(u).tolist())
        return low + (high - low) * u

    def normal(self, loc=0.0, scale=1.0, size=None):
        g = self._rng.standard_normal(size)
        self.normals.extend(np.ravel(g).tolist())
        return loc + scale * g

    def permutation(self, n):
        p = self._rng.permutation(n)
        self.permutations.append(p.tolist())
        return p


# (name, JS call, nnlib call); the JS call gets `src`, the replayed draws
CASES = [
    ("moons", "moons(200, 0.15, src)", lambda: datasets.moons(200, 0.15, seed=3)),
    ("moons odd n", "moons(51, 0.3, src)", lambda: datasets.moons(51, 0.3, seed=0)),
    ("circles", "circles(200, 0.1, src)", lambda: datasets.circles(200, 0.1, seed=5)),
    ("xor", "xor(200, 0.2, src)", lambda: datasets.xor(200, 0.2, seed=1)),
    ("xor corners", "xor(4, 0, src)", lambda: datasets.xor(4, 0.0, seed=0)),
    ("spirals 2", "spirals(300, 0.1, src, 2)", lambda: datasets.spirals(300, 2, 0.1, seed=2)),
    ("spirals 4", "spirals(199, 0.25, src, 4)", lambda: datasets.spirals(199, 4, 0.25, seed=7)),
    ("blobs 3", "blobs(200, 0.3, src, 3)", lambda: datasets.blobs(200, 3, 0.3, seed=4)),
    ("blobs 4", "blobs(101, 0.5, src, 4)", lambda: datasets.blobs(101, 4, 0.5, seed=9)),
]

RUN_JS = r"""
const m = await import(process.argv[1]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map((c) => {
  const q = { random: c.random.slice(), normal: c.normal.slice(), perms: c.perms.slice() };
  const take = (list, what) => {
    if (!list.length) throw new Error(`${c.name}: ran out of ${what}`);
    return list.shift();
  };
  const src = { random: () => take(q.random, "uniform draws"), normal: () => take(q.normal, "normal draws"),
                permutation: () => take(q.perms, "permutations") };
  const result = c.split
    ? m.trainTestSplit(Float64Array.from(c.X), Int32Array.from(c.y), c.split, src)
    : new Function("m", "src", `with (m) { return ${c.call}; }`)(m, src);
  const left = q.random.length + q.normal.length + q.perms.length;
  const plain = (d) => ({ X: Array.from(d.X), y: Array.from(d.y) });
  return { left, result: c.split ? { train: plain(result.train), test: plain(result.test) } : plain(result) };
});
console.log(JSON.stringify(out));
"""


def _run_datasets_js(cases: list[dict]) -> list[dict]:
    if not Path(NODE).is_file():
        pytest.fail(f"Node is needed to run book_assets/twin/datasets.js; none at {NODE}")
    # `require` for stdin inside an ES module evaluated with --input-type=module
    script = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);\n" + RUN_JS
    result = subprocess.run(
        [NODE, "--experimental-detect-module", "--input-type=module", "-e", script,
         str(TWIN / "datasets.js")],
        input=json.dumps(cases), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _recorded(make, monkeypatch):
    """What ``make()`` returns when nnlib.datasets draws through a RecordingGenerator, and
    that generator (nnlib.datasets makes exactly one per call)."""
    recorders = []

    def recording_rng(seed=None):
        recorders.append(RecordingGenerator(seed))
        return recorders[-1]

    with monkeypatch.context() as m:
        m.setattr(datasets.np.random, "default_rng", recording_rng)
        result = make()
    assert len(recorders) == 1
    return result, recorders[0]


def test_recording_generator_gives_numpys_numbers(monkeypatch):
    """The stand-in changes nothing: nnlib's data come out the same with it as without."""
    for name, _, make in CASES:
        (X, y), _ = _recorded(make, monkeypatch)
        X0, y0 = make()
        np.testing.assert_array_equal(X, X0, err_msg=name)
        np.testing.assert_array_equal(y, y0, err_msg=name)


def test_datasets_js_are_nnlibs_generators(monkeypatch):
    """Given NumPy's draws, datasets.js returns nnlib's points (to 1e-12: V8's and NumPy's
    sin and cos may differ in the last bit) and exactly nnlib's labels, and uses every draw."""
    cases, expected = [], []
    for name, call, make in CASES:
        (X, y), rec = _recorded(make, monkeypatch)
        cases.append({"name": name, "call": call, "random": rec.uniforms, "normal": rec.normals,
                      "perms": rec.permutations})
        expected.append((X, y))
    for (name, _, _), (X, y), got in zip(CASES, expected, _run_datasets_js(cases)):
        assert got["left"] == 0, f"{name}: datasets.js left {got['left']} draws unused"
        np.testing.assert_array_equal(np.array(got["result"]["y"]), y, err_msg=name)
        np.testing.assert_allclose(np.array(got["result"]["X"]).reshape(-1, 2), X, rtol=0,
                                   atol=1e-12, err_msg=name)


def test_wave_is_the_documented_regression_set():
    """The page's own regression set (nnlib has none) is what its description and the nnlib
    code's comment say: x uniform in [-1, 1]^2, target sin(2 x1) + x2^2 - 0.5 + noise."""
    rng = NUMPY_RNG(0)
    u, g = rng.random(2 * 50), rng.standard_normal(50)
    got = _run_datasets_js([{"name": "wave", "call": "wave(50, 0.1, src)", "random": u.tolist(),
                             "normal": g.tolist(), "perms": []}])[0]
    assert got["left"] == 0
    X = np.array(got["result"]["X"]).reshape(-1, 2)
    np.testing.assert_allclose(X.ravel(), -1 + 2 * u, rtol=0, atol=1e-15)
    np.testing.assert_allclose(got["result"]["y"],
                               np.sin(2 * X[:, 0]) + X[:, 1] ** 2 - 0.5 + 0.1 * g, rtol=0, atol=1e-12)


@pytest.mark.parametrize("n, test_fraction", [(200, 0.3), (10, 0.25), (14, 0.25), (7, 0.9)])
def test_train_test_split_js_is_nnlibs(monkeypatch, n, test_fraction):
    """The same split as nnlib.datasets.train_test_split from the same permutation, including
    Python's rounding of halves to even (10 * 0.25 = 2.5 -> 2 test points, 14 * 0.25 -> 4)."""
    X = np.arange(2 * n, dtype=float).reshape(n, 2) / 7
    y = np.arange(n) % 3
    (Xtr, Xte, ytr, yte), rec = _recorded(
        lambda: datasets.train_test_split(X, y, test_fraction, seed=11), monkeypatch)
    got = _run_datasets_js([{"name": "split", "split": test_fraction, "X": X.ravel().tolist(),
                             "y": y.tolist(), "random": [], "normal": [],
                             "perms": rec.permutations}])[0]
    assert got["left"] == 0
    np.testing.assert_array_equal(np.array(got["result"]["train"]["X"]).reshape(-1, 2), Xtr)
    np.testing.assert_array_equal(np.array(got["result"]["test"]["X"]).reshape(-1, 2), Xte)
    np.testing.assert_array_equal(got["result"]["train"]["y"], ytr)
    np.testing.assert_array_equal(got["result"]["test"]["y"], yte)



MOUNT_JS = r"""
const m = await import(process.argv[1]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(cases.map((attrs) => {
  const root = { getAttribute: (k) => (k in attrs ? attrs[k] : null) };
  try { return { ok: m.mountOptions(root) }; } catch (e) { return { error: e.message }; }
})));
"""

BAD_MOUNTS = [  # (attributes of the mount element, what the error must name)
    ({"data-settings": "{lr: 2}"}, "data-settings is not JSON"),
    ({"data-settings": "[4]"}, "data-settings must be a JSON object"),
    ({"data-settings": '{"lr": 2.5}'}, "lr=2.5 must be one of"),
    ({"data-settings": '{"hiden": [4]}'}, "unknown setting hiden"),
    ({"data-settings": '{"hidden": [9], "act": "swish"}'}, "hidden=[9] must list"),
    ({"data-controls": "network trainings"}, "data-controls must list some of data, network, training"),
]


def test_a_mount_sets_the_start_and_a_bad_mount_is_named():
    """playground.js's mountOptions: the attributes of a mount element give the starting
    settings and control groups; every mistake is named (all of them at once) in the error
    thrown before the playground is built."""
    good = {"data-settings": '{"data": "xor corners", "hidden": [4], "lr": 2, "test": false}',
            "data-controls": "network training"}
    script = ("import { createRequire } from 'module'; "
              "const require = createRequire(import.meta.url);\n" + MOUNT_JS)
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", script, str(TWIN / "playground.js")],
        input=json.dumps([{}, good] + [attrs for attrs, _ in BAD_MOUNTS]),
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    plain, ok, *bad = json.loads(result.stdout)
    assert plain == {"ok": {"settings": {}, "groups": ["data", "network", "training"]}}
    assert ok == {"ok": {"settings": {"data": "xor corners", "hidden": [4], "lr": 2, "test": False},
                         "groups": ["network", "training"]}}
    for (attrs, named), got in zip(BAD_MOUNTS, bad):
        assert "error" in got, f"{attrs}: accepted as {got}"
        assert named in got["error"], (attrs, got["error"])
    assert "act=\"swish\" must be one of" in bad[4]["error"], "only the first mistake named"


RECIPES_JS = r"""
const m = await import(process.argv[1]);
const { base, recipes } = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(recipes.map(({ changes, epochs }) => {
  const run = new m.Run({ ...m.defaultSettings(), ...base, ...changes });
  const start = run.history.train[0];
  let solved = null;  // the first epoch after which every corner is right
  while (run.epoch < epochs && !run.diverged) {
    run.step();
    if (solved === null && run.accuracy() === 1) solved = run.epoch;
  }
  return { start, end: run.history.train.at(-1), solved, diverged: run.diverged };
})));
"""


def _xor_mount_settings() -> dict:
    """The data-settings of the XOR chapter's playground mount (its Markdown cell)."""
    import html

    import nbformat

    nb = nbformat.read(ROOT / "chapters" / "xor.ipynb", as_version=4)
    mounts = [c.source for c in nb.cells
              if c.cell_type == "markdown" and "data-nnlib-playground" in c.source]
    assert len(mounts) == 1
    return json.loads(html.unescape(re.search(r"data-settings='([^']*)'", mounts[0]).group(1)))


def test_the_xor_things_to_try_do_what_the_text_says():
    """The XOR chapter's "Things to try", in the page's playground from the chapter's mount
    (weights seeds 0 to 3, 1000 epochs; 3000 for one hidden unit): identity + MSE at
    learning rate 2 ends with a larger loss than it started with and does not solve XOR, at 1
    solves it; one hidden unit never solves it; softmax with two outputs solves it within twice
    the epochs the sigmoid output needs."""
    base = _xor_mount_settings()
    recipes = []
    for seed in range(4):
        recipes += [{"changes": {"wseed": seed}, "epochs": 1000},
                    {"changes": {"wseed": seed, "out": "identity"}, "epochs": 1000},
                    {"changes": {"wseed": seed, "out": "identity", "lr": 1}, "epochs": 1000},
                    {"changes": {"wseed": seed, "hidden": [1]}, "epochs": 3000},
                    {"changes": {"wseed": seed, "out": "softmax"}, "epochs": 1000}]
    script = ("import { createRequire } from 'module'; "
              "const require = createRequire(import.meta.url);\n" + RECIPES_JS)
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", script, str(TWIN / "playground.js")],
        input=json.dumps({"base": base, "recipes": recipes}), capture_output=True, text=True,
        timeout=120)
    assert result.returncode == 0, result.stderr
    runs = json.loads(result.stdout)
    for seed in range(4):
        sigmoid, mse2, mse1, one, softmax = runs[5 * seed:5 * seed + 5]
        assert sigmoid["solved"] is not None, (seed, sigmoid)
        assert mse2["end"] > mse2["start"] and mse2["solved"] is None, (seed, mse2)
        assert mse1["solved"] is not None, (seed, mse1)
        assert one["solved"] is None, (seed, one)
        assert softmax["solved"] is not None and softmax["solved"] <= 2 * sigmoid["solved"], \
            (seed, softmax, sigmoid)

# --- the classifier page in Chromium ------------------------------------------------------------

from page_session import PageSession  # noqa: E402
from test_browser import CHROMIUM_ARGS, browser, site_url  # noqa: E402,F401

PAGE = "chapters/classifier.html"
ROOT_SEL = "[data-nnlib-playground]"
REGIONS = "() => document.querySelector('.pg-regions').toDataURL()"
EPOCH = "() => Number(document.querySelector('.pg-epoch').textContent.replace(/\\D+/g, ''))"


class PlaygroundPage(PageSession):
    """A page with the live playground (the classifier page unless ``path`` says otherwise)."""

    def __init__(self, browser, site_url, query="", path=PAGE, **context_options):
        super().__init__(browser, site_url, path + query, ready=".pg .pg-play", **context_options)
        self.root = self.page.locator(ROOT_SEL)

    def status(self):
        return self.page.locator(".pg-status").text_content()

    def train_loss(self):
        return float(re.search(r"train loss ([0-9.]+)", self.status()).group(1))

    def code(self):
        """The "Copy as nnlib code" text."""
        self.root.get_by_role("button", name="Copy as nnlib code").click()
        return self.page.locator("textarea.pg-code").input_value()


@pytest.fixture
def session(browser, site_url):
    s = PlaygroundPage(browser, site_url)
    yield s
    s.close()


def _run_code(code: str) -> dict:
    """Execute the page's nnlib code; its namespace (net, F_train, Y_train, ...)."""
    namespace: dict = {}
    exec(compile(code, "<page code>", "exec"), namespace)
    return namespace


def _page_value(code: str, what: str) -> float:
    return float(re.search(rf'print\("{what}".*# the page: (\S+)', code).group(1))


def test_page_shows_the_live_playground_not_the_snapshot(session):
    page, root = session.page, session.root
    root = page.locator(ROOT_SEL)
    assert "appears here on the book's website" not in root.text_content()
    # the kernel cell is there (its code), its frozen widget output is not
    assert page.locator("div.cell:has-text('playground = Playground()')").count() == 1
    assert page.locator(".cell_output .widget-subarea").count() == 0
    # every control has an accessible name (a label, or aria-label)
    unnamed = page.evaluate("""() => [...document.querySelectorAll(
        '.pg input, .pg select, .pg button, .pg textarea')].filter(e =>
        !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
        .map(e => e.outerHTML.slice(0, 80))""")
    assert unnamed == []


def test_play_trains_and_redraws_and_the_loss_falls(session):
    page, root = session.page, session.root
    assert page.evaluate(EPOCH) == 0
    regions0, loss0 = page.evaluate(REGIONS), session.train_loss()
    root.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function(f"({EPOCH})() >= 600", timeout=20_000)
    root.get_by_role("button", name="Pause", exact=True).click()
    epoch = page.evaluate(EPOCH)
    assert page.evaluate(REGIONS) != regions0, "the decision regions did not change"
    assert page.evaluate(EPOCH) == epoch, "Pause did not stop the training"
    # the default network solves the default data (moons): loss and errors far down
    loss = session.train_loss()
    right = int(re.search(r"train loss [0-9.]+ \((\d+)% right", session.status()).group(1))
    assert loss < 0.1 * loss0 and right >= 95, session.status()


def test_the_page_computes_nnlibs_losses_and_steps(session):
    """After a learning-rate change and a Step, the page's parameters are nnlib's: the nnlib
    code from before the Step, trained by nnlib's own fit with the new rate, gives the code
    from after it (to 1e-9), and the losses the page shows are nnlib's (to 1e-12)."""
    page, root = session.page, session.root
    root.get_by_role("button", name="Step", exact=True).click()
    root.get_by_label("learning rate", exact=True).select_option("0.03")
    assert parse_qs(urlsplit(page.url).query)["lr"] == ["0.03"]
    before = _run_code(session.code())
    root.get_by_role("button", name="Step", exact=True).click()
    after_code = session.code()
    after = _run_code(after_code)
    net = before["net"]
    epochs = int(root.get_by_label("epochs per frame", exact=True).input_value())
    hist = net.fit(before["F_train"], before["Y_train"], lr=0.03, epochs=epochs)
    assert not hist.diverged
    np.testing.assert_allclose(net.get_flat(), after["net"].get_flat(), rtol=1e-9, atol=1e-12)
    train = after["net"].loss(after["F_train"], after["Y_train"])
    test = after["net"].loss(after["F_test"], after["Y_test"])
    assert train == pytest.approx(_page_value(after_code, "train loss"), rel=1e-12)
    assert test == pytest.approx(_page_value(after_code, "test loss"), rel=1e-12)


@pytest.mark.parametrize("query, exact_data", [
    ("?data=xor%20corners&hidden=2&out=sigmoid&lr=1", True),
    ("?data=wave&features=x1,x2,x2sq,sinx1&hidden=5", False),
    ("?data=spirals&classes=4&features=x1,x2,x1x2,sinx2&batch=16&mom=0.9&l2=0.01&drop=0.2", False),
])
def test_the_nnlib_code_rebuilds_the_page_network(browser, site_url, query, exact_data):
    """Features, regression targets, one sigmoid output, four classes, mini-batches, momentum,
    L2 and dropout: the code rebuilds the page's network and nnlib gives the page's losses;
    only the xor corners are claimed to be nnlib's own data (datasets.xor(4, 0.0))."""
    s = PlaygroundPage(browser, site_url, query=query)
    for _ in range(4):
        s.root.get_by_role("button", name="Step", exact=True).click()
    code = s.code()
    s.close()
    assert ("datasets.xor(4, 0.0)" in code) == exact_data
    ns = _run_code(code)
    train = ns["net"].loss(ns["F_train"], ns["Y_train"])
    assert train == pytest.approx(_page_value(code, "train loss"), rel=1e-12)
    if "F_test" in ns:
        test = ns["net"].loss(ns["F_test"], ns["Y_test"])
        assert test == pytest.approx(_page_value(code, "test loss"), rel=1e-12)


def test_controls_that_do_not_apply_are_disabled(session):
    root = session.root
    assert root.get_by_label("classes", exact=True).is_disabled()  # moons have two classes
    root.get_by_label("data set", exact=True).select_option("blobs")
    assert root.get_by_label("classes", exact=True).is_enabled()
    root.get_by_label("data set", exact=True).select_option("xor corners")
    for name in ("noise", "train fraction", "show test data"):
        assert root.get_by_label(name, exact=True).is_disabled(), name
    assert root.get_by_role("button", name="Regenerate").is_disabled()
    root.get_by_label("data set", exact=True).select_option("wave")
    assert root.get_by_label("output, loss", exact=True).is_disabled()
    assert root.get_by_label("output, loss", exact=True).input_value() == "identity"
    assert root.get_by_label("discretize output", exact=True).is_disabled()


def test_a_diverging_run_stops_and_says_why(session):
    """The classifier page's first thing to try: identity + MSE at learning rate 10 overflows;
    the run stops, says so, and Play and Step are off until a training setting changes."""
    root = session.root
    root.get_by_label("output, loss", exact=True).select_option("identity")
    root.get_by_label("learning rate", exact=True).select_option("10")
    play, step = (root.get_by_role("button", name=n, exact=True) for n in ("Play", "Step"))
    play.click()
    session.page.wait_for_function(
        "() => document.querySelector('.pg-status').textContent.startsWith('Diverged')",
        timeout=10_000)
    assert "learning rate 10" in session.status()
    assert play.is_disabled() and step.is_disabled()
    root.get_by_label("learning rate", exact=True).select_option("0.01")
    assert play.is_enabled() and step.is_enabled()
    assert not session.status().startswith("Diverged")


def test_dragging_a_weight_redraws_and_sets_it(session):
    page, root = session.page, session.root
    regions0 = page.evaluate(REGIONS)
    theta0 = _run_code(session.code())["net"].get_flat()
    # the middle of the line from input x1 to the first unit of layer 1 (weight W1[1,1])
    root.locator(".pg-diagram").scroll_into_view_if_needed()
    x, y = page.evaluate("""() => {
        const pg = document.querySelector('[data-nnlib-playground]').nnlibPlayground;
        const r = pg.diagramCanvas.getBoundingClientRect();
        const a = pg.nodes[0][0], b = pg.nodes[1][0];
        return [r.left + (a.x + a.size + b.x) / 2, r.top + (a.y + b.y + a.size) / 2]; }""")
    page.mouse.move(x, y)
    assert "W1[1,1]" in page.locator(".pg-hint").text_content()
    page.mouse.down()
    page.mouse.move(x, y - 100, steps=5)  # up: 100 px x 0.02 per px = +2
    page.mouse.up()
    assert page.evaluate(REGIONS) != regions0, "dragging a weight did not redraw the regions"
    theta = _run_code(session.code())["net"].get_flat()
    assert theta[0] == pytest.approx(theta0[0] + 2.0, abs=1e-3)
    np.testing.assert_array_equal(theta[1:], theta0[1:])


def test_weights_edit_with_the_keyboard(session):
    page, root = session.page, session.root
    root.get_by_text("Weights and biases (edit with the keyboard)").click()
    slider = root.get_by_label("b1[2]", exact=True)
    regions0 = page.evaluate(REGIONS)
    slider.focus()
    page.keyboard.press("End")
    assert page.evaluate(REGIONS) != regions0
    flat = _run_code(session.code())["net"].get_flat()
    net_sizes = [2, 4, 4, 2]  # the default network; b1[2] follows the 2 x 4 weights of W1
    assert net_sizes[0] * net_sizes[1] + 1 < flat.size
    assert flat[net_sizes[0] * net_sizes[1] + 1] == 10.0


def test_the_address_shares_the_run(browser, site_url):
    first = PlaygroundPage(browser, site_url)
    first.root.get_by_label("data set", exact=True).select_option("blobs")
    first.root.get_by_label("classes", exact=True).select_option("4")
    for _ in range(3):
        first.root.get_by_role("button", name="Step", exact=True).click()
    status, query = first.status(), urlsplit(first.page.url).query
    first.close()
    assert "data=blobs" in query and "classes=4" in query and "theta=" in query
    second = PlaygroundPage(browser, site_url, query="?" + query)
    assert second.status() == status
    assert second.page.evaluate(EPOCH) == 15
    second.close()


def test_no_autoplay_with_reduced_motion_and_formulas_typeset(browser, site_url):
    s = PlaygroundPage(browser, site_url, reduced_motion="reduce")
    s.page.wait_for_timeout(500)
    assert s.page.evaluate(EPOCH) == 0
    s.root.get_by_text("Formulas of this network").click()
    s.page.wait_for_selector(".pg-formulas mjx-container")
    assert s.page.locator(".pg-formulas mjx-merror").count() == 0
    s.close()


# --- the XOR chapter's playground --------------------------------------------------------------

XOR_PAGE = "chapters/xor.html"
XOR_STEPS = 10  # Steps pressed in the page (each "epochs per frame" epochs) before comparing


def _notebook_widget(chapter: str, factory: str):
    """The code cell of ``chapters/<chapter>.ipynb`` that calls ``factory(...)``, and the widget
    that call builds here, with the notebook's own import of ``factory``."""
    import ast

    import nbformat

    nb = nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    imports, calls = [], []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.ImportFrom) and any(a.name == factory for a in node.names):
                imports.append(f"from {'.' * node.level}{node.module} import {factory}")
            if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                    and getattr(node.value.func, "id", None) == factory):
                calls.append((cell, ast.unparse(node.value)))
    assert len(imports) == 1 and len(calls) == 1, (imports, calls)
    namespace: dict = {}
    exec(imports[0], namespace)
    return calls[0][0], eval(calls[0][1], namespace)


def test_the_xor_page_starts_with_the_chapters_settings_and_trains_as_nnlib(browser, site_url):
    """The XOR chapter's playground on the page starts with the settings of the notebook's
    ``xor_widget(...)`` cell (read from the model nnlib builds for that call: data, hidden
    layers, activation, output and loss, learning rate, batch, momentum, L2, dropout, epochs
    per frame), shows the network and training controls but no data controls, and after
    ``XOR_STEPS`` Steps shows the loss, accuracy and parameters that nnlib's own ``fit`` reaches
    with those settings from the page's starting weights (the page draws its own)."""
    cell, widget = _notebook_widget("xor", "xor_widget")
    assert "remove-output" in cell.metadata.get("tags", []), "the ipywidgets snapshot would show"
    m = widget.model.settings()
    expected = {"data": m["dataset"], "hidden": list(m["hidden"]), "act": m["activation"],
                "out": m["output"], "lr": m["lr"], "batch": m["batch_size"] or 0,
                "mom": m["momentum"], "l2": m["l2"], "drop": m["dropout"],
                "epf": m["epochs_per_frame"]}
    s = PlaygroundPage(browser, site_url, path=XOR_PAGE)
    try:
        root = s.root
        settings = s.page.evaluate(f"() => document.querySelector('{ROOT_SEL}').nnlibPlayground.run.s")
        assert {k: settings[k] for k in expected} == expected
        # the controls show them, and the data controls are not offered (fixed four corners)
        shown = {label: root.get_by_label(label, exact=True).input_value() for label in
                 ("learning rate", "epochs per frame", "hidden layers", "hidden activation",
                  "output, loss", "batch size")}
        assert shown == {"learning rate": f"{m['lr']:g}", "epochs per frame": str(m["epochs_per_frame"]),
                         "hidden layers": str(len(m["hidden"])), "hidden activation": m["activation"],
                         "output, loss": m["output"], "batch size": str(m["batch_size"] or 0)}
        for k, units in enumerate(m["hidden"]):
            assert root.get_by_label(f"units in hidden layer {k + 1}", exact=True).input_value() == str(units)
        assert root.get_by_label("data set", exact=True).count() == 0
        assert root.locator("fieldset.pg-group > legend").all_text_contents() == ["Network", "Training"]

        start_code = s.code()
        assert "datasets.xor(4, 0.0)" in start_code  # nnlib's own four corners
        assert s.page.evaluate(EPOCH) == 0
        for _ in range(XOR_STEPS):
            root.get_by_role("button", name="Step", exact=True).click()
        epoch = s.page.evaluate(EPOCH)
        end_code, status = s.code(), s.status()
    finally:
        s.close()
    start = _run_code(start_code)
    net, F, Y = start["net"], start["F_train"], start["Y_train"]
    assert repr(net) == repr(widget.model.net), "not the notebook widget's network"
    loss0 = net.loss(F, Y)
    assert loss0 == pytest.approx(_page_value(start_code, "train loss"), rel=1e-12)
    assert epoch == XOR_STEPS * m["epochs_per_frame"]
    hist = net.fit(F, Y, lr=m["lr"], epochs=epoch, batch_size=m["batch_size"],
                   momentum=m["momentum"], l2=m["l2"], dropout=m["dropout"])
    assert not hist.diverged
    np.testing.assert_allclose(net.get_flat(), _run_code(end_code)["net"].get_flat(),
                               rtol=1e-9, atol=1e-12)
    loss = net.loss(F, Y)
    assert loss == pytest.approx(_page_value(end_code, "train loss"), rel=1e-9)
    assert status == f"train loss {loss:.3f} ({round(100 * net.accuracy(F, Y))}% right)"
    assert loss < 0.5 * loss0, "the run compared did not learn"
