"""The slim4j kernel against the Jupyter messaging protocol, through real jupyter_client.

Run after building (the tests build nothing):

    mvn -B -q package -DskipTests
    /usr/bin/python3 -m unittest discover --start-directory tests --pattern 'test_kernel_protocol.py' --verbose

Slim4jKernelTests is Jupyter's own conformance suite (jupyter_kernel_test, Debian's
python3-jupyter-kernel-test) with every sample defined, so none of its tests is skipped.
Slim4jSessionTests covers what that suite does not: interrupts, magic assignments and how errors
read.
"""

import time
import unittest
from queue import Empty

import kernel_env
import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel
from jupyter_kernel_test.msgspec_v5 import validate_message

TIMEOUT = 60


class Slim4jKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = kernel_env.KERNEL_NAME
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Math.ma", "matches": ["max("]},
        {"text": "%lsma", "matches": ["lsmagic"]},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "System.out.println(x);", "%lsmagic", "var t = %lsmagic"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y =", "Math.max(1,", "/* a comment"]
    invalid_code_samples = ["int x = ;", "}", "x +* y;"]

    code_page_something = "String?"
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"slim" + 4 + "j"', "result": "slim4j"},
        {"code": "Math.max(2, 3)", "result": "3"},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
    ]
    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": 'display(Table.create("empty"));', "mime": "text/html"},
        {"code": "var chart = new org.knowm.xchart.XYChartBuilder().width(320).height(200).build();\n"
                 'chart.addSeries("squares", new double[] {1, 2, 3}, new double[] {1, 4, 9});\n'
                 "display(chart);",
         "mime": "image/png"},
    ]
    code_history_pattern = "Math.max*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_clear_output = "clearOutput();"


class Slim4jSessionTests(unittest.TestCase):
    """One kernel for several cells, driven the way a notebook frontend drives it."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=TIMEOUT)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def execute(self, code, interrupt_after=None):
        """Runs a cell; returns (reply content, [(msg_type, content)] of its iopub outputs)."""
        msg_id = self.kc.execute(code)
        if interrupt_after is not None:
            time.sleep(interrupt_after)
            self.km.interrupt_kernel()
        reply = self.reply_to(msg_id)
        outputs = []
        while True:
            message = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                return reply["content"], outputs
            if message["msg_type"] not in ("status", "execute_input"):
                outputs.append((message["msg_type"], message["content"]))

    def reply_to(self, msg_id):
        """The shell reply to msg_id, skipping others (start_new_kernel may leave kernel_info replies)."""
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def value_of(self, code):
        reply, outputs = self.execute(code)
        self.assertEqual(reply["status"], "ok", outputs)
        results = [content["data"]["text/plain"] for kind, content in outputs if kind == "execute_result"]
        self.assertEqual(len(results), 1, outputs)
        return results[0]

    def error_of(self, code, **kwargs):
        reply, outputs = self.execute(code, **kwargs)
        self.assertEqual(reply["status"], "error", outputs)
        errors = [content for kind, content in outputs if kind == "error"]
        self.assertEqual(len(errors), 1, outputs)
        return reply, errors[0]

    def test_interrupting_a_sleep_ends_the_cell_and_keeps_the_kernel(self):
        started = time.monotonic()
        reply, error = self.error_of("Thread.sleep(600000);", interrupt_after=1.0)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertEqual(error["evalue"], "Interrupted")
        self.assertEqual(self.value_of("1 + 1"), "2")

    def test_interrupting_a_busy_loop_stops_it_and_keeps_the_kernel(self):
        self.value_of("int spins = 0; spins")
        reply, error = self.error_of("while (true) { spins++; }", interrupt_after=1.0)
        self.assertEqual(error["ename"], "Interrupted")
        self.assertEqual(self.value_of("1 + 1"), "2")

    def test_a_magic_assigned_to_a_variable_gives_a_table(self):
        reply, outputs = self.execute("var magics = %lsmagic")
        self.assertEqual(reply["status"], "ok", outputs)
        self.assertIn("display_data", [kind for kind, _ in outputs])
        self.assertEqual(self.value_of("magics.getClass().getSimpleName()"), "Table")
        self.assertGreater(int(self.value_of("magics.rowCount()")), 0)

    def test_a_bad_magic_is_one_line(self):
        reply, error = self.error_of("%nosuchmagic net")
        self.assertEqual(error["ename"], "MagicError")
        self.assertEqual(len(error["traceback"]), 1)
        self.assertIn("unknown magic %nosuchmagic", error["evalue"])

    def test_a_runtime_exception_shows_a_java_trace(self):
        self.execute('int half(int n) {\n    if (n % 2 != 0) throw new IllegalArgumentException("odd: " + n);\n    return n / 2;\n}')
        reply, error = self.error_of("half(3)")
        self.assertEqual(error["ename"], "IllegalArgumentException")
        self.assertEqual(error["evalue"], "odd: 3")
        trace = "\n".join(error["traceback"])
        self.assertIn("java.lang.IllegalArgumentException: odd: 3", trace)
        self.assertIn("at half(#", trace)
        self.assertNotIn("jdk.internal.reflect", trace)

    def test_an_exception_without_a_message_is_named_by_its_class(self):
        reply, error = self.error_of("throw new UnsupportedOperationException();")
        self.assertEqual(error["evalue"], "java.lang.UnsupportedOperationException")

    def test_a_compile_error_shows_javacs_message(self):
        reply, error = self.error_of('int count = "three";')
        self.assertEqual(error["ename"], "CompilationException")
        self.assertIn("incompatible types", error["evalue"])
        self.assertTrue(any('"three"' in line for line in error["traceback"]))

    def test_comm_info_reply_follows_the_protocol(self):
        msg_id = self.kc.comm_info()
        reply = self.reply_to(msg_id)
        validate_message(reply, "comm_info_reply", msg_id)
        self.assertEqual(reply["content"]["comms"], {})

    def test_silent_execution_shows_nothing_and_is_not_numbered(self):
        count_before = self.reply_to(self.kc.execute("1"))["content"]["execution_count"]
        msg_id = self.kc.execute('System.out.println("quiet"); 5', silent=True)
        reply = self.reply_to(msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        published = []
        try:
            while True:
                message = self.kc.get_iopub_msg(timeout=2)
                if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] != "status":
                    published.append(message["msg_type"])
        except Empty:
            pass
        self.assertEqual(published, [])
        self.assertEqual(self.reply_to(self.kc.execute("2"))["content"]["execution_count"], count_before + 1)


if __name__ == "__main__":
    unittest.main()
