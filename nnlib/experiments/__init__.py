"""What the chapters run and tabulate: pure computations on NumPy and the nnlib core.

No matplotlib and no ipywidgets here (the figures are in :mod:`nnlib.plot`, the controls in
:mod:`nnlib.widgets`), so tests, the page's twin and the chapters call the same functions.
One module per topic, e.g. :mod:`~nnlib.experiments.descent` (one-parameter gradient descent),
:mod:`~nnlib.experiments.xor` (XOR trials over many seeds), :mod:`~nnlib.experiments.batches`,
:mod:`~nnlib.experiments.momentum`, :mod:`~nnlib.experiments.regularization`,
:mod:`~nnlib.experiments.init`.  Importing this package imports none of them.
"""
