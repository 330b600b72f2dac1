#!/usr/bin/env bash
# Every test: the unit tests of each module (Maven), then the end-to-end tests against real
# Jupyter from Debian's packages (the kernel test suite, every notebook under nbclient and under
# the embedded runner, bad magic lines).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

bash scripts/ensure-packages.sh "${TEST_PACKAGES[@]}"
mvn -B verify
# Debian's Jupyter packages are only visible to Debian's interpreter, not to a python3 earlier on PATH.
/usr/bin/python3 -m unittest discover --start-directory tests --pattern 'test_*.py' --verbose
