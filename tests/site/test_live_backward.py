"""The backward-pass widgets on the website show nnlib's numbers (issue 15 item 5, issue 17).

Three widgets run in the page on nnlib's JavaScript twin (book_assets/twin/widgets/backward.js,
on nnlib.js): "nudge one weight" (chapter backprop_matrix), cross-entropy against MSE with
respect to the logit (chapter losses), the activation derivatives on one axis (chapter
activations). The notebooks keep their ipywidgets cells (nnlib.widgets.backward), which run
nnlib.experiments.backward. In headless Chromium, on the site build of ``conftest.built_site``
served on 127.0.0.1 with every request to another host blocked, this test

* compares the page's constants (the network, the parameters' names and labels, every slider's
  range and step, the menus) with nnlib's;
* sets several positions of every control (the ends of each slider and every menu entry among
  them), reads the numbers the page shows (each number's full value kept beside its text) and
  compares them with what nnlib.experiments.backward computes for the same settings: full
  values to 1e-12 relative, the titles and the status text exactly (nnlib.plot.backward's
  titles, the same rounding);
* checks that every control has a visible label that is its accessible name, moves it with the
  keyboard alone and hears the ``aria-live`` status announce the new result;
* opens each page in a phone-sized window (390 px) and checks the widget fits the column;
* fails on any console error or request that leaves the machine (``PageSession``).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from nnlib.experiments import backward as exp
from nnlib.gradcheck import relative_error
from nnlib.plot import backward as draw

from page_session import PageSession
from test_browser import VIEWPORTS, browser, site_url  # noqa: F401

TOL = 1e-12
PAGES = {"nudge": "chapters/backprop_matrix.html", "logit-gradients": "chapters/losses.html",
         "derivatives": "chapters/activations.html"}


class LivePage(PageSession):
    def __init__(self, browser, site_url, name, **options):
        self.name = name
        super().__init__(browser, site_url, PAGES[name],
                         f'[data-nnlib-live="{name}"] .nl-status', **options)
        self.root = self.page.locator(f'[data-nnlib-live="{name}"]')

    def set(self, key, value):
        """Put a control at a position as a reader would leave it (input/change events)."""
        self.root.locator(f'[data-key="{key}"]').evaluate("""(el, v) => {
            el.value = String(v);
            if (String(el.value) !== String(v) && Number(el.value) !== Number(v))
                throw new Error(`control ${el.dataset.key} cannot show ${v} (it shows ${el.value})`);
            el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
        }""", value)

    @property
    def status(self):
        return self.root.locator(".nl-status")

    def data(self, attr="values"):
        return json.loads(self.status.get_attribute(f"data-{attr}"))

    def module(self):
        return self.page.evaluate(
            "async () => { const m = await import('../_static/twin/widgets/backward.js');"
            " return Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v !== 'function')); }")


@pytest.fixture
def live(browser, site_url):
    sessions = []

    def opener(name, **options):
        sessions.append(LivePage(browser, site_url, name, **options))
        return sessions[-1]

    yield opener
    for s in sessions:
        s.close()


def close(got, expected, where):
    got = np.ravel(np.asarray(got, dtype=float))
    expected = np.ravel(np.asarray(expected, dtype=float))
    assert got.shape == expected.shape, f"{where}: {got.shape} numbers, nnlib has {expected.shape}"
    err = relative_error(expected, got)
    assert err <= TOL, f"{where}: relative error {err:.3g} against nnlib"


def fmt(x, d):
    """The page's rounding: fixed decimals, with -0.000 shown as 0.000."""
    t = f"{x:.{d}f}"
    return t[1:] if t.startswith("-") and float(t) == 0 else t


def slider_attrs(s, key):
    el = s.root.locator(f'[data-key="{key}"]')
    return tuple(float(el.get_attribute(a)) for a in ("min", "max", "step"))


