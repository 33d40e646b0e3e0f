"""The playground's ipywidgets app (nnlib/widgets/playground.py), headless, with every control set
over its range, the browser's echo, Play without a backlog, and the page playground's defaults
(the model itself: tests/experiments/test_experiments_playground.py).  No timings here (see bench/)."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from nnlib.experiments.playground import (
    HIDDEN_ACTIVATIONS,
    MAX_SLIDER_PARAMS,
    OUTPUTS,
    PlaygroundModel,
)
from nnlib.plot.playground import UNIT_SCALE, PlaygroundFigure
from nnlib.widgets import playground as pg
from nnlib.widgets.playground import Playground

JPEG_MAGIC = b"\xff\xd8\xff"


def test_the_page_playground_has_the_same_defaults_stops_and_colours():
    import json
    import pathlib
    import re

    from nnlib.plot.colors import CLASS_COLORS, NEGATIVE_COLOR, POSITIVE_COLOR

    js = (pathlib.Path(__file__).resolve().parents[2] / "book_assets/twin/playground.js").read_text()
    stops = json.loads(re.search(r"export const LEARNING_RATES = (\[[^\]]*\])", js).group(1))
    assert stops == list(pg.LEARNING_RATES)
    colours = json.loads(re.search(r"export const CLASS_COLORS = (\[[^\]]*\])", js).group(1))
    assert [c.lower() for c in colours] == list(CLASS_COLORS)
    for name, hexa in (("NEGATIVE", NEGATIVE_COLOR), ("POSITIVE", POSITIVE_COLOR)):
        rgb = json.loads(re.search(rf"const {name} = (\[[^\]]*\])", js).group(1))
        assert "#%02x%02x%02x" % tuple(rgb) == hexa, name
    defaults = {key: re.search(rf"\n  {key}: {{\s*value: (\[[^\]]*\]|[^,]*),", js).group(1)
                for key in ("data", "hidden", "act", "out", "lr", "epf")}
    m = PlaygroundModel()
    assert json.loads(defaults["data"]) == m.dataset
    assert tuple(json.loads(defaults["hidden"])) == m.hidden
    assert json.loads(defaults["act"]) == m.activation
    assert json.loads(defaults["out"]) == m.output
    assert float(defaults["lr"]) == m.lr and int(defaults["epf"]) == m.epochs_per_frame


# --- the ipywidgets app -------------------------------------------------------------------
def control_values(widget):
    """Every value a control can take (sliders: both ends and the middle)."""
    import ipywidgets as w

    if isinstance(widget, (w.Dropdown, w.SelectionSlider)):
        return [v for _, v in widget.options] if isinstance(widget.options[0], tuple) \
            else list(widget.options)
    if isinstance(widget, w.FloatLogSlider):
        return [widget.base ** widget.min, widget.base ** ((widget.min + widget.max) / 2),
                widget.base ** widget.max]
    if isinstance(widget, w.FloatSlider):  # the middle on the slider's grid, as a browser sends
        middle = widget.min + widget.step * ((widget.max - widget.min) / widget.step // 2)
        return [widget.max, widget.min, round(middle, 10)]
    return [widget.max, widget.min, (widget.min + widget.max) // 2]


SETTING_CONTROLS = ["dataset", "classes", "noise", "train_fraction", "data_seed", "layers",
                    "units1", "units2", "units3", "units4", "activation", "output", "seed",
                    "lr", "batch_size", "momentum", "l2", "dropout", "epochs_per_frame"]


@pytest.mark.parametrize("name", SETTING_CONTROLS)
def test_every_control_over_its_range_leaves_the_app_working(name):
    app = Playground()
    app.controls["data_seed"].max = 3  # the text boxes' range is huge; ends are what matter
    app.controls["seed"].max = 3
    control = app.controls[name]
    if name.startswith("units"):
        app.controls["layers"].value = 4
    if name == "classes":
        app.controls["dataset"].value = "blobs"
    for value in control_values(control):
        before = bytes(app.image.value)
        control.value = value
        app.step()
        assert bytes(app.image.value) != before
        assert bytes(app.image.value).startswith(JPEG_MAGIC)
        m = app.model
        if name in m.settings():
            expect = None if (name == "batch_size" and value == 0) else value
            assert m.settings()[name] == pytest.approx(expect) if expect is not None \
                else m.settings()[name] is None
        assert all(math.isfinite(v) for v in m.train_losses) or m.diverged
        assert len(app.weight_sliders) == (m.net.n_params if m.sliders_allowed else 0)


@pytest.mark.parametrize("end", ["min", "max"])
def test_every_control_at_the_same_end_at_once(end):
    """All controls at their minimum together (one unit, no hidden layer, lr 1e-4, ...) or at
    their maximum together (four layers of eight, lr 10, batch 1, momentum 0.99, dropout 0.9,
    ...): the app steps, draws and either trains or says it diverged."""
    import ipywidgets as w

    app = Playground()
    app.controls["data_seed"].max = app.controls["seed"].max = 3
    app.controls["dataset"].value = "spirals"
    for name in SETTING_CONTROLS:
        control = app.controls[name]
        if isinstance(control, w.Dropdown):
            continue
        values = control_values(control)
        if isinstance(control, w.SelectionSlider):
            values = [values[0], values[-1]]
        elif isinstance(control, w.FloatLogSlider):
            values = [values[0], values[-1]]
        else:
            values = sorted(values[:2])
        control.value = values[0] if end == "min" else values[-1]
    m = app.model
    assert m.hidden == (() if end == "min" else (8, 8, 8, 8))
    assert m.lr == pytest.approx(1e-4 if end == "min" else 10.0)
    for _ in range(4):
        app.step()
        assert bytes(app.image.value).startswith(JPEG_MAGIC)
    assert all(math.isfinite(v) for v in m.train_losses) or m.diverged
    assert m.diverged == (end == "max")


def test_weights_seed_gives_a_new_start():
    app = Playground()
    app.step()
    W = app.model.net.weights[0].copy()
    app.controls["seed"].value = 7
    assert app.model.seed == 7 and app.model.epoch == 0
    assert not np.allclose(W, app.model.net.weights[0])
    assert app.weight_sliders[0].value == pytest.approx(app.model.net.weights[0][0, 0],
                                                        abs=0.01)


def test_hidden_layer_controls_build_the_network():
    app = Playground()
    c = app.controls
    c["layers"].value = 3
    c["units2"].value = 5
    assert app.model.hidden == (4, 5, 2)
    assert c["units4"].disabled and not c["units3"].disabled
    c["layers"].value = 0
    assert app.model.sizes == [2, 2]
    assert len(app.weight_sliders) == 6


def test_play_steps_and_stops_on_divergence():
    app = Playground()
    play = app.controls["play"]
    play.value += 1
    play.value += 1
    assert app.model.epoch == 2 * app.model.epochs_per_frame
    app.controls["output"].value = "identity"
    app.controls["lr"].value = 10.0
    play.playing = True
    for _ in range(5):
        play.value += 1
    assert app.model.diverged and play.playing is False
    assert "diverged" in app.status.value.lower()


def test_weight_slider_moves_the_weight_and_redraws():
    app = Playground()
    slider = app.weight_sliders[0]
    before = bytes(app.image.value)
    slider.value = 2.5
    assert app.model.net.weights[0][0, 0] == 2.5
    assert bytes(app.image.value) != before
    app.controls["play"].playing = True
    assert all(s.disabled for s in app.weight_sliders)
    app.controls["play"].playing = False
    app.step()  # training moves the sliders with the weights, without feedback
    assert slider.value == pytest.approx(app.model.net.weights[0][0, 0], abs=0.01)


def test_weight_sliders_widen_for_large_weights():
    app = Playground()
    app.model.set_weight(0, 0, 0, 9.3)
    app.refresh()
    assert app.weight_sliders[0].max >= 10 and app.weight_sliders[0].value == pytest.approx(9.3)


def test_buttons_step_reset_regenerate():
    app = Playground()
    app.controls["step"].click()
    assert app.model.epoch == app.model.epochs_per_frame
    app.controls["reset"].click()
    assert app.model.epoch == 0
    app.controls["regenerate"].click()
    assert app.model.data_seed == 1 and app.controls["data_seed"].value == 1


def test_big_networks_get_no_weight_sliders_but_a_note():
    app = Playground()
    app.controls["layers"].value = 2
    app.controls["units1"].value = 8
    assert app.model.net.n_params > MAX_SLIDER_PARAMS
    assert app.weight_sliders == []
    assert "no sliders" in app.sliders_box.children[0].value


def test_module_lists_are_consistent_with_nnlib():
    from nnlib import ACTIVATIONS, LOSSES

    assert set(HIDDEN_ACTIVATIONS) <= set(ACTIVATIONS)
    assert {loss for _, loss, _ in OUTPUTS.values()} == set(LOSSES)
    assert pg.BATCH_SIZES[0] is None and pg.BATCH_SIZES[-1] == 1


@pytest.mark.parametrize("fraction, legend", [(0.7, "○ test"), (1.0, None)])
def test_region_title_mentions_test_points_only_when_there_are_some(fraction, legend):
    m = PlaygroundModel(train_fraction=fraction)
    fig = PlaygroundFigure()
    view = fig.render(m)
    title = view.regions.ax.get_title()
    assert ("test" in title) == (legend is not None), title
    assert (len(m.y_test) > 0) == (legend is not None)


@pytest.mark.parametrize("fraction, has_test", [(0.7, True), (1.0, False)])
def test_loss_legend_names_a_test_curve_only_when_there_is_a_test_set(fraction, has_test):
    m = PlaygroundModel(train_fraction=fraction)
    view = PlaygroundFigure().render(m)
    labels = [t.get_text() for t in view.loss_ax.get_legend().get_texts()]
    assert labels == (["train", "test"] if has_test else ["train"])


def test_output_menu_labels_fit_their_box():
    # the dropdown is 210 px wide: about 25 characters of text beside its arrow
    assert set(pg.OUTPUT_MENU) == set(OUTPUTS)
    assert all(len(label) <= 24 for label in pg.OUTPUT_MENU.values())


# --- the browser's echo (nnlib/widgets/_sync.py) ------------------------------------------------
def browser_echo(slider, value):
    """What a browser slider sends back when the kernel writes ``value`` into it: noUiSlider
    snaps to the step in percent of the range and converts back, so 0.82 returns as
    0.8200000000000003 (seen in JupyterLab; tests/site/test_jupyterlab.py runs the real one)."""
    span = slider.max - slider.min
    pct_step = slider.step / span * 100
    pct = (value - slider.min) / span * 100
    return round(pct / pct_step) * pct_step * span / 100 + slider.min


def test_the_echo_model_adds_float_noise():
    slider = Playground().weight_sliders[0]
    assert browser_echo(slider, 0.82) != 0.82
    assert abs(browser_echo(slider, 0.82) - 0.82) < 1e-12
    assert browser_echo(slider, 0.3712) == pytest.approx(0.37, abs=1e-12)


def test_late_echoes_of_the_weight_sliders_move_no_weight_and_reset_no_momentum():
    """Each frame's slider values come back only after the next frame was drawn (the race that
    made Play round every weight to 0.01 and reset the momentum): the run must equal the same
    frames in a fresh model, with one redraw per frame."""
    app = Playground(PlaygroundModel(momentum=0.9))
    redraws = []
    app.image.observe(lambda change: redraws.append(1), names="value")
    echoes = [browser_echo(s, s.value) for s in app.weight_sliders]  # the display's own echo
    frames = 12
    for _ in range(frames):
        app.step()
        for s, value in zip(app.weight_sliders, echoes):  # the previous frame's, arriving late
            s.value = value
        echoes = [browser_echo(s, s.value) for s in app.weight_sliders]
    fresh = PlaygroundModel(momentum=0.9)
    for _ in range(frames):
        fresh.step()
    for live, replay in zip(app.model.net.weights + app.model.net.biases,
                            fresh.net.weights + fresh.net.biases):
        np.testing.assert_array_equal(live, replay)
    assert len(redraws) == frames
    # the sliders show the weights (a late echo was answered with the latest value)
    for s, (_, _, _, _, _, value) in zip(app.weight_sliders, app.model.parameters()):
        assert abs(s.value - value) <= 0.005 + 1e-12


def test_a_real_move_is_taken_at_the_sliders_resolution_and_resets_momentum():
    app = Playground(PlaygroundModel(momentum=0.9))
    for _ in range(3):
        app.step()
    slider = app.weight_sliders[4]
    slider.value = browser_echo(slider, 1.23)  # a reader's drag, as the browser sends it
    name, kind, layer, i, j, _ = app.model.parameters()[4]
    assert slider.description == name and kind == "W"
    assert app.model.net.weights[layer][i, j] == 1.23
    # from here on the run is a fresh momentum run from these weights
    expect = PlaygroundModel(momentum=0.9)
    expect.net.set_flat(app.model.net.get_flat())
    expect.epoch = app.model.epoch
    app.step()
    expect.step()
    np.testing.assert_array_equal(app.model.net.get_flat(), expect.net.get_flat())


def test_weight_sliders_show_weights_at_their_resolution():
    app = Playground()
    for s, (_, _, _, _, _, value) in zip(app.weight_sliders, app.model.parameters()):
        assert s.value == round(value, 2)


def test_sliders_follow_play_at_most_twice_a_second_and_exactly_when_it_stops():
    app = Playground()
    play = app.controls["play"]
    play.playing = True
    play.value += 1
    first = [s.value for s in app.weight_sliders]
    play.value += 1  # within SLIDER_SECONDS_WHILE_PLAYING of the first frame: not shown yet
    assert [s.value for s in app.weight_sliders] == first
    play.playing = False
    assert [s.value for s in app.weight_sliders] == [round(v, 2) for *_, v in
                                                     app.model.parameters()]


@pytest.mark.parametrize("name, value, label", [("lr", 1.0, "learning rate 1"),
                                                ("momentum", 0.5, "momentum 0.5"),
                                                ("batch_size", 8, "batch size 8"),
                                                ("epochs_per_frame", 7, "epochs per frame 7")])
def test_a_training_setting_says_it_applies_from_the_next_step(name, value, label):
    app = Playground()
    app.controls[name].value = value
    assert f"{label} applies from the next step" in app.status.value
    app.step()
    assert "next step" not in app.status.value


def test_every_control_shows_the_models_own_setting():
    m = PlaygroundModel(lr=0.5, l2=0.05, batch_size=50, noise=0.123, train_fraction=1.0,
                        epochs_per_frame=150)
    app = Playground(m)
    c = app.controls
    assert (c["lr"].value, c["l2"].value, c["batch_size"].value) == (0.5, 0.05, 50)
    assert c["train_fraction"].value == 1.0 and c["epochs_per_frame"].value == 150
    # a float off the slider's grid becomes the value the slider shows, and trains
    assert c["noise"].value == 0.12 and m.noise == 0.12
    assert (m.lr, m.l2, m.batch_size, m.train_fraction) == (0.5, 0.05, 50, 1.0)


def test_recorded_animations_load_nothing_from_another_host():
    import re

    from nnlib.experiments.frames import train_frames
    from nnlib.plot.animation import animate_frames, animation_html

    model = PlaygroundModel(epochs_per_frame=10)
    html = animation_html(animate_frames(model, train_frames(model, frames=2)))
    assert re.findall(r"""(?:href|src)=["']?(?:https?:)?//""", html) == []
    assert 'class="fa' not in html  # no Font Awesome icon left to need its stylesheet
    buttons = re.findall(r'<button title="([^"]+)" aria-label="\1"[^>]*>\s*'
                         r'<span aria-hidden="true">([^<]+)</span></button>', html)
    assert [title for title, _ in buttons] == [
        "Decrease speed", "First frame", "Previous frame", "Play backwards", "Pause", "Play",
        "Next frame", "Last frame", "Increase speed"]
    assert all(text.strip() for _, text in buttons)


