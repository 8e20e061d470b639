"""The PyTorch twin of CoreBenchmark's DSM step: same model, batch, loss and optimiser, timed the same way.
Run with Debian's PyTorch: /usr/bin/python3 benchmarks/torch/dsm_step.py [--threads 1]"""
import argparse, statistics, time
import torch
import torch.nn as nn

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=1)
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 128), nn.SiLU(), nn.Linear(128, 128), nn.SiLU(), nn.Linear(128, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.randn(256, 2)
sigma = 0.1

def step():
    eps = torch.randn_like(x)
    noisy = (x + sigma * eps).requires_grad_(True)
    e = model(noisy).squeeze(-1)
    g, = torch.autograd.grad(e.sum(), noisy, create_graph=True)
    loss = 0.5 * ((eps - sigma * g) ** 2).sum(1).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()

for _ in range(300):
    step()
rounds = []
for _ in range(7):
    t0 = time.perf_counter()
    for _ in range(200):
        loss = step()
    rounds.append((time.perf_counter() - t0) * 1e3 / 200)
print(f"torch {torch.__version__} threads={a.threads} DSM step ms: median {statistics.median(rounds):.3f} "
      f"(min {min(rounds):.3f}, max {max(rounds):.3f} over 7 rounds of 200 steps); loss {loss:.4f}")
