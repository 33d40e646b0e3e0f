"""Make chapters/img/intro_regions.png (run from the repository root): what the reader will
build (a 2-16-16-3 tanh net on spirals)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

import nnlib
from nnlib import MLP
from nnlib.plot.regions import plot_decision_regions

X, labels = nnlib.datasets.spirals(300, classes=3, noise=0.1, seed=0)
Y = nnlib.one_hot(labels, 3)
net = MLP([2, 24, 24, 3], activations=["tanh", "tanh", "softmax"], loss="cross_entropy", seed=0)
hist = net.fit(X, Y, lr=0.5, epochs=3000, seed=0)
acc = net.accuracy(X, Y)
print("loss", hist[-1], "acc", acc)
fig, ax = plt.subplots(figsize=(5, 5))
plot_decision_regions(ax, net, X, labels, resolution=300,
                      title=f"A 2-24-24-3 network from nnlib on three spirals: accuracy {acc:.2f}")
ax.title.set_fontsize(9)
fig.tight_layout()
fig.savefig("chapters/img/intro_regions.png", dpi=110)
