#!/usr/bin/python3
"""PyTorch's own calibration pass on the CNN fixture, as an anchor for OnnxBenchmark.calibrationPass.

Loads models/cnn.onnx's weights into the PyTorch module that made it, then times, on 2 threads, in
one process: plain inference over 1,000 Fashion-MNIST training images in batches of 100, and the
same images through the model prepared with the oneDNN default qconfig (HistogramObserver on every
activation, as models/make_models.py's static PTQ baseline uses). A measurement, not a test.

Usage (from the repository root): /usr/bin/python3 benchmarks/torch_calibration.py
"""
import copy
import os
import sys
import time

import onnx
import torch
from onnx import numpy_helper
from torch.ao.quantization import get_default_qconfig_mapping
from torch.ao.quantization.quantize_fx import prepare_fx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "models"))
import make_models  # noqa: E402


def main():
    torch.set_num_threads(2)
    torch.backends.quantized.engine = "onednn"
    weights = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in onnx.load("models/cnn.onnx").graph.initializer}
    cnn = make_models.Cnn()
    cnn.load_state_dict(weights)
    cnn.eval()
    images = make_models.fashion_mnist()[0][:1000]
    for _ in range(5):
        start = time.perf_counter()
        with torch.no_grad():
            for first in range(0, 1000, 100):
                cnn(images[first:first + 100])
        inference = time.perf_counter() - start
        prepared = prepare_fx(copy.deepcopy(cnn), get_default_qconfig_mapping("onednn"), (images[:1],))
        start = time.perf_counter()
        with torch.no_grad():
            for first in range(0, 1000, 100):
                prepared(images[first:first + 100])
        calibration = time.perf_counter() - start
        print(f"inference {1e3 * inference:.1f} ms, calibration pass {1e3 * calibration:.1f} ms, "
              f"{calibration / inference:.1f}x inference")


if __name__ == "__main__":
    main()
