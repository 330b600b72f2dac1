#!/usr/bin/env bash
# Every test: the unit tests of each module (Maven, with the big ONNX models made first), then the
# end-to-end tests against real Jupyter from Debian's packages (the kernel test suite, every
# notebook under nbclient and under the embedded runner, bad magic lines).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

bash scripts/ensure-packages.sh "${TEST_PACKAGES[@]}"
# torchvision's ResNet-18 and MobileNetV2 (random weights, 60 MB) are too big to commit: the ONNX
# tests check them against ONNX Runtime when slim4j.bigModels names the folder that holds them.
# The same folder gets grouped.onnx and PyTorch's gradients for it, to check training on the JVM.
/usr/bin/python3 models/make_models.py --big build/models
mvn -B verify -Dslim4j.bigModels="$PWD/build/models"
# Debian's Jupyter packages are only visible to Debian's interpreter, not to a python3 earlier on PATH.
/usr/bin/python3 -m unittest discover --start-directory tests --pattern 'test_*.py' --verbose
