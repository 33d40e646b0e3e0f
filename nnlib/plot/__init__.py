"""Drawing, and drawing only: functions that take arrays or results and a matplotlib Axes, and
artists classes whose ``update`` (or ``show``) redraws in place, for widgets and animations.

One module per kind of figure; importing this package loads no matplotlib (its modules do):

* shared by many chapters: :mod:`~nnlib.plot.colors` (the class colours and the diverging map),
  :mod:`~nnlib.plot.network` (network diagrams), :mod:`~nnlib.plot.bars` (bar charts),
  :mod:`~nnlib.plot.curves` (a function and its derivative), :mod:`~nnlib.plot.regions`
  (decision regions on the one grid of :func:`nnlib.experiments.regions.decision_grid`),
  :mod:`~nnlib.plot.animation` (PNG frames, animations that play without a kernel);
* one chapter's figures each: :mod:`~nnlib.plot.forward`, :mod:`~nnlib.plot.bias`,
  :mod:`~nnlib.plot.softmax`, :mod:`~nnlib.plot.backprop` and :mod:`~nnlib.plot.backward`
  (backpropagation diagrams and widgets), :mod:`~nnlib.plot.gradbugs`,
  :mod:`~nnlib.plot.descent` (one-parameter descent and the ravine), :mod:`~nnlib.plot.playground`,
  :mod:`~nnlib.plot.regularization` and :mod:`~nnlib.plot.init` ("Beyond the sources").

The numbers come from the core (:mod:`nnlib`) and :mod:`nnlib.experiments`; this package never
imports :mod:`nnlib.widgets`.
"""
