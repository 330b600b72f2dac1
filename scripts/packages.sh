# The Debian packages slim4j needs, sourced by the scripts that install them.
# Building: ONNX's protobuf schema (libonnx-dev) and protoc (protobuf-compiler), from which the
# onnx module generates its Java classes. Fashion-MNIST for the notebooks and tests.
BUILD_PACKAGES=(libonnx-dev protobuf-compiler)
MAIN_PACKAGES=("${BUILD_PACKAGES[@]}" dataset-fashion-mnist)
# Testing: real Jupyter for the end-to-end tests; python3-pil so the tests can prove that every
# PNG output decodes; python3-onnx for onnx.checker, the independent check of exported files;
# PyTorch and torchvision to export the big test models (ResNet-18, MobileNetV2) during the run;
# python3-numpy alone reads the files %save writes, the independent check of their format.
TEST_PACKAGES=("${MAIN_PACKAGES[@]}" jupyter-client jupyter-nbconvert python3-nbclient python3-jupyter-kernel-test
  python3-pil python3-onnx python3-torch python3-torchvision python3-numpy)
