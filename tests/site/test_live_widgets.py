"""The chapters' live widgets on the website (book_assets/twin/widgets/*.js) show nnlib's numbers.

Each interactive figure that a chapter builds with an ``nnlib.widgets`` constructor is, on the
website, a widget that runs in the page: its controls move and its figure redraws, computed by
the JavaScript twin of nnlib (book_assets/twin/nnlib.js, held equal to nnlib by
tests/site/test_twin.py). The notebook keeps its ipywidgets cell (output removed on the site).

In headless Chromium, on the site build of ``conftest.built_site`` served on 127.0.0.1 with every
request to another host blocked and recorded, this test

* finds every live widget the chapters promise, and no frozen ipywidgets snapshot on any page of
  the site (``FROZEN`` would list a page's snapshots left on purpose; none are); the pages with
  the live playground (``PLAYGROUNDS``: the classifier's, and the XOR chapter's widget, which is
  the playground with the chapter's settings) build it, fit a phone-sized window and play and
  pause from the keyboard (tests/site/test_page_playground.py compares their numbers with
  nnlib);
* sets several positions of every control (the ends of the sliders included), reads the numbers
  the page shows (the text, and each number's full value kept beside it) and compares them with
  what the pure nnlib function behind the notebook's widget computes for the same settings:
  the text exactly (same rounding), the full values to 1e-12 relative;
* checks that every control has a visible label that is its accessible name, moves it with the
  keyboard alone, and sees the ``aria-live`` status announce the new result;
* fails on any console error or request that leaves the machine.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from nnlib import MLP, one_hot
from nnlib.experiments import activations as exp_act
from nnlib.experiments import bias as exp_bias
from nnlib.experiments import descent as exp_descent
from nnlib.experiments import forward as exp_fwd
from nnlib.experiments import gradbugs as exp_bugs
from nnlib.experiments import init as exp_init
from nnlib.experiments import momentum as exp_momentum
from nnlib.experiments import regularization as exp_reg
from nnlib.experiments import softmax as exp_softmax
from nnlib.gradcheck import RTOL, relative_error
from nnlib.plot.descent import draw_descent_1d
from nnlib.widgets import softmax as w_softmax
from nnlib.widgets.descent import LR_STOPS

from conftest import site_pages
from page_session import PageSession
from test_browser import CHROMIUM_ARGS, VIEWPORTS, WIDGET_VIEW, browser, site_url  # noqa: F401

TOL = 1e-12

# page -> the live widgets it must hold (data-nnlib-widget names, in page order)
LIVE = {
    "chapters/softmax.html": ["softmax"],
    "chapters/gradient_descent.html": ["descent"],
    "chapters/forward_pass.html": ["forward"],
    "chapters/bias.html": ["bias"],
    "chapters/activations.html": ["derivatives", "scaled-sigmoid", "leaky-relu"],
    "chapters/backprop_matrix.html": ["nudge"],
    "chapters/losses.html": ["logit-gradients"],
    "chapters/gradient_checking.html": ["gradbugs"],
    "chapters/beyond.html": ["momentum", "l2", "dropout", "init"],
}
# page -> how many live playgrounds (book_assets/twin/playground.js, mounted on an element with
# data-nnlib-playground) it holds
PLAYGROUNDS = {"chapters/classifier.html": 1, "chapters/xor.html": 1}
# pages that still hold ipywidgets snapshots (not live yet; see the module docstring): how many.
# Every other page of the site must hold none.
FROZEN: dict[str, int] = {}


class WidgetPage(PageSession):
    """A page with live widgets (``data-nnlib-live``): read and set them by widget name."""

    def __init__(self, browser, site_url, path):
        super().__init__(browser, site_url, path, ready="[data-nnlib-live] .nl-status")

    def root(self, name):
        return self.page.locator(f'[data-nnlib-live="{name}"]')

    def set(self, name, key, value):
        """Put a control at a position as a reader would leave it (input/change events)."""
        control = self.root(name).locator(f'[data-key="{key}"]')
        control.evaluate("""(el, v) => {
            el.value = String(v);
            if (String(el.value) !== String(v) && Number(el.value) !== Number(v))
                throw new Error(`control ${el.dataset.key} cannot show ${v} (it shows ${el.value})`);
            el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
        }""", value)

    def status(self, name):
        return self.root(name).locator(".nl-status")

    def data(self, name, attr="values"):
        return json.loads(self.status(name).get_attribute(f"data-{attr}"))


@pytest.fixture
def open_page(browser, site_url):
    sessions = []

    def opener(path):
        sessions.append(WidgetPage(browser, site_url, path))
        return sessions[-1]

    yield opener
    for s in sessions:
        s.close()


def close(got, expected, where):
    got = np.asarray([np.nan if g is None else g for g in np.ravel(got)], dtype=float)
    expected = np.ravel(np.asarray(expected, dtype=float))
    assert got.shape == expected.shape, f"{where}: {got.shape} numbers, nnlib has {expected.shape}"
    assert np.array_equal(np.isfinite(got), np.isfinite(expected)), f"{where}: NaN pattern differs"
    finite = np.isfinite(expected)
    err = relative_error(expected[finite], got[finite]) if finite.any() else 0.0
    assert err <= TOL, f"{where}: relative error {err:.3g} against nnlib"


def fmt(x, d):
    """The page's rounding: Python's fixed format, with -0.000 shown as 0.000."""
    t = f"{x:.{d}f}"
    return t[1:] if t.startswith("-") and float(t) == 0 else t


# --- every promised widget is live, and no frozen snapshot is left ---------------------------------

@pytest.mark.parametrize("path", list(LIVE))
def test_page_has_live_widgets_and_no_frozen_snapshot(open_page, path):
    s = open_page(path)
    live = s.page.locator("[data-nnlib-live]")
    assert [live.nth(k).get_attribute("data-nnlib-live") for k in range(live.count())] == LIVE[path]
    assert "appears here on the book's website" not in s.page.locator("article").text_content()
    # the notebook's widget cells keep their code, but no ipywidgets snapshot is left whose
    # controls would move and change nothing
    assert s.page.locator(WIDGET_VIEW).count() == FROZEN.get(path, 0)
    assert s.page.locator(".cell_output .widget-subarea").count() == FROZEN.get(path, 0)


@pytest.mark.parametrize("path", site_pages())
def test_no_page_keeps_a_frozen_widget_snapshot(built_site, path):
    """In the built HTML of every page: as many ipywidgets snapshots as FROZEN says (none), and a
    playground mount exactly where PLAYGROUNDS says."""
    html = (built_site / path).read_text(encoding="utf-8")
    snapshots = len(re.findall(r'<script type="application/vnd\.jupyter\.widget-view\+json"', html))
    assert snapshots == FROZEN.get(path, 0), f"{path}: {snapshots} frozen ipywidgets snapshot(s)"
    mounts = len(re.findall(r"<div\b[^>]*\bdata-nnlib-playground\b", html))
    assert mounts == PLAYGROUNDS.get(path, 0), f"{path}: {mounts} playground mount(s)"


@pytest.mark.parametrize("window", list(VIEWPORTS))
@pytest.mark.parametrize("path", list(PLAYGROUNDS))
def test_playground_pages_are_live_from_the_keyboard(browser, site_url, path, window):
    """Each playground page, in a desktop and a phone-sized window: the playground is built (no
    placeholder, no snapshot), every control has an accessible name, the playground fits the
    window's width, and Play and Pause work from the keyboard alone."""
    s = PageSession(browser, site_url, path, ready=".pg .pg-play", viewport=VIEWPORTS[window])
    try:
        page = s.page
        assert page.locator("[data-nnlib-playground].pg").count() == PLAYGROUNDS[path]
        assert "appears here on the book's website" not in page.locator("article").text_content()
        assert page.locator(WIDGET_VIEW).count() == FROZEN.get(path, 0)
        assert page.locator(".cell_output .widget-subarea").count() == FROZEN.get(path, 0)
        unnamed = page.evaluate("""() => [...document.querySelectorAll(
            '.pg input, .pg select, .pg button, .pg textarea')].filter(e =>
            !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
            .map(e => e.outerHTML.slice(0, 80))""")
        assert unnamed == []
        width = VIEWPORTS[window]["width"]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        box = page.locator("[data-nnlib-playground]").first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (window, box)
        epoch = "() => Number(document.querySelector('.pg-epoch').textContent.replace(/\\D+/g, ''))"
        regions = "() => document.querySelector('.pg-regions').toDataURL()"
        assert page.evaluate(epoch) == 0
        before = page.evaluate(regions)
        play = page.locator(".pg-play").first
        play.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"({epoch})() >= 100", timeout=20_000)
        assert play.text_content() == "Pause"
        page.keyboard.press("Enter")
        assert play.text_content() == "Play"
        stopped = page.evaluate(epoch)
        page.wait_for_timeout(200)
        assert page.evaluate(epoch) == stopped, "Pause did not stop the training"
        assert page.evaluate(regions) != before, "the decision regions did not change"
        status = page.locator(".pg-status")
        assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
        assert status.text_content().startswith("train loss")
    finally:
        s.close()


