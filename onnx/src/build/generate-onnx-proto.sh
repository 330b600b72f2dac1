#!/usr/bin/env bash
# Generates the Java classes for ONNX's protobuf schema from the copy that Debian's libonnx-dev
# installs, so that the schema we read and write is exactly the one onnx.checker (python3-onnx,
# same source package) validates against.
#
#   generate-onnx-proto.sh OUT_DIR WORK_DIR
#
# The schema is copied into WORK_DIR with a Java package and outer class of our own, and without
# its LITE_RUNTIME option: we use the full protobuf-java runtime (TextFormat in error messages).
set -euo pipefail

out=$1
work=$2
schema=${ONNX_PROTO:-/usr/include/onnx/onnx.proto}

if [[ ! -r $schema ]]; then
  echo "error: $schema is missing; install Debian's libonnx-dev (scripts/packages.sh lists it)" >&2
  exit 1
fi
if ! command -v protoc >/dev/null; then
  echo "error: protoc is missing; install Debian's protobuf-compiler (scripts/packages.sh lists it)" >&2
  exit 1
fi

# Regenerate only when the schema or this script changed: Maven runs this on every build.
stamp=$work/stamp
if [[ -f $stamp && -d $out && $stamp -nt $schema && $stamp -nt ${BASH_SOURCE[0]} ]]; then
  exit 0
fi

rm -rf "$out" "$work"
mkdir -p "$out" "$work"
sed -e '/^option optimize_for/d' \
    -e 's/^package onnx;/package onnx;\noption java_package = "io.github.slim4j.onnx.proto";\noption java_outer_classname = "OnnxProto";/' \
    "$schema" > "$work/onnx.proto"
protoc --proto_path="$work" --java_out="$out" "$work/onnx.proto"
touch "$stamp"
