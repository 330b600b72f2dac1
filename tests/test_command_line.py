"""The `bin/slim4j` launcher from a source checkout: install, uninstall, and bad command lines.

Build first (`mvn -B -q package -DskipTests`), then run with /usr/bin/python3.
"""

import json
import os
import subprocess
import tempfile
import unittest

import kernel_env

LAUNCHER = os.path.join(kernel_env.REPO, "bin", "slim4j")


def slim4j(*args):
    return subprocess.run([LAUNCHER, *args], capture_output=True, text=True, timeout=300)


class CommandLineTest(unittest.TestCase):

    def test_install_writes_a_kernelspec_that_jupyter_lists_and_uninstall_removes_it(self):
        with tempfile.TemporaryDirectory() as directory:
            installed = slim4j("install", "--jupyter-path", directory, "--name", "slim4j-cli-test")
            self.assertEqual(0, installed.returncode, installed.stderr)
            spec = os.path.join(directory, "kernels", "slim4j-cli-test")
            with open(os.path.join(spec, "kernel.json"), encoding="utf-8") as file:
                kernel = json.load(file)
            self.assertEqual("Java (slim4j)", kernel["display_name"])
            self.assertEqual("java", kernel["language"])
            self.assertEqual("message", kernel["interrupt_mode"])
            self.assertIn("{connection_file}", kernel["argv"])
            for logo in ("logo-32x32.png", "logo-64x64.png"):
                with open(os.path.join(spec, logo), "rb") as file:
                    self.assertEqual(b"\x89PNG", file.read(4))
            listed = subprocess.run(["/usr/bin/python3", "-m", "jupyter_client.kernelspecapp", "list", "--json"],
                                    capture_output=True, text=True, env=dict(os.environ, JUPYTER_PATH=directory))
            self.assertIn("slim4j-cli-test", json.loads(listed.stdout)["kernelspecs"])

            removed = slim4j("uninstall", "--jupyter-path", directory, "--name", "slim4j-cli-test")
            self.assertEqual(0, removed.returncode, removed.stderr)
            self.assertFalse(os.path.exists(spec))

    def test_a_bad_command_line_gets_one_line_and_exit_code_2(self):
        for args in (["install", "--bogus"], ["frobnicate"], ["run"]):
            with self.subTest(args=args):
                result = slim4j(*args)
                self.assertEqual(2, result.returncode)
                self.assertEqual(1, len(result.stderr.strip().splitlines()), result.stderr)
                self.assertTrue(result.stderr.startswith("slim4j: "), result.stderr)

    def test_help_lists_every_command(self):
        result = slim4j("help")
        self.assertEqual(0, result.returncode)
        for command in ("install", "uninstall", "run", "kernel"):
            self.assertIn(command, result.stdout)


if __name__ == "__main__":
    unittest.main()