@pytest.mark.parametrize("path", list(LIVE))
def test_controls_are_labelled_and_work_from_the_keyboard(open_page, path):
    s = open_page(path)
    for name in LIVE[path]:
        root = s.root(name)
        controls = root.locator("input, select")
        assert controls.count() >= 1
        for k in range(controls.count()):
            c = controls.nth(k)
            cid = c.get_attribute("id")
            label = root.locator(f'label[for="{cid}"]')
            assert label.count() == 1 and label.is_visible(), f"{name}: control {cid} has no visible label"
            text = label.text_content().strip()
            assert text, f"{name}: control {cid} has an empty label"
            # the accessible name is the visible label (Playwright's role query uses the
            # accessibility tree)
            role = "combobox" if c.evaluate("el => el.tagName") == "SELECT" else "slider"
            assert root.get_by_role(role, name=text, exact=True).count() == 1, (name, text)
        status = s.status(name)
        assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
        control = root.locator('input[type="range"], select').first
        before_value, before_status = control.input_value(), status.text_content()
        control.focus()
        at_end = control.input_value() == control.get_attribute("max")
        is_menu = control.evaluate("el => el.tagName") == "SELECT"
        key = "ArrowLeft" if at_end else ("ArrowDown" if is_menu else "ArrowRight")
        s.page.keyboard.press(key)
        assert control.input_value() != before_value, f"{name}: {key} did not move the control"
        assert status.text_content() != before_status, f"{name}: the status did not announce the move"


