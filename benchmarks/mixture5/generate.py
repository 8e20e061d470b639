"""Writes mix5-train.csv and mix5-test.csv: a 2-D five-component anisotropic Gaussian mixture with weights 0.4 down to
0.08 (50,000 and 10,000 rows), and prints its true test NLL (1.334 nats). Score matching on it against the PyTorch
reference: run.sh."""
# A 2-D five-component anisotropic Gaussian mixture with unequal weights, written as CSV for both implementations.
import numpy as np
w = np.array([0.4, 0.25, 0.15, 0.12, 0.08])
mu = np.array([[-2.0, 0.0], [2.0, 1.5], [0.5, -2.5], [-1.0, 2.5], [2.5, -1.0]])
cov = []
for k, (a, b, t) in enumerate([(0.6, 0.15, 0.3), (0.3, 0.1, -0.8), (0.5, 0.1, 1.2), (0.2, 0.2, 0.0), (0.4, 0.08, 0.6)]):
    R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    cov.append(R @ np.diag([a * a, b * b]) @ R.T)
cov = np.array(cov)
def draw(n, rng):
    k = rng.choice(5, size=n, p=w)
    z = rng.standard_normal((n, 2))
    L = np.linalg.cholesky(cov)
    return mu[k] + np.einsum('nij,nj->ni', L[k], z)
rng = np.random.default_rng(2026)
for name, n in [("train", 50000), ("test", 10000)]:
    np.savetxt(f"mix5-{name}.csv", draw(n, rng), delimiter=",", header="x,y", comments="", fmt="%.6f")
# the true test NLL
from math import pi
test = np.loadtxt("mix5-test.csv", delimiter=",", skiprows=1)
dens = 0
for k in range(5):
    d = test - mu[k]; P = np.linalg.inv(cov[k])
    dens = dens + w[k] * np.exp(-0.5 * np.einsum('ni,ij,nj->n', d, P, d)) / (2 * pi * np.sqrt(np.linalg.det(cov[k])))
print("true test NLL", -np.log(dens).mean())
