"""Drawing, and drawing only: functions that take arrays or results and a matplotlib Axes, and
artists classes whose ``update`` redraws in place (for widgets and animations).

One module per kind of figure; importing this package loads no matplotlib (its modules do):

* :mod:`~nnlib.plot.colors` -- the book's class colours and diverging map;
* :mod:`~nnlib.plot.network` -- network diagrams; :mod:`~nnlib.plot.backprop` -- diagrams with
  the names of the weights, forward values and deltas; :mod:`~nnlib.plot.bars` -- bar charts;
* :mod:`~nnlib.plot.curves` -- a function and its derivative side by side;
* :mod:`~nnlib.plot.regions` -- decision regions of a trained classifier;
* :mod:`~nnlib.plot.descent` -- gradient descent on one parameter and on the ravine;
* :mod:`~nnlib.plot.animation` -- PNG frames and animations that play without a kernel;
* :mod:`~nnlib.plot.regularization`, :mod:`~nnlib.plot.init` -- the figures of "Beyond the
  sources" (L2 regions, dropout means, spreads at initialisation).

The numbers come from the core (:mod:`nnlib`) and :mod:`nnlib.experiments`; this package never
imports :mod:`nnlib.widgets`.
"""