# --- the numbers: page against nnlib, at several settings -------------------------------------

SOFTMAX_SETTINGS = [(1.0, 0.0, -1.0), (5.0, -5.0, 0.25), (-2.5, 3.0, 3.0), (0.0, 0.0, 0.0)]


def test_softmax_shows_nnlibs_probabilities_and_jacobian(open_page):
    s = open_page("chapters/softmax.html")
    for z in SOFTMAX_SETTINGS:
        for k, value in enumerate(z):
            s.set("softmax", f"z{k + 1}", value)
        p, J = exp_softmax.softmax_view(z)
        close(s.data("softmax", "s"), p, f"s at z={z}")
        cells = s.root("softmax").locator(".nl-jacobian text[data-value]")
        assert cells.count() == 9
        got = np.zeros((3, 3))
        for k in range(9):
            cell = cells.nth(k)
            i, j = int(cell.get_attribute("data-i")), int(cell.get_attribute("data-j"))
            got[i, j] = float(cell.get_attribute("data-value"))
            assert cell.text_content() == fmt(J[i, j], 3), (z, i, j)
        close(got, J, f"J at z={z}")
        assert s.status("softmax").text_content().startswith(
            f"z = ({', '.join(fmt(v, 2) for v in z)}): s = ({', '.join(fmt(v, 3) for v in p)})")


DESCENT_SETTINGS = [  # loss, learning rate, start, momentum
    ("quadratic", 0.3, 5.0, 0.0), ("quadratic", 1.0, -2.0, 0.0), ("quadratic", 2.1, 5.0, 0.0),
    ("quadratic", 3.0, 0.35, 0.95), ("quadratic", 0.001, 6.0, 0.5),
    ("two valleys", 0.1, 1.6, 0.0), ("two valleys", 0.3, -1.8, 0.9), ("two valleys", 0.7, 1.8, 0.0),
]


