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


class RealNvp(nn.Module):
    """ebm4j's flow-noise: a standardisation, then 8 affine coupling layers (masks alternating even and odd
    coordinates), each conditioner d -> 64 -> 64 -> 2d with SiLU, log-scales s = b tanh(raw / b), b = 2."""

    def __init__(self, data, layers=8, hidden=64, bound=2.0):
        super().__init__()
        d = data.shape[1]
        self.d, self.bound = d, bound
        self.loc = nn.Parameter(data.mean(0).clone())
        self.log_scale = nn.Parameter(data.std(0).log().clone())
        self.masks = [torch.tensor([1.0 if (i + l) % 2 == 0 else 0.0 for i in range(d)]) for l in range(layers)]
        self.nets = nn.ModuleList()
        for _ in range(layers):
            net = nn.Sequential(nn.Linear(d, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, 2 * d))
            nn.init.zeros_(net[4].weight)
            nn.init.zeros_(net[4].bias)
            self.nets.append(net)
        self.log_normal = -0.5 * d * math.log(2 * math.pi)

    def shift_and_scale(self, l, kept):
        out = self.nets[l](kept)
        comp = 1 - self.masks[l]
        s = torch.tanh(out[:, :self.d] / self.bound) * self.bound * comp
        t = out[:, self.d:] * comp
        return s, t

    def log_prob(self, x):
        y = (x - self.loc) / self.log_scale.exp()
        log_det = -self.log_scale.sum().expand(x.shape[0])
        for l in range(len(self.nets)):
            kept = y * self.masks[l]
            s, t = self.shift_and_scale(l, kept)
            y = kept + (y * s.exp() + t) * (1 - self.masks[l])
            log_det = log_det + s.sum(1)
        return -0.5 * (y ** 2).sum(1) + self.log_normal + log_det

    def sample_with_log_prob(self, n):
        z = torch.randn(n, self.d)
        y = z
        per_row = -0.5 * (z ** 2).sum(1) + self.log_normal
        for l in reversed(range(len(self.nets))):
            kept = y * self.masks[l]
            s, t = self.shift_and_scale(l, kept)
            y = kept + (y - t) * (-s).exp() * (1 - self.masks[l])
            per_row = per_row + s.sum(1)
        return y * self.log_scale.exp() + self.loc, per_row - self.log_scale.sum()


class NceFlow:
    """NCE against the flow (not fitted: the standardisation only, as the ebm4j workload's fit.steps = 0), one noise
    draw per row; with adversarial = True, FCE: the flow's draws and densities carry gradients and it ascends the loss."""

    def __init__(self, data, adversarial=False):
        self.flow = RealNvp(data)
        self.adversarial = adversarial
        for p in self.flow.parameters():
            p.requires_grad_(adversarial)
        self.c = torch.zeros((), requires_grad=True)

    def params(self):
        return [self.c] + (list(self.flow.parameters()) if self.adversarial else [])

    def __call__(self, model, x):
        with torch.set_grad_enabled(self.adversarial):
            y, log_q_y = self.flow.sample_with_log_prob(x.shape[0])
            log_q_x = self.flow.log_prob(x)
        gx = -energy(model, x) - self.c - log_q_x
        gy = -energy(model, y) - self.c - log_q_y
        loss = (F.softplus(-gx) + F.softplus(gy)).mean()
        if self.adversarial:
            # the flow maximises what the EBM minimises: flip its gradients as they arrive
            for p in self.flow.parameters():
                if not hasattr(p, "_ascends"):
                    p.register_hook(lambda g: -g)
                    p._ascends = True
        return loss


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


def conv_net():
    """ebm4j's conv plugin with channels 32-64-64, strides 1-2-2, 3x3 kernels (padding 1), SiLU, a sum-pooled linear
    head, on 1x28x28 images given as rows of 784 pixels."""
    class ConvEnergy(nn.Module):
        def __init__(self):
            super().__init__()
            self.convs = nn.ModuleList([nn.Conv2d(1, 32, 3, 1, 1), nn.Conv2d(32, 64, 3, 2, 1), nn.Conv2d(64, 64, 3, 2, 1)])
            self.head = nn.Linear(64, 1)

        def forward(self, x):
            h = x.view(x.shape[0], 1, IMAGE_SIDE, IMAGE_SIDE)
            for conv in self.convs:
                h = F.silu(conv(h))
            return self.head(h.sum((2, 3)))
    return ConvEnergy()


IMAGE_SIDE = 28


def ms_per_step(d, width, batch, loss, per_round, extra=(), make_model=None, warmup=WARMUP):
    torch.manual_seed(0)
    model = make_model() if make_model else mlp(d, width)
    opt = torch.optim.Adam(list(model.parameters()) + list(extra), lr=1e-3)
    x = torch.randn(batch, d)

    def step():
        value = loss(model, x.clone())
        opt.zero_grad(set_to_none=True)
        value.backward()
        opt.step()

    for _ in range(warmup):
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

    return f"{median_rate(run, 10000 * 100):.0f}\tchain-steps/s"


def median_rate(run, work):
    """work / seconds of run(), the median of 5 calls after one warm-up call."""
    run()
    rates = []
    for _ in range(5):
        t0 = time.perf_counter()
        run()
        rates.append(work / (time.perf_counter() - t0))
    return statistics.median(rates)


def annealed_langevin_images():
    """64 chains of 28x28 images, 10 noise levels from 1 to 0.01, 10 steps each, E(x, sigma) = E(x) / sigma, step
    eps sigma^2 / sigma_L^2 with eps = 2e-5 (ebm4j's annealed-langevin sampler); images x steps per second."""
    torch.manual_seed(0)
    model = conv_net()
    for p in model.parameters():
        p.requires_grad_(False)
    init = torch.rand(64, IMAGE_SIDE * IMAGE_SIDE)
    sigmas = [1.0 * (0.01 / 1.0) ** (i / 9) for i in range(10)]

    def run():
        z = init.clone()
        for sigma in sigmas:
            eps = 2e-5 * sigma ** 2 / sigmas[-1] ** 2
            for _ in range(10):
                s = score(model, z.detach(), False) / sigma
                z = z + 0.5 * eps * s + math.sqrt(eps) * torch.randn_like(z)
        return z

    return f"{median_rate(run, 64 * 100):.1f}\timage-steps/s"


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
    "nce-flow": lambda: with_state(NceFlow, 2, 128, 256, 100),
    "fce": lambda: with_state(lambda data: NceFlow(data, adversarial=True), 2, 128, 256, 100),
    "pcd": lambda: with_state(Pcd, 2, 128, 256, 50),
    "langevin": langevin,
    "dsm-64": lambda: ms_per_step(64, 512, 128, dsm, 50),
    "ssm-64": lambda: ms_per_step(64, 512, 128, ssm, 30),
    "conv-dsm": lambda: ms_per_step(IMAGE_SIDE ** 2, 0, 64, dsm, 10, make_model=conv_net, warmup=10),
    "conv-annealed-langevin": annealed_langevin_images,
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
