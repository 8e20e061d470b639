"""PyTorch's half of benchmarks/side-by-side: the twin of each workload of SideBySide.java (the same network,
batch, loss, optimiser and timing), one line per workload: name<TAB>value<TAB>unit.

Run with Debian's PyTorch and OpenBLAS (see benchmarks/side-by-side):
    /usr/bin/python3 benchmarks/torch/workloads.py [--threads 1] [--info] [WORKLOAD...]
"""
import argparse
import math
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

ROUNDS = 7
WARMUP = 100


def mlp(d, width):
    """E(x) = MLP(x): d -> width -> width -> 1, SiLU; ebm4j's mlp plugin with the same shape."""
    return nn.Sequential(nn.Linear(d, width), nn.SiLU(), nn.Linear(width, width), nn.SiLU(), nn.Linear(width, 1))


def energy(model, x):
    return model(x).squeeze(-1)


def score(model, x, create_graph):
    """s(x) = -grad E(x)."""
    x = x.requires_grad_(True)
    g, = torch.autograd.grad(energy(model, x).sum(), x, create_graph=create_graph)
    return -g


def dsm(model, x, sigma=0.1):
    eps = torch.randn_like(x)
    s = score(model, x + sigma * eps, True)
    return 0.5 * ((sigma * s + eps) ** 2).sum(1).mean()


NCSN_SIGMAS = torch.tensor([1.0 * (0.05 / 1.0) ** (i / 9) for i in range(10)])


def ncsn(model, x):
    """Multi-noise DSM over 10 geometric levels 1.0 .. 0.05, E(x, sigma) = E(x) / sigma, each row its own level."""
    sigma = NCSN_SIGMAS[torch.randint(0, 10, (x.shape[0],))].unsqueeze(1)
    eps = torch.randn_like(x)
    noisy = (x + sigma * eps).requires_grad_(True)
    e = energy(model, noisy) / sigma.squeeze(1)
    g, = torch.autograd.grad(e.sum(), noisy, create_graph=True)
    return 0.5 * ((eps - sigma * g) ** 2).sum(1).mean()


def ssm(model, x, vr=False):
    x = x.requires_grad_(True)
    v = torch.randn_like(x)
    g, = torch.autograd.grad(energy(model, x).sum(), x, create_graph=True)
    hv, = torch.autograd.grad((g * v).sum(), x, create_graph=True)
    second = 0.5 * (g ** 2).sum(1) if vr else 0.5 * ((g * v).sum(1) ** 2)
    return ((hv * v).sum(1) + second).mean()


def exact_sm(model, x):
    x = x.requires_grad_(True)
    g, = torch.autograd.grad(energy(model, x).sum(), x, create_graph=True)
    trace = 0
    for i in range(x.shape[1]):
        h, = torch.autograd.grad(g[:, i].sum(), x, create_graph=True)
        trace = trace + h[:, i]
    return (0.5 * (g ** 2).sum(1) - trace).mean()


class Nce:
    """Logistic loss of data against a Gaussian fitted to the data (mean, full covariance), one noise draw per row."""

    def __init__(self, data):
        self.noise = torch.distributions.MultivariateNormal(data.mean(0), torch.cov(data.T))
        self.c = torch.zeros((), requires_grad=True)

    def params(self):
        return [self.c]

    def __call__(self, model, x):
        y = self.noise.sample((x.shape[0],))
        gx = -energy(model, x) - self.c - self.noise.log_prob(x)
        gy = -energy(model, y) - self.c - self.noise.log_prob(y)
        return (F.softplus(-gx) + F.softplus(gy)).mean()


class Pcd:
    """Persistent CD: a replay buffer of 10,000 chains (5 % restarted uniformly on the data's box widened by 1.5),
    20 ULA steps of size 0.01 per training step, loss E(data) - E(samples) + 0.1 (E(data)^2 + E(samples)^2)."""

    def __init__(self, data):
        self.lo = data.min(0).values - 1.5
        self.hi = data.max(0).values + 1.5
        self.buffer = self.uniform(10000)

    def uniform(self, n):
        return torch.rand(n, self.lo.shape[0]) * (self.hi - self.lo) + self.lo

    def params(self):
        return []

    def __call__(self, model, x):
        idx = torch.randint(0, self.buffer.shape[0], (x.shape[0],))
        z = self.buffer[idx]
        fresh = torch.rand(x.shape[0]) < 0.05
        z[fresh] = self.uniform(int(fresh.sum()))
        for _ in range(20):
            s = score(model, z.detach(), False)
            z = z.detach() + 0.5 * 0.01 * s + math.sqrt(0.01) * torch.randn_like(z)
        z = z.detach()
        self.buffer[idx] = z
        ep, en = energy(model, x), energy(model, z)
        return ep.mean() - en.mean() + 0.1 * (ep.pow(2).mean() + en.pow(2).mean())