def test_descent_shows_nnlibs_path_and_title(open_page):
    import matplotlib.pyplot as plt

    s = open_page("chapters/gradient_descent.html")
    stops = s.page.evaluate("async () => (await import('../_static/twin/widgets/descent.js')).LR_STOPS")
    assert stops == list(LR_STOPS), "the page's learning rates are not nnlib's LR_STOPS"
    for loss, lr, start, momentum in DESCENT_SETTINGS:
        s.set("descent", "loss", loss)
        s.set("descent", "lr", LR_STOPS.index(lr))
        s.set("descent", "start", start)
        s.set("descent", "momentum", momentum)
        fig, ax = plt.subplots()
        artists = draw_descent_1d(ax, loss, lr=lr, theta0=start, steps=20,
                                          momentum=momentum)
        plt.close(fig)
        title = artists.title.get_text()
        where = f"{loss}, lr={lr}, start={start}, momentum={momentum}"
        assert s.status("descent").get_attribute("data-title") == title, where
        head, outcome = title.split("\n")
        assert s.root("descent").locator(".nl-title-text").inner_text() == f"{head}\n{outcome}"
        assert s.status("descent").text_content() == f"{head}; {outcome}", where
        close(s.data("descent", "thetas"),
              exp_descent.descend_1d(loss, start, lr, 20, momentum=momentum), where)
        assert s.root("descent").get_by_role("slider", name="learning rate η").get_attribute(
            "aria-valuetext") == f"{lr:g}"


FORWARD_SETTINGS = [
    {},  # the notebook's starting values
    {"x1": -2.0, "x2": 2.0, "w1_23": 3.0, "w1_12": -3.0, "b1_3": -2.0, "w2_31": 0.7},
    {"x1": 0.3, "b2_1": 2.0, "b2_2": -2.0, "w2_11": -1.4, "w1_21": 2.5},
    {name: 0.0 for name in exp_fwd.PARAM_NAMES},
]


def test_forward_explorer_shows_nnlibs_forward_pass(open_page):
    s = open_page("chapters/forward_pass.html")
    x, theta = dict(zip(("x1", "x2"), exp_fwd.DEFAULT_X)), dict(zip(exp_fwd.PARAM_NAMES, exp_fwd.DEFAULT_THETA))
    for setting in FORWARD_SETTINGS:
        for key, value in setting.items():
            s.set("forward", key, value)
            (x if key in x else theta)[key] = value
        r = exp_fwd.forward_232([x["x1"], x["x2"]], [theta[n] for n in exp_fwd.PARAM_NAMES])
        got = s.data("forward")
        for layer in range(2):
            close(got["Z"][layer], r.Z[layer], f"Z{layer + 1} at {setting}")
            close(got["A"][layer], r.A[layer + 1], f"A{layer + 1} at {setting}")
        nodes = s.root("forward").locator(".nl-network text[data-value]")
        for k in range(nodes.count()):
            node = nodes.nth(k)
            layer, unit = int(node.get_attribute("data-layer")), int(node.get_attribute("data-unit"))
            assert node.text_content() == fmt(r.A[layer][unit], 3 if layer else 2), (setting, layer, unit)
        assert s.status("forward").text_content() == (
            f"hidden a = ({', '.join(fmt(v, 3) for v in r.A[1])}); "
            f"output ŷ = ({', '.join(fmt(v, 3) for v in r.probabilities)})")


def test_bias_explorer_shows_nnlibs_curve(open_page):
    s = open_page("chapters/bias.html")
    for w, b in [(1.0, 0.55), (0.0, -1.2), (-3.0, 3.0), (2.35, -0.07), (0.5, 0.0)]:
        s.set("bias", "w", w)
        s.set("bias", "b", b)
        c = exp_bias.bias_curve(w, b)
        got = s.data("bias")
        close(got["y"], c.y, f"tanh(w x + b) at w={w}, b={b}")
        close([got["at_zero"]], [c.at_zero], f"value at 0, w={w}, b={b}")
        assert (got["crossing"] is None) == (c.crossing is None)
        if c.crossing is not None:
            close([got["crossing"]], [c.crossing], f"crossing, w={w}, b={b}")
        label = s.root("bias").locator(".nl-at-zero")
        assert label.text_content() == f"value at x = 0: {fmt(c.at_zero, 4)}"
        crossing = ("never crosses zero" if c.crossing is None
                    else f"crosses zero at x = −b/w = {fmt(c.crossing, 3)}")
        assert crossing in s.status("bias").text_content()


