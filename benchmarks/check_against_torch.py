#!/usr/bin/python3
"""Issue 12's end-to-end comparisons: slim4j's whole magics against PyTorch's bare work, in one run.

Runs PyTorch 1.13 (Debian's python3-torch) on one thread, as issue 12 measured it, twice: as a
PyTorch user runs it (glibc's defaults), and with the transparent huge pages slim4j's launchers ask
glibc for, since new memory's page faults are a large share of both sides' time on these machines.
Then the magics through MagicSequenceCheck (benchmarks.jar) with the launchers' allocator settings.
It prints each pair with both ratios and the issue's target. A measurement, not a test: the machine
is shared, so run it on a quiet machine and read the ratios, not the times.

Usage (from the repository root, after `mvn -B -q package -DskipTests`):
    /usr/bin/python3 benchmarks/check_against_torch.py [--billion]

--billion adds in-place %model, %prune and %quantize on a 1B-parameter state dict (4 GB of floats).
"""
import json
import os
import subprocess
import sys
import time

import torch
from torch.nn.utils import prune

REPEATS = 5
LAUNCHER_ENVIRONMENT = {
    "MALLOC_MMAP_THRESHOLD_": "1073741824",
    "MALLOC_TRIM_THRESHOLD_": "1073741824",
    "MALLOC_TOP_PAD_": "268435456",
    "GLIBC_TUNABLES": "glibc.malloc.hugetlb=1",
}
HUGE_PAGES = {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"}


def best_of(work, setup=lambda: None, repeats=REPEATS, warmups=2):
    """The fastest of the timed calls after the warm-up calls; setup runs untimed before each."""
    times = []
    for i in range(repeats + warmups):
        state = setup()
        start = time.perf_counter()
        work(state)
        if i >= warmups:
            times.append(time.perf_counter() - start)
    return min(times) * 1000


def holder(weight):
    module = torch.nn.Module()
    module.weight = torch.nn.Parameter(weight.clone())
    return module


def per_channel_fake_quant(weight):
    """Symmetric int8 per output channel: the scale from each row's largest magnitude, as PyTorch's
    PerChannelMinMaxObserver with torch.per_channel_symmetric chooses it."""
    scale = (weight.abs().amax(dim=1) / 127.5).clamp(min=torch.finfo(torch.float32).eps)
    zero = torch.zeros(weight.shape[0], dtype=torch.int32)
    return torch.fake_quantize_per_channel_affine(weight, scale, zero, 0, -128, 127)


def torch_figures():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    figures = {}
    ten_million = torch.randn(10_000_000)
    figures["prune10m_ms"] = best_of(lambda m: prune.l1_unstructured(m, "weight", amount=0.5),
                                     lambda: holder(ten_million))
    hundred_million = torch.randn(10_000, 10_000)
    scale = (hundred_million.abs().amax(dim=1) / 127.5)
    zero = torch.zeros(10_000, dtype=torch.int32)
    figures["quantize100m_ms"] = best_of(
        lambda _: torch.fake_quantize_per_channel_affine(hundred_million, scale, zero, 0, -128, 127))
    del hundred_million
    state_dict = [torch.randn(4096, 2048) for _ in range(12)]

    def prune_and_quantize(modules):
        prune.global_unstructured([(m, "weight") for m in modules], prune.L1Unstructured, amount=0.5)
        for weight in state_dict:
            per_channel_fake_quant(weight)

    # Tens of seconds a call: two calls, the first already past any warm-up.
    figures["sequence_total_ms"] = best_of(prune_and_quantize, lambda: [holder(w) for w in state_dict], repeats=2, warmups=0)
    return figures


def torch_figures_in(extra_environment):
    """torch_figures() in a new process, since glibc reads its settings when a process starts."""
    output = subprocess.run([sys.executable, __file__, "--torch-only"], env=dict(os.environ, **extra_environment),
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def slim4j_figures(checks):
    jar = os.path.join("benchmarks", "target", "benchmarks.jar")
    environment = dict(os.environ, **LAUNCHER_ENVIRONMENT)
    # The launchers' JVM options too: the memory limits a kernel runs with.
    output = subprocess.run(["java", "-Djava.awt.headless=true", "-XX:MaxRAMPercentage=25",
                             "-Dorg.bytedeco.javacpp.maxPhysicalBytes=300%", "-cp", jar,
                             "io.github.slim4j.benchmarks.MagicSequenceCheck", *checks],
                            env=environment, check=True, capture_output=True, text=True).stdout
    figures = {}
    for line in output.splitlines():
        name, _, value = line.partition(" ")
        try:
            figures[name] = float(value)
        except ValueError:
            pass
    return figures


def main():
    if "--torch-only" in sys.argv[1:]:
        print(json.dumps(torch_figures()))
        return
    billion = "--billion" in sys.argv[1:]
    plain = torch_figures_in({})
    huge = torch_figures_in(HUGE_PAGES)
    ours = slim4j_figures(["prune10m", "quantize100m", "sequence"] + (["billion"] if billion else []))
    print("PyTorch on 1 thread, as users run it (glibc defaults) and with slim4j's huge-page setting;")
    print("slim4j's magics with its launchers' settings, rendering included. Times in ms; 'x' = PyTorch / slim4j.")
    print(f"{'comparison':<50}{'torch':>8}{'torch+hp':>9}{'slim4j':>8}{'x':>7}{'x hp':>7}{'target':>8}")
    for name, what, target in [
            ("prune10m_ms", "%prune 10M --as vs l1_unstructured", 5),
            ("quantize100m_ms", "%quantize 100M per channel --as vs fake_quantize", 3),
            ("sequence_total_ms", "six magics, 100M state dict vs global L1 + fq", 3)]:
        print(f"{what:<50}{plain[name]:>8.0f}{huge[name]:>9.0f}{ours[name]:>8.0f}"
              f"{plain[name] / ours[name]:>6.1f}x{huge[name] / ours[name]:>6.1f}x{target:>7}x")
    for magic in ["model", "prune", "quantize", "sparsity", "bitwidth", "compare"]:
        print(f"  %{magic:<65}{ours['sequence_' + magic + '_ms']:>8.0f}")
    growth = ours["sequence_peak_growth_mb"] / ours["sequence_model_mb"]
    print(f"{'peak resident growth over the sequence, x the model float32 bytes':<75}{growth:>6.2f}x{'<= 3':>8}")
    if billion:
        for magic in ["model", "prune", "quantize"]:
            print(f"  1B parameters, %{magic} in place: {ours['billion_' + magic + '_ms']:.0f} ms")
        print(f"  1B parameters, peak resident growth: {ours['billion_peak_growth_mb']:.0f} MB "
              f"over {ours['billion_model_mb']:.0f} MB of floats")


if __name__ == "__main__":
    main()
