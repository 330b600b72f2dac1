"""ONNX Runtime inside the kernel, under real Jupyter and under the embedded runner.

ONNX Runtime 1.29.0 crashes the JVM (SIGSEGV, no message) when the process's command line is
longer than about 4 KB, which the kernelspec's old `-cp` was. These tests start the kernel the way
Jupyter does, from the installed kernelspec, and run a model through ONNX Runtime's own Java API
and through `%parity`, which runs the export in ONNX Runtime. Build first
(`mvn -B -q package -DskipTests`), then run with /usr/bin/python3.
"""

import json
import os
import tempfile
import unittest

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

import kernel_env
from cell_client import execute

MLP = os.path.join(kernel_env.REPO, "models", "mlp.onnx")
CNN = os.path.join(kernel_env.REPO, "models", "cnn.onnx")

# ONNX Runtime's own API on the MLP fixture: one image of zeros in, ten logits out.
ORT_CELL = """
var environment = ai.onnxruntime.OrtEnvironment.getEnvironment();
var session = environment.createSession("%s", new ai.onnxruntime.OrtSession.SessionOptions());
var zeros = ai.onnxruntime.OnnxTensor.createTensor(environment, new float[1][784]);
var result = session.run(java.util.Map.of(session.getInputNames().iterator().next(), zeros));
((float[][]) result.get(0).getValue())[0].length
""" % MLP

# %parity exports the calibrated model in memory and runs it in ONNX Runtime.
PARITY_CELLS = [
    "%%load cnn %s" % CNN,
    "var images = io.github.slim4j.core.data.FashionMnist.test().subset(200).batchSize(100).images().iterator();",
    "%quantize cnn --bits 8 --as q --chart none",
    "%calibrate q --data images --chart none",
    "%parity q --data images --chart none",
]


class KernelspecLaunchLineTest(unittest.TestCase):

    def test_the_kernelspec_command_line_is_short(self):
        spec = KernelSpecManager().get_kernel_spec(kernel_env.KERNEL_NAME)
        self.assertLess(len(" ".join(spec.argv)), 1024, spec.argv)
        self.assertTrue(any(arg.startswith("@") for arg in spec.argv), spec.argv)


class OnnxRuntimeUnderJupyterTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=120)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_onnx_runtime_runs_a_model_and_the_kernel_stays_up(self):
        reply, outputs = execute(self.kc, ORT_CELL, km=self.km)
        self.assertEqual("ok", reply["status"], reply)
        results = [o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "execute_result"]
        self.assertEqual(["10"], results)
        reply, _ = execute(self.kc, "1 + 1", km=self.km)
        self.assertEqual("ok", reply["status"])

    def test_parity_runs_the_export_in_onnx_runtime(self):
        for cell in PARITY_CELLS:
            reply, outputs = execute(self.kc, cell, timeout=300, km=self.km)
            self.assertEqual("ok", reply["status"], "%s\n%s" % (cell, reply))
        shown = "".join(o["content"]["data"].get("text/plain", "") for o in outputs
                        if o["msg_type"] in ("display_data", "execute_result"))
        self.assertIn("top-1 agreement", shown)


class OnnxRuntimeUnderTheEmbeddedRunnerTest(unittest.TestCase):

    def test_the_same_cells_run_under_bin_slim4j_run(self):
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(ORT_CELL)] + [nbformat.v4.new_code_cell(c) for c in PARITY_CELLS]
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "ort.ipynb")
            nbformat.write(notebook, path)
            out = os.path.join(folder, "out.ipynb")
            run = kernel_env.run_slim4j("run", path, "--out", out, timeout=600)
            self.assertEqual(0, run.returncode, run.stderr)
            with open(out) as executed_file:
                executed = json.load(executed_file)
            self.assertEqual(["10"], executed["cells"][0]["outputs"][0]["data"]["text/plain"])


if __name__ == "__main__":
    unittest.main()