def test_activation_widgets_show_nnlibs_curves(open_page):
    s = open_page("chapters/activations.html")
    for c, beta in [(1.0, 1.0), (0.5, 5.0), (3.0, 0.25), (2.25, 1.75)]:
        s.set("scaled-sigmoid", "c", c)
        s.set("scaled-sigmoid", "beta", beta)
        y, dy = exp_act.scaled_sigmoid_curves(c, beta)
        got = s.data("scaled-sigmoid")
        close(got["f"], y, f"scaled sigmoid c={c}, beta={beta}")
        close(got["df"], dy, f"its derivative c={c}, beta={beta}")
        mid = len(exp_act.GRID) // 2
        assert exp_act.GRID[mid] == 0.0
        text = s.status("scaled-sigmoid").text_content()
        assert f"value at 0 is {fmt(y[mid], 4)}" in text and f"slope at 0 is cβ/4 = {fmt(dy[mid], 4)}" in text
    for slope in (0.0, 0.1, 0.35, 1.0):
        s.set("leaky-relu", "slope", slope)
        a, da = exp_act.leaky_relu_curves(slope)
        got = s.data("leaky-relu")
        close(got["f"], a, f"leaky ReLU slope={slope}")
        close(got["df"], da, f"its derivative slope={slope}")
        assert f"derivative {fmt(da[0], 2)} for z < 0" in s.status("leaky-relu").text_content()


def test_bug_menu_shows_nnlibs_gradient_check_reports(open_page):
    """The menu's few positions were computed by nnlib when the chapter ran (a JSON blob in the
    page); each choice must show what check_bug gives on the chapter's network now."""
    net = MLP([2, 3, 3, 2], activations=["tanh", "tanh", "softmax"], loss="cross_entropy", seed=0)
    X = np.random.default_rng(0).normal(size=(2, 2))
    Y = one_hot(np.array([0, 1]), 2)
    s = open_page("chapters/gradient_checking.html")
    menu = s.root("gradbugs").get_by_role("combobox", name="bug")
    options = menu.locator("option")
    assert [options.nth(k).get_attribute("value") for k in range(options.count())] == \
        exp_bugs.available_bugs(net)
    for bug in exp_bugs.available_bugs(net):
        menu.select_option(bug)
        error, shares = exp_bugs.check_bug(net, X, Y, bug)
        got = s.data("gradbugs")
        close([got["error"]], [error], f"error of {bug!r}")
        assert set(got["shares"]) == set(shares)
        close([got["shares"][k] for k in shares], list(shares.values()), f"shares of {bug!r}")
        verdict = "caught" if error > RTOL else "passes"
        title = f"{bug}: relative error {error:.1e} ({verdict})"
        assert s.status("gradbugs").text_content() == f"{title}. {exp_bugs.BUGS[bug]}"
        bars = s.root("gradbugs").locator(".nl-share")
        assert {bars.nth(k).get_attribute("data-name"): bars.nth(k).text_content()
                for k in range(bars.count())} == {k: f"{v:.1e}" for k, v in shares.items()}


def test_momentum_widget_shows_nnlibs_paths(open_page):
    s = open_page("chapters/beyond.html")
    for beta, lr in [(0.7, 0.09), (0.0, 0.01), (0.95, 0.1), (0.5, 0.055)]:
        s.set("momentum", "beta", beta)
        s.set("momentum", "lr", lr)
        plain = exp_momentum.descend_ravine(exp_momentum.RAVINE_START, lr, 0.0, 40)
        mom = exp_momentum.descend_ravine(exp_momentum.RAVINE_START, lr, beta, 40)
        got = s.data("momentum")
        close(got["plain"], plain, f"plain path at lr={lr}")
        close(got["momentum"], mom, f"momentum path at beta={beta}, lr={lr}")

        def label(path):  # the notebook widget's title, from the public loss
            if not np.isfinite(path).all():
                return "diverged"
            return f"loss after 40 steps: {float(exp_momentum.ravine_loss(path[-1])):.2g}"

        title = f"plain: {label(plain)};  β = {beta:.2f}: {label(mom)}"
        assert s.root("momentum").locator(".nl-title-text").text_content() == title
        assert s.status("momentum").text_content() == f"η = {lr:.3f}: {title}"


