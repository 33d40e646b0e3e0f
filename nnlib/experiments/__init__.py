"""What the chapters run and tabulate: pure computations on NumPy and the nnlib core.

No matplotlib and no ipywidgets here (the figures are in :mod:`nnlib.plot`, the controls in
:mod:`nnlib.widgets`), so tests, the page's twin and the chapters call the same functions.
One module per topic, e.g. :mod:`~nnlib.experiments.descent` (one-parameter gradient descent),
:mod:`~nnlib.experiments.regions` (the one grid of every decision-region figure),
:mod:`~nnlib.experiments.xor` (the XOR network and its trials over many seeds),
:mod:`~nnlib.experiments.playground` (the playground's model), :mod:`~nnlib.experiments.frames`
(training runs recorded frame by frame), :mod:`~nnlib.experiments.batches`,
:mod:`~nnlib.experiments.momentum`, :mod:`~nnlib.experiments.regularization` and
:mod:`~nnlib.experiments.init` ("Beyond the sources").  Importing this package imports none of
them.
"""
