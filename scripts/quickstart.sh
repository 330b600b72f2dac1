#!/usr/bin/env bash
# The main job: build slim4j, install the Jupyter kernel for this user, and run the quickstart
# notebook with the embedded runner (no Python or Jupyter needed), writing the executed notebook
# and an HTML report to build/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

bash scripts/ensure-packages.sh "${MAIN_PACKAGES[@]}"
mvn -B -q package -DskipTests
bin/slim4j install --user
mkdir -p build
bin/slim4j run notebooks/01-quickstart.ipynb --out build/01-quickstart.ipynb --html build/01-quickstart.html
echo "Executed notebook: build/01-quickstart.ipynb"
echo "HTML report:       build/01-quickstart.html"
