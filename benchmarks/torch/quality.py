"""PyTorch reference implementation of the ebm4j experiments, for side-by-side comparison.

Trains an MLP energy E(x) on 2-D toy data with each objective, on CPU, and reports
training speed (steps/s) and quality (exact test NLL by grid integration, in nats).
Run with Debian's Python (python3-torch on libopenblas0-pthread):
  /usr/bin/python3 benchmarks/torch/quality.py [--data 8gaussians] [--steps N] [--threads T] [--only dsm,ssm] [--seed S]
  /usr/bin/python3 benchmarks/torch/quality.py --csv PREFIX ...   # PREFIX-train.csv and PREFIX-test.csv, header line
The README's "Against the PyTorch reference" numbers come from it (--only nce, and --csv with --only ssm,exact-sm).
"""
import argparse, json, math, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# ---------- data: the FFJORD toy sets (rtqichen/ffjord lib/toy_data.py), re-written here ----------
# Evenly spaced angles in FFJORD's moons/rings are replaced by uniform random angles so samples are i.i.d.,
# and every draw comes from the given generator (FFJORD's 2spirals/checkerboard ignore theirs).
def toy(name, n, rng):
    if name == "8gaussians":   # centres on a circle of radius 4/1.414, std 0.5/1.414; true NLL 2.8313 nats
        s = 1 / math.sqrt(2)
        centers = 4.0 * np.array([(1, 0), (-1, 0), (0, 1), (0, -1), (s, s), (s, -s), (-s, s), (-s, -s)])
        x = rng.standard_normal((n, 2)) * 0.5 + centers[rng.integers(0, 8, n)]
        return (x / 1.414).astype(np.float32)
    if name == "checkerboard":  # uniform on 8 squares of side 2; true NLL ln 32 = 3.4657 nats
        x1 = rng.uniform(0, 1, n) * 4 - 2
        x2 = rng.uniform(0, 1, n) - rng.integers(0, 2, n) * 2.0 + (np.floor(x1) % 2)
        return (np.stack([x1, x2], 1) * 2).astype(np.float32)
    if name == "moons":         # sklearn make_moons(noise=0.1) * 2 + (-1, -0.2)
        outer = rng.uniform(0, 1, n) < 0.5
        t = rng.uniform(0, math.pi, n)
        x = np.where(outer, np.cos(t), 1 - np.cos(t)); y = np.where(outer, np.sin(t), 1 - np.sin(t) - 0.5)
        xy = np.stack([x, y], 1) + rng.standard_normal((n, 2)) * 0.1
        return (xy * 2 + np.array([-1, -0.2])).astype(np.float32)
    if name == "rings":         # four circles of radius 3, 2.25, 1.5, 0.75; noise 0.08
        r = 3.0 * np.array([1.0, 0.75, 0.5, 0.25])[rng.integers(0, 4, n)]
        t = rng.uniform(0, 2 * math.pi, n)
        return (np.stack([r * np.cos(t), r * np.sin(t)], 1) + rng.standard_normal((n, 2)) * 0.08).astype(np.float32)
    if name == "2spirals":
        m = np.sqrt(rng.uniform(0, 1, (n, 1))) * 540 * (2 * math.pi) / 360
        d = np.hstack([-np.cos(m) * m + rng.uniform(0, 1, (n, 1)) * 0.5, np.sin(m) * m + rng.uniform(0, 1, (n, 1)) * 0.5])
        sign = np.where(rng.uniform(0, 1, (n, 1)) < 0.5, 1.0, -1.0)
        return (sign * d / 3 + rng.standard_normal((n, 2)) * 0.1).astype(np.float32)
    if name == "pinwheel":
        k = 5; labels = rng.integers(0, k, n)
        f = rng.standard_normal((n, 2)) * np.array([0.3, 0.1]); f[:, 0] += 1.0
        ang = np.linspace(0, 2 * math.pi, k, endpoint=False)[labels] + 0.25 * np.exp(f[:, 0])
        rot = np.stack([np.cos(ang), -np.sin(ang), np.sin(ang), np.cos(ang)], 1).reshape(-1, 2, 2)
        return (2 * np.einsum("ti,tij->tj", f, rot)).astype(np.float32)
    if name == "swissroll":     # sklearn make_swiss_roll(noise=1.0)[:, [0, 2]] / 5
        t = 1.5 * math.pi * (1 + 2 * rng.uniform(0, 1, n))
        xz = np.stack([t * np.cos(t), t * np.sin(t)], 1) + rng.standard_normal((n, 2))
        return (xz / 5).astype(np.float32)
    raise ValueError(name)

# ---------- model ----------
class MLPEnergy(nn.Module):
    def __init__(self, d=2, h=128, depth=2):
        super().__init__()
        layers, k = [], d
        for _ in range(depth):
            layers += [nn.Linear(k, h), nn.SiLU()]; k = h
        layers += [nn.Linear(k, 1)]
        self.net = nn.Sequential(*layers)
    def forward(self, x):
        return self.net(x).squeeze(-1)

def score(model, x, create_graph):
    x = x.requires_grad_(True)
    e = model(x)
    g, = torch.autograd.grad(e.sum(), x, create_graph=create_graph)
    return -g

# ---------- objectives (MATH.md conventions) ----------
def loss_dsm(model, x, sigma=0.1, **_):
    eps = torch.randn_like(x)
    s = score(model, x + sigma * eps, True)
    return 0.5 * ((sigma * s + eps) ** 2).sum(1).mean()

