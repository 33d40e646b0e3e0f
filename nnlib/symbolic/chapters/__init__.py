"""One module per chapter, named after the chapter's notebook (chapters/<name>.ipynb): each
registers every check its chapter shows, in the order the page shows them.

Importing this package imports every chapter module, which fills
:data:`nnlib.symbolic.registry.REGISTRY`.  A page's order is its own module's; nothing
depends on the order in which the modules are imported.
"""

from . import (  # noqa: F401  (importing a chapter's module registers its checks)
    activations,
    any_depth,
    backprop_matrix,
    beyond,
    bias,
    chain_rule,
    classifier,
    errata,
    forward_pass,
    gradient_checking,
    gradient_descent,
    losses,
    notation,
    softmax,
    xor,
)
