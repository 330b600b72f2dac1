"""slim4j's magics through real Jupyter: results kept in typed variables, progress updated in
place, an interrupt that stops a long magic cleanly, and the timing magics.

Build first (`mvn -B -q package -DskipTests`), then run with /usr/bin/python3.
"""

import re
import threading
import time
import unittest

from jupyter_client.manager import start_new_kernel

import kernel_env
from cell_client import execute

SETUP = """
import io.github.slim4j.core.data.FashionMnist;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

var train = FashionMnist.train().subset(2000).seed(3).batchSize(50).iterator();
var net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
        .layer(new DenseLayer.Builder().nIn(784).nOut(64).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(64).nOut(10).activation(Activation.SOFTMAX).build())
        .build());
net.init();
"""


def results(outputs):
    return [output["content"]["data"]["text/plain"] for output in outputs if output["msg_type"] == "execute_result"]


class MagicsInJupyterTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=120)
        reply, _ = execute(cls.kc, SETUP)
        assert reply["status"] == "ok", reply

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_as_defines_a_variable_the_next_cell_uses_without_a_cast(self):
        reply, _ = execute(self.kc, "var before = net.params().dup();\n%train net --data train --as trained")
        self.assertEqual("ok", reply["status"], reply)
        reply, outputs = execute(self.kc, "trained.getLayer(0).numParams() + \" \" + java.util.Arrays.equals(net.params().toFloatVector(), before.toFloatVector())")
        self.assertEqual("ok", reply["status"], reply)
        self.assertEqual(["50240 true"], results(outputs), "trained is a MultiLayerNetwork, net is untouched")

    def test_an_assigned_magic_gives_a_table(self):
        reply, outputs = execute(self.kc, "var table = %model net --chart none\ntable.rowCount()")
        self.assertEqual("ok", reply["status"], reply)
        self.assertEqual(["5"], results(outputs))

    def test_progress_is_one_display_updated_in_place(self):
        reply, outputs = execute(self.kc, "%evaluate net --data train")
        self.assertEqual("ok", reply["status"], reply)
        bars = [output for output in outputs if output["msg_type"] == "display_data"
                and output["content"].get("transient", {}).get("display_id")]
        self.assertEqual(1, len(bars))
        bar_id = bars[0]["content"]["transient"]["display_id"]
        updates = [output for output in outputs if output["msg_type"] == "update_display_data"]
        self.assertTrue(updates)
        self.assertTrue(all(update["content"]["transient"]["display_id"] == bar_id for update in updates))
        self.assertIn("100%", updates[-1]["content"]["data"]["text/plain"])

    def test_an_interrupt_stops_a_long_magic_cleanly_and_the_kernel_carries_on(self):
        timer = threading.Timer(4.0, self.km.interrupt_kernel)
        timer.start()
        started = time.monotonic()
        reply, outputs = execute(self.kc, "%train net --data train --epochs 500")
        timer.cancel()
        self.assertLess(time.monotonic() - started, 60)
        self.assertEqual("error", reply["status"])
        self.assertRegex(reply["evalue"], r"^%train: interrupted after [\d,]+ batches; net keeps the weights of the last finished batch$")
        tables = [output for output in outputs if output["msg_type"] == "display_data" and "interrupted" in output["content"]["data"].get("text/plain", "")]
        self.assertTrue(tables, "the table of what was done is shown")
        reply, outputs = execute(self.kc, "1 + 1")
        self.assertEqual(["2"], results(outputs))

    def test_an_interrupted_schedule_keeps_its_last_completed_step_and_says_so(self):
        timer = threading.Timer(4.0, self.km.interrupt_kernel)
        timer.start()
        reply, _ = execute(self.kc, "%prune net --schedule agp --final 0.9 --steps 200 --train train --as scheduled")
        timer.cancel()
        self.assertEqual("error", reply["status"])
        match = re.fullmatch(r"%prune: interrupted; scheduled keeps the end of step (\d+) of 200", reply["evalue"])
        self.assertIsNotNone(match, reply["evalue"])
        reply, outputs = execute(self.kc, "scheduled.getLayer(0).numParams() > 0")
        self.assertEqual(["true"], results(outputs), "the interrupted copy is kept in its variable")

    def test_time_prints_ipythons_lines_keeps_a_declaration_and_times_a_magic(self):
        reply, outputs = execute(self.kc, "%time var timedTable = %model net --chart none")
        self.assertEqual("ok", reply["status"], reply)
        printed = "".join(output["content"]["text"] for output in outputs if output["msg_type"] == "stream")
        self.assertRegex(printed, r"CPU times: user .+, sys: .+, total: .+\nProcess CPU time: .+\nWall time: .+")
        reply, outputs = execute(self.kc, "timedTable.rowCount()")
        self.assertEqual(["5"], results(outputs))

    def test_timeit_cell_reports_mean_and_deviation_of_its_runs(self):
        reply, outputs = execute(self.kc, "%%timeit -n 3 -r 2 var x = Nd4j.rand(64, 784);\nnet.output(x);")
        self.assertEqual("ok", reply["status"], reply)
        printed = "".join(output["content"]["text"] for output in outputs if output["msg_type"] == "stream")
        # IPython's warning comes first when the slowest run took over 4× the fastest, as the first
        # run's JIT compilation can make it.
        self.assertRegex(printed, r"^(The slowest run took \S+ times longer than the fastest\. This could mean that an "
                                  r"intermediate result is being cached\.\n)?"
                                  r"\S+ \S+ ± \S+ \S+ per loop \(mean ± std\. dev\. of 2 runs, 3 loops each\)\n")


if __name__ == "__main__":
    unittest.main()
