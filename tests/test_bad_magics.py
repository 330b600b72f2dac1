"""Bad magic lines through real Jupyter: each gives its one clear line, and the kernel carries on.

The cases live in tests/notebooks/bad-magics.ipynb: every code cell whose metadata has
slim4j.expected_error must fail with exactly that error value, one line, no Java stack trace;
the cell after it must run; the last cell checks that no variable changed. As Jupyter does, the
kernel starts in the notebook's folder, so relative paths resolve there; "{folder}" in an expected
error stands for that folder's absolute path, "{tests}" for the one above it, "{home}" for the
user's home and "{repo}" for the checkout. Build first
(`mvn -B -q package -DskipTests`), then run with /usr/bin/python3.
"""

import os
import unittest

import nbformat
from jupyter_client.manager import start_new_kernel

import kernel_env
from cell_client import execute, plain

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notebooks")
NOTEBOOK = os.path.join(FOLDER, "bad-magics.ipynb")


class BadMagicLinesTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=120, cwd=FOLDER)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_each_bad_line_gives_its_one_line_error_and_the_kernel_answers_the_next_cell(self):
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
        self.assertGreater(len(cells), 20)
        checked = 0
        for cell in cells:
            expected = cell.metadata.get("slim4j", {}).get("expected_error")
            if expected is not None:
                expected = (expected.replace("{folder}", FOLDER).replace("{tests}", os.path.dirname(FOLDER))
                            .replace("{home}", os.path.realpath(os.path.expanduser("~"))).replace("{repo}", os.path.realpath(kernel_env.REPO)))
            reply, outputs = execute(self.kc, cell.source, km=self.km)
            if expected is None:
                self.assertEqual("ok", reply["status"], "%s\n%s" % (cell.source, reply))
                continue
            with self.subTest(line=cell.source):
                self.assertEqual("error", reply["status"])
                self.assertEqual(expected, reply["evalue"])
                errors = [output for output in outputs if output["msg_type"] == "error"]
                self.assertEqual(1, len(errors), outputs)
                self.assertEqual(expected, errors[0]["content"]["evalue"])
                traceback = [plain(line) for line in errors[0]["content"]["traceback"]]
                self.assertEqual([expected], traceback, "one line, no stack trace")
                self.assertNotIn("null", expected)
                checked += 1
        self.assertEqual(sum(1 for cell in cells if "slim4j" in cell.metadata), checked)
        reply, outputs = execute(self.kc, cells[-1].source)
        results = [output["content"]["data"]["text/plain"] for output in outputs if output["msg_type"] == "execute_result"]
        self.assertEqual(["true"], results, "a failed magic changed a variable")


if __name__ == "__main__":
    unittest.main()
