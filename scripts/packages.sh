# The Debian packages slim4j needs, sourced by the scripts that install them.
# Fashion-MNIST for the notebooks and tests; real Jupyter for the end-to-end tests;
# python3-pil so the tests can prove that every PNG output decodes.
MAIN_PACKAGES=(dataset-fashion-mnist)
TEST_PACKAGES=(dataset-fashion-mnist jupyter-client jupyter-nbconvert python3-nbclient python3-jupyter-kernel-test python3-pil)