# --- controls that do not apply, Play without a backlog, fixed scales, colours, legend -------
def test_controls_the_data_do_not_use_are_disabled_and_keep_the_run():
    app = Playground()
    c = app.controls
    assert c["classes"].disabled and not c["noise"].disabled  # moons: two classes
    app.step()
    c["classes"].value = 3  # (a reader cannot: the control is disabled; a program can)
    assert app.model.epoch == app.model.epochs_per_frame and app.model.n_classes == 2
    c["dataset"].value = "blobs"
    assert not c["classes"].disabled and app.model.n_classes == 3  # the kept setting applies
    c["dataset"].value = "xor corners"
    assert all(c[k].disabled for k in ("classes", "noise", "train_fraction", "data_seed",
                                       "regenerate"))
    app.step()
    c["noise"].value = 0.3
    assert app.model.epoch == app.model.epochs_per_frame  # the four corners have no noise
    c["dataset"].value = "circles"
    assert not any(c[k].disabled for k in ("noise", "train_fraction", "data_seed",
                                           "regenerate")) and c["classes"].disabled


def test_a_tick_sent_while_a_frame_was_computed_is_dropped(monkeypatch):
    import time

    app = Playground()
    play = app.controls["play"]
    play.playing = True
    offset = 1000.0  # the browser's clock may differ from the kernel's
    sent = {"at": None}
    monkeypatch.setattr(pg, "_sent_at", lambda: sent["at"])
    sent["at"] = time.time() - offset
    play.value += 1  # on time: one frame
    assert app.model.epoch == app.model.epochs_per_frame
    sent["at"] = time.time() - offset - 0.2  # left the browser while that frame was computed
    play.value += 1
    assert app.model.epoch == app.model.epochs_per_frame and app.dropped_ticks == 1
    sent["at"] = time.time() - offset + 0.01  # sent after it: trains
    play.value += 1
    assert app.model.epoch == 2 * app.model.epochs_per_frame
    sent["at"] = None  # outside a kernel (no message date): every tick trains
    play.value += 1
    assert app.model.epoch == 3 * app.model.epochs_per_frame and app.dropped_ticks == 1


