"""Interactive widgets for the chapters: each one a pure nnlib function plus ipywidgets wiring.

Submodules import ipywidgets only inside their widget builders, so importing them stays light.
"""