# --- the page's constants are nnlib's ------------------------------------------------------------
def test_constants_are_nnlibs(live):
    s = live("nudge")
    m = s.module()
    assert m["NUDGE_SIZES"] == list(exp.NUDGE_SIZES)
    assert m["NUDGE_ACTIVATIONS"] == list(exp.NUDGE_ACTIVATIONS) and m["NUDGE_LOSS"] == exp.NUDGE_LOSS
    assert m["NUDGE_X"] == [list(r) for r in exp.NUDGE_X] and m["NUDGE_Y"] == [list(r) for r in exp.NUDGE_Y]
    assert m["NUDGE_THETA"] == list(exp.NUDGE_THETA)
    assert m["PARAMETER_NAMES"] == list(exp.PARAMETER_NAMES)
    assert m["PARAMETER_LABELS"] == list(exp.PARAMETER_LABELS)
    assert (m["DW_RANGE"], m["DW_STEP"]) == (list(exp.DW_RANGE), exp.DW_STEP)
    assert (m["LOGIT_RANGE"], m["LOGIT_STEP"]) == (list(exp.LOGIT_RANGE), exp.LOGIT_STEP)
    assert m["CLASS_COUNTS"] == list(exp.CLASS_COUNTS)
    assert (m["Z_RANGE"], m["Z_STEP"]) == (list(exp.Z_RANGE), exp.Z_STEP)
    assert (m["SLOPE_RANGE"], m["SLOPE_STEP"]) == (list(exp.SLOPE_RANGE), exp.SLOPE_STEP)
    assert m["DERIVATIVE_NAMES"] == list(exp.DERIVATIVE_NAMES)
    assert m["DERIVATIVE_LABELS"] == {k: v[0] for k, v in draw.DERIVATIVE_STYLES.items()}
    # the controls on the page
    assert slider_attrs(s, "dw") == (*exp.DW_RANGE, exp.DW_STEP)
    options = s.root.locator('[data-key="name"] option')
    assert [(options.nth(k).get_attribute("value"), options.nth(k).text_content())
            for k in range(options.count())] == list(zip(exp.PARAMETER_NAMES, exp.PARAMETER_LABELS))


# --- the numbers at several settings ---------------------------------------------------------------
NUDGE_SETTINGS = [("W2_11", 0.5), ("W1_11", -2.0), ("b2_2", 2.0), ("W1_23", 0.05), ("b1_3", -0.35),
                  ("W2_32", 0.0), ("W1_21", 1.25)]


def test_nudge_shows_nnlibs_numbers(live):
    s = live("nudge")
    for name, dw in NUDGE_SETTINGS:
        s.set("name", name)
        s.set("dw", dw)
        r = exp.nudge(name, dw)
        got, where = s.data(), f"{name}, dw={dw}"
        assert (got["name"], got["dw"]) == (name, dw)
        for key in ("w", "J0", "J1", "grad", "dJ", "linear", "gap"):
            close([got[key]], [getattr(r, key)], f"{key} at {where}")
        close(got["curve"], r.curve, f"the curve at {where}")
        title = draw.nudge_title(r)
        assert s.status.get_attribute("data-title") == title, where
        assert s.root.locator(".nl-title-text").inner_text() == title
        head = title.split("\n")[0]
        assert s.status.text_content() == (
            f"{head}: ΔJ = {fmt(r.dJ, 4)} recomputed, ∂J/∂w·Δw = {fmt(r.linear, 4)} from backprop, "
            f"difference {fmt(r.gap, 4)}")
        for cls, value in [("nl-J0", r.J0), ("nl-dJ", r.dJ), ("nl-grad", r.grad),
                           ("nl-linear", r.linear), ("nl-gap", r.gap)]:
            cell = s.root.locator(f".{cls}")
            assert cell.text_content() == fmt(value, 4), (cls, where)
            close([float(cell.get_attribute("data-value"))], [value], f"{cls} at {where}")


LOGIT_SETTINGS = [(2, -3.0), (2, -6.0), (3, 6.0), (10, 0.0), (10, -0.7), (3, 2.3)]


def test_logit_gradients_show_nnlibs_numbers(live):
    s = live("logit-gradients")
    assert slider_attrs(s, "z") == (*exp.LOGIT_RANGE, exp.LOGIT_STEP)
    for K, z in LOGIT_SETTINGS:
        s.set("n_classes", K)
        s.set("z", z)
        point, curves = exp.logit_gradients(z, K), exp.logit_gradient_curves(K)
        got, where = s.data(), f"K={K}, z={z}"
        assert (got["n_classes"], got["z"]) == (K, z)
        for key in ("p", "ce", "mse", "dce", "dmse"):
            close([got[key]], [getattr(point, key)], f"{key} at {where}")
        c = s.data("curves")
        for key in ("z", "p", "ce", "mse", "dce", "dmse"):
            close(c[key], getattr(curves, key), f"curve {key} for K={K}")
        assert s.status.text_content() == draw.logit_title(point)
        for cls, value in [("nl-p", point.p), ("nl-ce", point.ce), ("nl-mse", point.mse),
                           ("nl-dce", point.dce), ("nl-dmse", point.dmse)]:
            assert s.root.locator(f".{cls}").text_content() == fmt(value, 4), (cls, where)


