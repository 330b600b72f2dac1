"""The slim4j kernelspec for the end-to-end tests, installed from the built jar.

Importing this module installs the kernelspec once per test process into a temporary directory
(`slim4j install --jupyter-path DIR`) and puts that directory first on JUPYTER_PATH, so that
jupyter_client, nbclient and jupyter_kernel_test find the kernel named KERNEL_NAME there. It builds
nothing: run `mvn -B -q package -DskipTests` first. The user's own kernelspecs are neither used nor
touched, and the temporary directory is removed when the process exits.

    import kernel_env                      # before starting any kernel
    kernel_env.KERNEL_NAME                 # "slim4j"
    kernel_env.run_slim4j("run", "x.ipynb")  # the command line, from the built jar
"""

import atexit
import glob
import os
import shutil
import subprocess
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_NAME = "slim4j"

# The test notebooks read the checkout's models/ from two folders down (../../models), beyond the
# folders magics may read by default; kernels started from here inherit this.
os.environ["SLIM4J_ALLOWED_PATHS"] = REPO


def kernel_jar():
    """kernel-ext/target/slim4j-kernel-VERSION.jar, the jar with a manifest class path to lib/."""
    jars = [jar for jar in glob.glob(os.path.join(REPO, "kernel-ext", "target", "slim4j-kernel-*.jar"))
            if not jar.endswith(("-sources.jar", "-javadoc.jar", "-tests.jar"))]
    if len(jars) != 1:
        raise RuntimeError("expected one built kernel jar in kernel-ext/target, found %r; "
                           "run `mvn -B -q package -DskipTests` first" % jars)
    return jars[0]


def java():
    java_home = os.environ.get("JAVA_HOME")
    return os.path.join(java_home, "bin", "java") if java_home else "java"


def run_slim4j(*args, **kwargs):
    """Runs `slim4j ARGS...` from the built jar; returns the CompletedProcess (text, captured)."""
    return subprocess.run([java(), "-jar", kernel_jar(), *args], capture_output=True, text=True, **kwargs)


def _install():
    directory = tempfile.mkdtemp(prefix="slim4j-jupyter-path-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    installed = run_slim4j("install", "--jupyter-path", directory, "--name", KERNEL_NAME)
    if installed.returncode != 0:
        raise RuntimeError("installing the kernelspec failed: " + installed.stderr)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [directory, os.environ.get("JUPYTER_PATH")]))
    return directory


JUPYTER_PATH_DIR = _install()