def test_unit_maps_keep_one_fixed_scale_while_training():
    m = PlaygroundModel(activation="relu", lr=1.0)
    fig = PlaygroundFigure()
    view = fig.render(m)
    m.step(300)
    fig.render(m)
    maps = view.unit_maps()
    values = np.concatenate([np.ravel(h) for row in maps for h in row])
    assert np.abs(values).max() > 1.5  # relu units grow past the scale...
    assert view.unit_image.get_clim() == (-UNIT_SCALE, UNIT_SCALE)  # ...which stays put
    # each map is its unit's value over the grid
    _, As = m.net.forward_cache(m.grid)
    for l, row in enumerate(maps):
        for j, h in enumerate(row):
            np.testing.assert_allclose(h.ravel(), As[l + 1][:, j])


def test_class_colours_are_one_table_and_the_diverging_map_shares_none():
    from matplotlib.colors import to_rgb

    from nnlib.plot import colors
    from nnlib.plot.regions import plot_decision_regions

    m = PlaygroundModel(dataset="blobs", classes=4)
    view = PlaygroundFigure().render(m)
    np.testing.assert_allclose(view.regions.colors, [to_rgb(c) for c in colors.CLASS_COLORS])
    cmap = view.unit_image.get_cmap()
    along = cmap(np.linspace(0, 1, 257))[:, :3]
    for c in colors.CLASS_COLORS:
        assert np.linalg.norm(along - np.array(to_rgb(c)), axis=1).min() > 0.25, c
    # the chapters' decision-region plot colours its points with the same table
    import matplotlib.pyplot as plt

    from nnlib import MLP, datasets

    X, y = datasets.make("blobs", n=60, classes=3, seed=0)
    fig, ax = plt.subplots()
    plot_decision_regions(ax, MLP([2, 3], ["softmax"], loss="cross_entropy", seed=0),
                          X, y, resolution=20)
    points = ax.collections[-1].get_facecolors()[:, :3]
    np.testing.assert_allclose(points, [to_rgb(colors.CLASS_COLORS[k]) for k in y])
    plt.close(fig)


