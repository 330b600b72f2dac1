"""%save and %load through real Jupyter, with the file read back by numpy alone.

Build first (`mvn -B -q package -DskipTests`), then run with /usr/bin/python3.
"""

import os
import tempfile
import unittest

import numpy as np
from jupyter_client.manager import start_new_kernel

import kernel_env
import read_slim4j_file
from cell_client import execute

SETUP = """
import java.nio.*;
import java.nio.file.*;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

var net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
        .layer(new DenseLayer.Builder().nIn(20).nOut(16).activation(Activation.RELU).biasInit(0.1).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(4).activation(Activation.SOFTMAX).build())
        .build());
net.init();

// The raw float32 bits of a tensor in C order, written by plain Java, for numpy to compare with.
void dump(INDArray values, String path) throws Exception {
    float[] floats = values.dup('c').data().asFloat();
    ByteBuffer bytes = ByteBuffer.allocate(4 * floats.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : floats) bytes.putFloat(f);
    Files.write(Path.of(path), bytes.array());
}

int[] bitsOf(INDArray values) {
    float[] floats = values.dup('c').data().asFloat();
    int[] bits = new int[floats.length];
    for (int i = 0; i < floats.length; i++) bits[i] = Float.floatToRawIntBits(floats[i]);
    return bits;
}
"""


class SaveLoadInJupyterTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="slim4j-save-")
        cls.km, cls.kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=120)
        reply, _ = execute(cls.kc, SETUP)
        assert reply["status"] == "ok", reply

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def run_cell(self, code):
        reply, outputs = execute(self.kc, code)
        self.assertEqual("ok", reply["status"], reply)
        return outputs

    def test_numpy_alone_reads_a_pruned_quantized_network_as_the_notebook_holds_it(self):
        path = os.path.join(self.folder, "net.safetensors")
        self.run_cell("%prune net --sparsity 0.9 --params all\n%quantize net --bits 4 --params all\n%save net " + path)
        for name, key in (("0_W", "0_W"), ("0_b", "0_b"), ("1_W", "1_W"), ("1_b", "1_b")):
            self.run_cell('dump(net.getParam("%s"), "%s")' % (key, os.path.join(self.folder, name + ".bin")))

        tensors, manifest = read_slim4j_file.read(path)
        read = read_slim4j_file.values(path)

        self.assertEqual("MultiLayerNetwork", manifest["kind"])
        self.assertEqual(["0_W", "0_b", "1_W", "1_b"], [tensor["name"] for tensor in manifest["tensors"]])
        self.assertIn("bitmask", [tensor["layout"] for tensor in manifest["tensors"]], "90 % zeros at 4 bits")
        for name in read:
            expected = np.fromfile(os.path.join(self.folder, name + ".bin"), dtype="<f4")
            np.testing.assert_array_equal(expected.view(np.uint32), read[name].astype(np.float32).ravel().view(np.uint32),
                                          err_msg=name)

    def test_a_loaded_network_is_bit_for_bit_the_saved_one_and_a_bad_file_changes_nothing(self):
        path = os.path.join(self.folder, "again.safetensors")
        self.run_cell("%save net " + path + "\n%load again " + path)
        outputs = self.run_cell("java.util.Arrays.equals(bitsOf(net.params()), bitsOf(again.params()))")
        self.assertEqual(["true"], [o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "execute_result"])

        with open(path, "r+b") as f:
            f.truncate(os.path.getsize(path) - 3)
        reply, outputs = execute(self.kc, "%load again " + path)
        self.assertEqual("error", reply["status"])
        self.assertTrue(reply["evalue"].startswith("%load: '" + path + "' is not a file slim4j can read: "), reply["evalue"])
        outputs = self.run_cell("java.util.Arrays.equals(bitsOf(net.params()), bitsOf(again.params()))")
        self.assertEqual(["true"], [o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "execute_result"])


if __name__ == "__main__":
    unittest.main()