def loss_ssm(model, x, vr=False, **_):
    x = x.requires_grad_(True)
    v = torch.randn_like(x)
    e = model(x)
    g, = torch.autograd.grad(e.sum(), x, create_graph=True)       # grad E
    gv = (g * v).sum()
    h, = torch.autograd.grad(gv, x, create_graph=True)             # H v
    s = -g
    term1 = -(h * v).sum(1)                                         # v^T (ds/dx) v
    term2 = 0.5 * (s ** 2).sum(1) if vr else 0.5 * ((s * v).sum(1) ** 2)
    return (term1 + term2).mean()

def loss_exact_sm(model, x, **_):
    x = x.requires_grad_(True)
    e = model(x)
    g, = torch.autograd.grad(e.sum(), x, create_graph=True)
    tr = 0
    for i in range(x.shape[1]):
        hi, = torch.autograd.grad(g[:, i].sum(), x, create_graph=True)
        tr = tr + hi[:, i]
    return (0.5 * (g ** 2).sum(1) - tr).mean()

class NCE:
    def __init__(self, data):
        self.mu = torch.tensor(data.mean(0)); self.cov = torch.tensor(np.cov(data.T).astype(np.float32))
        self.noise = torch.distributions.MultivariateNormal(self.mu, self.cov)
        self.c = torch.zeros((), requires_grad=True)
    def __call__(self, model, x, **_):
        y = self.noise.sample((x.shape[0],))
        gx = -model(x) - self.c - self.noise.log_prob(x)
        gy = -model(y) - self.c - self.noise.log_prob(y)
        return (F.softplus(-gx) + F.softplus(gy)).mean()

class PCD:
    def __init__(self, lo, hi, buf=10000, steps=20, eps=0.01, reinit=0.05, alpha=0.1):
        self.lo, self.hi = lo, hi
        self.buf = torch.rand(buf, 2) * (hi - lo) + lo
        self.steps, self.eps, self.reinit, self.alpha = steps, eps, reinit, alpha
    def __call__(self, model, x, **_):
        idx = torch.randint(0, self.buf.shape[0], (x.shape[0],))
        z = self.buf[idx]
        fresh = torch.rand(x.shape[0]) < self.reinit
        z[fresh] = torch.rand(int(fresh.sum()), 2) * (self.hi - self.lo) + self.lo
        for _ in range(self.steps):
            s = score(model, z.detach(), False)
            z = z.detach() + 0.5 * self.eps * s + math.sqrt(self.eps) * torch.randn_like(z)
        z = z.detach(); self.buf[idx] = z
        ep, en = model(x), model(z)
        return ep.mean() - en.mean() + self.alpha * (ep.pow(2).mean() + en.pow(2).mean())

# ---------- exact 2-D NLL ----------
def exact_nll(model, test, lo, hi, res=512):
    xs = torch.linspace(lo, hi, res)
    gx, gy = torch.meshgrid(xs, xs, indexing="ij")
    grid = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1)
    with torch.no_grad():
        e = torch.cat([model(grid[i:i + 65536]) for i in range(0, grid.shape[0], 65536)])
        cell = ((hi - lo) / (res - 1)) ** 2
        logz = torch.logsumexp(-e, 0) + math.log(cell)
        return float(model(torch.tensor(test)).mean() + logz)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="8gaussians")
    ap.add_argument("--steps", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", default="dsm,ssm,ssm-vr,exact-sm,nce,pcd")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--csv", default=None, help="prefix P: train from P-train.csv, test from P-test.csv (header line)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    rng = np.random.default_rng(a.seed)
    if a.csv:
        train = np.loadtxt(a.csv + "-train.csv", delimiter=",", skiprows=1, dtype=np.float32)
        test = np.loadtxt(a.csv + "-test.csv", delimiter=",", skiprows=1, dtype=np.float32)
        a.data = a.csv
    else:
        train, test = toy(a.data, 50000, rng), toy(a.data, 10000, rng)
    L = float(np.abs(train).max()) + 1.5          # symmetric box with margin for the grid integral
    lo, hi = -L, L
    out = {"torch": torch.__version__, "threads": a.threads, "data": a.data, "steps": a.steps, "batch": a.batch, "results": {}}
    for name in a.only.split(","):
        torch.manual_seed(a.seed)
        model = MLPEnergy()
        extra = []
        if name == "dsm": fn = loss_dsm
        elif name == "ssm": fn = loss_ssm
        elif name == "ssm-vr": fn = lambda m, x: loss_ssm(m, x, vr=True)
        elif name == "exact-sm": fn = loss_exact_sm
        elif name == "nce": fn = NCE(train); extra = [fn.c]
        elif name == "pcd": fn = PCD(lo, hi)
        opt = torch.optim.Adam(list(model.parameters()) + extra, lr=1e-3)
        tt = torch.tensor(train)
        times = []
        for step in range(a.steps):
            if step % 500 == 0: t0 = time.perf_counter()
            x = tt[torch.randint(0, tt.shape[0], (a.batch,))]
            loss = fn(model, x)
            opt.zero_grad(); loss.backward(); opt.step()
            if step % 500 == 499: times.append(500 / (time.perf_counter() - t0))
        nll = exact_nll(model, test, lo, hi)
        r = {"steps_per_s_median": float(np.median(times[1:] if len(times) > 1 else times)), "test_nll": nll, "final_loss": float(loss)}
        out["results"][name] = r
        print(name, json.dumps(r), flush=True)
    # Langevin throughput on the last model: 10,000 chains, 100 steps
    z = torch.rand(10000, 2) * (hi - lo) + lo
    t0 = time.perf_counter()
    for _ in range(100):
        s = score(model, z.detach(), False)
        z = z.detach() + 0.005 * s + 0.1 * torch.randn_like(z)
    out["langevin_chain_steps_per_s"] = 10000 * 100 / (time.perf_counter() - t0)
    print(json.dumps(out))

if __name__ == "__main__":
    main()