@pytest.mark.parametrize("dataset", ["moons", "xor corners"])
def test_the_loss_legend_sits_above_the_curves(dataset):
    m = PlaygroundModel(dataset=dataset)
    figure = PlaygroundFigure()
    view = figure.render(m)
    m.step(200)
    view = figure.render(m)
    view.draw()
    renderer = view.fig.canvas.get_renderer()
    legend = view.loss_ax.get_legend().get_window_extent(renderer)
    plot_area = view.loss_ax.get_window_extent(renderer)
    assert legend.y0 >= plot_area.y1 - 0.5, (legend, plot_area)


def test_the_learning_rate_slider_has_every_rate_a_chapter_asks_for():
    import pathlib
    import re

    import nbformat

    rates = set()
    for path in sorted((pathlib.Path(__file__).resolve().parents[2] / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and "Playground" in cell.source:
                rates |= {float(x) for x in re.findall(r"\blr=([0-9.]+)", cell.source)}
            if cell.cell_type == "markdown" and "Things to try" in cell.source:
                rates |= {float(x) for x in re.findall(
                    r"(?:learning rate|rate)\D{0,40}?(?:to|of|at) (\d+(?:\.\d+)?)\b",
                    cell.source)}
    assert {0.5, 10.0} <= rates, rates  # the recorded run's 0.5 and the recipe's 10
    app = Playground()
    assert rates <= set(app.controls["lr"].options[i][1]
                        for i in range(len(app.controls["lr"].options)))
    assert rates <= set(pg.LEARNING_RATES)