def ms_per_step(d, width, batch, loss, per_round, extra=()):
    torch.manual_seed(0)
    model = mlp(d, width)
    opt = torch.optim.Adam(list(model.parameters()) + list(extra), lr=1e-3)
    x = torch.randn(batch, d)

    def step():
        value = loss(model, x.clone())
        opt.zero_grad(set_to_none=True)
        value.backward()
        opt.step()

    for _ in range(WARMUP):
        step()
    rounds = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        for _ in range(per_round):
            step()
        rounds.append((time.perf_counter() - t0) * 1e3 / per_round)
    return f"{statistics.median(rounds):.4f}\tms/step"


def langevin():
    torch.manual_seed(0)
    model = mlp(2, 128)
    for p in model.parameters():
        p.requires_grad_(False)
    init = torch.rand(10000, 2) * 10 - 5

    def run():
        z = init.clone()
        for _ in range(100):
            z = z + 0.5 * 0.005 * score(model, z.detach(), False) + math.sqrt(0.005) * torch.randn_like(z)
        return z

    run()
    rates = []
    for _ in range(5):
        t0 = time.perf_counter()
        run()
        rates.append(10000 * 100 / (time.perf_counter() - t0))
    return f"{statistics.median(rates):.0f}\tchain-steps/s"


def data(d):
    return torch.randn(2000, d)


def with_state(make, d, width, batch, per_round):
    objective = make(data(d))
    return ms_per_step(d, width, batch, objective, per_round, objective.params())


WORKLOADS = {
    "dsm": lambda: ms_per_step(2, 128, 256, dsm, 200),
    "ncsn": lambda: ms_per_step(2, 128, 256, ncsn, 200),
    "ssm": lambda: ms_per_step(2, 128, 256, ssm, 200),
    "ssm-vr": lambda: ms_per_step(2, 128, 256, lambda m, x: ssm(m, x, vr=True), 200),
    "exact-sm": lambda: ms_per_step(2, 128, 256, exact_sm, 200),
    "nce": lambda: with_state(Nce, 2, 128, 256, 200),
    "pcd": lambda: with_state(Pcd, 2, 128, 256, 50),
    "langevin": langevin,
    "dsm-64": lambda: ms_per_step(64, 512, 128, dsm, 50),
    "ssm-64": lambda: ms_per_step(64, 512, 128, ssm, 30),
}


def loaded_blas():
    """The BLAS library this process actually mapped (Debian's torch goes through libblas.so.3's alternative)."""
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and line.strip().endswith(".so.3")
                       or "openblas" in line.lower()})
    return libs


def openblas_core():
    """The kernels the loaded OpenBLAS runs (it honours OPENBLAS_CORETYPE), or why that cannot be told."""
    import ctypes
    for lib in loaded_blas():
        try:
            name = ctypes.CDLL(lib).openblas_get_corename
        except (OSError, AttributeError):
            continue
        name.restype = ctypes.c_char_p
        return name().decode()
    return "not OpenBLAS"


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--info", action="store_true", help="print torch's build configuration and the BLAS it loaded")
    ap.add_argument("workloads", nargs="*")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.zeros(64, 64) @ torch.zeros(64, 64)  # loads the BLAS
    if a.info:
        print(torch.__config__.show())
        print("loaded BLAS:", " ".join(loaded_blas()))
        print("OpenBLAS kernels:", openblas_core())
        sys.exit(0)
    for name in a.workloads or WORKLOADS:
        if name not in WORKLOADS:
            print(f"{name}\tn/a\tno PyTorch twin", flush=True)
            continue
        print(f"{name}\t{WORKLOADS[name]()}", flush=True)