def test_dropout_widget_shows_nnlibs_means(open_page):
    """The slider's positions were computed by nnlib when the chapter ran (NumPy's masks); each
    must show what dropout_means gives now, and the notebook widget's title."""
    a = np.array([0.8, -0.5, 0.3, 1.0, -0.9, 0.6])  # the chapter's a_demo
    s = open_page("chapters/beyond.html")
    for p in (0.5, 0.0, 0.9, 0.35, 0.05):
        s.set("dropout", "p", p)
        inv, plain = exp_reg.dropout_means(a, p, 400, seed=0)
        got = s.data("dropout")
        close(got["inverted"], inv, f"scaled means at p={p}")
        close(got["plain"], plain, f"unscaled means at p={p}")
        assert s.status("dropout").text_content() == (
            f"p = {p:.2f}, 400 masks: largest gap to a, scaled {np.abs(inv - a).max():.2f}, "
            f"unscaled {np.abs(plain - a).max():.2f}")


def test_init_widget_shows_nnlibs_statistics(open_page):
    """The gain slider's positions (the notebook's FloatLogSlider: 10**(-1 + 0.02 k), and 3) were
    computed by nnlib when the chapter ran; each must show what init_statistics gives now."""
    s = open_page("chapters/beyond.html")
    for index, act in [(50, "tanh"), (0, "relu"), (74, "tanh"), (62, "relu"), (31, "tanh")]:
        s.set("init", "activation", act)
        s.set("init", "gain", index)
        exponent = round(-1 + 0.02 * index, 2) if index < 74 else math.log10(3)
        gain = 10.0 ** exponent
        stats = exp_init.init_statistics(("gain", gain), 10, 100, act, 300)
        got = s.data("init")
        close([got["gain"]], [gain], f"gain at position {index}")
        close(got["act_std"], stats.act_std, f"activation stds, {act}, g={gain:.2f}")
        close(got["grad_std"], stats.grad_std, f"gradient stds, {act}, g={gain:.2f}")
        assert s.status("init").text_content().startswith(f"{act}, g = {gain:.2f}: activation std from "
                                                          f"{stats.act_std[0]:.2f} in layer 1")


def test_l2_widget_shows_nnlibs_trained_networks(open_page):
    """nnlib trained one network per λ when the chapter ran (its parameters are in the page); the
    twin's accuracies and weight norm on them must be nnlib's, title and all."""
    from nnlib import datasets

    Xs, ys = datasets.moons(n=20, noise=0.35, seed=3)  # the chapter's data
    Xt, yt = datasets.moons(n=100, noise=0.35, seed=99)
    s = open_page("chapters/beyond.html")
    for k, lam in [(0, 0.0), (3, 0.3), (6, 10.0), (1, 0.03)]:
        s.set("l2", "lambda", k)
        net = exp_reg.train_l2(Xs, ys, lam)[0]
        got = s.data("l2")
        assert got["lambda"] == lam
        close([got["sum_w2"]], [exp_reg.weight_norm(net)], f"sum of W^2 at lambda={lam}")
        title = (f"λ = {lam:g}\ntrain {net.accuracy(Xs, ys):.0%}, test {net.accuracy(Xt, yt):.0%}, "
                 f"ΣW² = {exp_reg.weight_norm(net):.0f}")
        assert got["title"] == title
        assert s.root("l2").locator(".nl-title-text").inner_text() == title


def test_settings_reach_the_ends_of_every_slider():
    """The settings above include each slider's ends (so the comparison covers them)."""
    assert {min(z) for z in SOFTMAX_SETTINGS} >= {w_softmax.LOGIT_RANGE[0]}
    assert max(max(z) for z in SOFTMAX_SETTINGS) == w_softmax.LOGIT_RANGE[1]
    assert min(z for zs in SOFTMAX_SETTINGS for z in zs) == w_softmax.LOGIT_RANGE[0]
    lrs = {lr for _, lr, _, _ in DESCENT_SETTINGS}
    assert min(LR_STOPS) in lrs and max(LR_STOPS) in lrs
    assert math.isclose(max(m for *_, m in DESCENT_SETTINGS), 0.95)
