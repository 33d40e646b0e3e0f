"""Interactive widgets for the chapters: ipywidgets wiring only.

Every widget follows the one pattern of :mod:`nnlib.widgets.base` (validated arguments, labelled
controls, a pure computation from :mod:`nnlib.experiments` or the core kept as ``result``, a
drawing from :mod:`nnlib.plot` updated in place, a displayable container), one module per widget;
:mod:`nnlib.widgets._sync` lets a widget write into its own controls without hearing the
browser's echo.  Importing this package imports none of them (nor ipywidgets); its modules do.
"""
