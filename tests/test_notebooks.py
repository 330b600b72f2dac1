"""Every tutorial in notebooks/ runs, under real Jupyter (nbclient) and under the embedded runner,
and shows what a tutorial promises: HTML tables and PNG charts that decode, and prose whose figures
the outputs bear out (prose_figures).

Build first (`mvn -B -q package -DskipTests`), then run with /usr/bin/python3.
"""

import base64
import glob
import io
import os
import re
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient
from PIL import Image

import kernel_env
import prose_figures

NOTEBOOKS = sorted(glob.glob(os.path.join(kernel_env.REPO, "notebooks", "*.ipynb")))


def rich_outputs(notebook):
    """(HTML tables, PNG images) among the outputs of every code cell."""
    tables, images = [], []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "<table" in data.get("text/html", ""):
                tables.append(data["text/html"])
            if "image/png" in data:
                images.append(base64.b64decode(data["image/png"]))
    return tables, images


class NotebookChecks:
    """Assertions shared by both ways of running a notebook."""

    def assert_ran_with_rich_output(self, notebook):
        errors = [output for cell in notebook.cells for output in cell.get("outputs", []) if output.output_type == "error"]
        self.assertEqual([], errors)
        unrun = [cell.source for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip() and cell.execution_count is None]
        self.assertEqual([], unrun)
        tables, images = rich_outputs(notebook)
        self.assertTrue(tables, "no HTML table in the outputs")
        self.assertTrue(images, "no PNG image in the outputs")
        for png in images:
            image = Image.open(io.BytesIO(png))
            image.load()
            self.assertEqual("PNG", image.format)
            self.assertGreater(image.width * image.height, 0)

    def assert_prose_figures_hold(self, notebook, path):
        """Every figure the markdown states is listed in its cell's metadata and borne out by the outputs."""
        self.assertEqual([], prose_figures.problems(notebook, os.path.basename(path), kernel_env.REPO))


class UnderJupyterTest(unittest.TestCase, NotebookChecks):

    def test_every_notebook_runs_under_nbclient(self):
        self.assertTrue(NOTEBOOKS)
        for path in NOTEBOOKS:
            with self.subTest(notebook=os.path.basename(path)):
                notebook = nbformat.read(path, as_version=4)
                client = NotebookClient(notebook, kernel_name=kernel_env.KERNEL_NAME, timeout=600, startup_timeout=120,
                                        resources={"metadata": {"path": os.path.dirname(path)}})
                client.execute()
                self.assert_ran_with_rich_output(notebook)
                self.assert_prose_figures_hold(notebook, path)


class UnderEmbeddedRunnerTest(unittest.TestCase, NotebookChecks):

    def test_every_notebook_runs_under_the_embedded_runner(self):
        self.assertTrue(NOTEBOOKS)
        for path in NOTEBOOKS:
            with self.subTest(notebook=os.path.basename(path)), tempfile.TemporaryDirectory() as out:
                executed = os.path.join(out, "executed.ipynb")
                report = os.path.join(out, "report.html")
                run = kernel_env.run_slim4j("run", path, "--out", executed, "--html", report, timeout=900)
                self.assertEqual(0, run.returncode, run.stderr)
                notebook = nbformat.read(executed, as_version=4)
                nbformat.validate(notebook)
                self.assert_ran_with_rich_output(notebook)
                self.assert_prose_figures_hold(notebook, path)
                with open(report, encoding="utf-8") as html:
                    page = html.read()
                self.assertIn("<table", page)
                self.assertRegex(page, r'<img[^>]+src="data:image/png;base64,')
                self.assertIsNone(re.search(r'(src|href)="https?://', page), "the report must be self-contained")

    def test_a_failing_cell_stops_the_run_with_its_name_and_error(self):
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "fails.ipynb")
            notebook = nbformat.v4.new_notebook(cells=[
                nbformat.v4.new_code_cell("int x = 1;"),
                nbformat.v4.new_code_cell("%model nosuch"),
                nbformat.v4.new_code_cell("x"),
            ])
            nbformat.write(notebook, path)
            run = kernel_env.run_slim4j("run", path, "--out", path)
            self.assertNotEqual(0, run.returncode)
            self.assertIn("cell 2", run.stderr)
            self.assertIn("%model: MODEL 'nosuch' is not a notebook variable", run.stderr)
            written = nbformat.read(path, as_version=4)
            self.assertIsNone(written.cells[2].execution_count, "cells after the failure are not run")


if __name__ == "__main__":
    unittest.main()
