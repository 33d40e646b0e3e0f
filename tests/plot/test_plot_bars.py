"""Tests for nnlib.plot.bars: the bar chart of a few probabilities and its in-place update."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest

from nnlib.plot.bars import draw_bars


def test_bars_draw_and_update(ax):
    bars = draw_bars(ax, [0.25, 0.75], labels=["a", "b"])
    assert [b.get_height() for b in bars.bars] == [0.25, 0.75]
    assert [t.get_text() for t in bars.texts] == ["0.250", "0.750"]
    bars.update([0.9, 0.1])
    assert [b.get_height() for b in bars.bars] == pytest.approx([0.9, 0.1])
    assert [t.get_text() for t in bars.texts] == ["0.900", "0.100"]
    with pytest.raises(ValueError, match=r"shape \(2,\)"):
        bars.update([1.0, 0.0, 0.0])


@pytest.mark.parametrize("values, labels, message", [
    ([], None, "non-empty 1-D"),
    ([[0.5, 0.5]], None, "non-empty 1-D"),
    ([0.5, 0.5], ["only one"], "labels must have 2 entries"),
])
def test_bars_reject_bad_input(ax, values, labels, message):
    with pytest.raises(ValueError, match=message):
        draw_bars(ax, values, labels=labels)