DERIVATIVE_SETTINGS = [(0.0, 0.1), (-5.0, 0.0), (5.0, 1.0), (-2.35, 0.35), (1.2, 0.65), (-0.05, 0.5)]


def test_derivatives_show_nnlibs_numbers(live):
    s = live("derivatives")
    assert slider_attrs(s, "z") == (*exp.Z_RANGE, exp.Z_STEP)
    assert slider_attrs(s, "slope") == (*exp.SLOPE_RANGE, exp.SLOPE_STEP)
    for z, slope in DERIVATIVE_SETTINGS:
        s.set("z", z)
        s.set("slope", slope)
        r = exp.activation_derivatives(z, slope)
        got, where = s.data(), f"z={z}, slope={slope}"
        assert (got["z"], got["slope"]) == (z, slope)
        for name in exp.DERIVATIVE_NAMES:
            close([got["at_z"][name]], [r.at_z[name]], f"{name}' at {where}")
            close(got["curves"][name], r.curves[name], f"{name}' curve at {where}")
            cell = s.root.locator(f'.nl-deriv[data-name="{name}"]')
            assert cell.text_content() == fmt(r.at_z[name], 3), (name, where)
        assert s.status.text_content() == draw.derivatives_title(r).replace("\n", " ")


def test_settings_reach_the_ends_of_every_slider_and_every_menu_entry():
    assert {dw for _, dw in NUDGE_SETTINGS} >= set(exp.DW_RANGE)
    assert {K for K, _ in LOGIT_SETTINGS} == set(exp.CLASS_COUNTS)
    assert {z for _, z in LOGIT_SETTINGS} >= set(exp.LOGIT_RANGE)
    assert {z for z, _ in DERIVATIVE_SETTINGS} >= set(exp.Z_RANGE)
    assert {a for _, a in DERIVATIVE_SETTINGS} >= set(exp.SLOPE_RANGE)
    # both layers' weights and biases of the nudge menu
    assert {n[:2] for n, _ in NUDGE_SETTINGS} == {"W1", "W2", "b1", "b2"}


# --- labels, keyboard, announcements, phones ---------------------------------------------------
@pytest.mark.parametrize("name", list(PAGES))
def test_controls_are_labelled_and_work_from_the_keyboard(live, name):
    s = live(name)
    controls = s.root.locator("input, select")
    assert controls.count() == 2
    for k in range(controls.count()):
        c = controls.nth(k)
        label = s.root.locator(f'label[for="{c.get_attribute("id")}"]')
        assert label.count() == 1 and label.is_visible(), f"{name}: control {k} has no visible label"
        text = label.text_content().strip()
        role = "combobox" if c.evaluate("el => el.tagName") == "SELECT" else "slider"
        assert s.root.get_by_role(role, name=text, exact=True).count() == 1, (name, text)
        before_value, before_status = c.input_value(), s.status.text_content()
        c.focus()
        key = ("ArrowDown" if role == "combobox" else
               "ArrowLeft" if c.input_value() == c.get_attribute("max") else "ArrowRight")
        s.page.keyboard.press(key)
        assert c.input_value() != before_value, f"{name}: {key} did not move {text}"
        assert s.status.text_content() != before_status, f"{name}: the status did not announce {text}"
    assert s.status.get_attribute("aria-live") == "polite" and s.status.get_attribute("role") == "status"
    for k in range(s.root.locator("svg[role=img]").count()):
        assert len(s.root.locator("svg[role=img]").nth(k).get_attribute("aria-label")) > 40


@pytest.mark.parametrize("name", list(PAGES))
def test_widget_fits_a_phone(live, name):
    s = live(name, viewport=VIEWPORTS["phone"])
    box = s.root.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS["phone"]["width"], box
    assert s.root.evaluate("el => el.scrollWidth <= el.clientWidth"), f"{name} scrolls sideways"
    assert s.page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    # the figures keep a legible size: drawn at most 400 units wide, shown at least 80 % of that
    for k in range(s.root.locator("svg.nl-plot").count()):
        svg = s.root.locator("svg.nl-plot").nth(k)
        drawn = float(svg.get_attribute("viewBox").split()[2])
        assert svg.bounding_box()["width"] >= 0.75 * min(drawn, 400), (name, k, drawn)
