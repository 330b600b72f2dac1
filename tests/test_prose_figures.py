"""Unit tests of prose_figures on small notebooks made here: pure Python, no kernel.

Run with /usr/bin/python3 tests/test_prose_figures.py.
"""

import glob
import os
import tempfile
import unittest

import nbformat

import prose_figures

COMPARISON = """ model  |  storage bytes  |  accuracy  |
   net  |        940,584  |    85.22%  |
    q8  |        237,904  |    85.16%  |"""


def notebook(markdown, figures=None, derived=None, constants=None, quoted=None, outputs=(COMPARISON,)):
    listed = {key: value for key, value in
              [("figures", figures), ("derived", derived), ("constants", constants), ("quoted", quoted)] if value is not None}
    code = nbformat.v4.new_code_cell("%compare net q8 --data test", execution_count=1, outputs=[
        nbformat.v4.new_output("execute_result", data={"text/plain": text}, execution_count=1) for text in outputs])
    return nbformat.v4.new_notebook(cells=[code, nbformat.v4.new_markdown_cell(markdown, metadata={"slim4j": listed})])


class ListedFiguresTest(unittest.TestCase):

    def test_a_figure_in_the_outputs_passes(self):
        nb = notebook("int8 took 85.22 % to 85.16 %.", figures=["85.22 %", "85.16 %"])
        self.assertEqual([], prose_figures.problems(nb, "nb.ipynb"))

    def test_a_changed_number_fails_naming_notebook_cell_and_figure(self):
        nb = notebook("int8 took 85.22 % to 85.18 %.", figures=["85.22 %", "85.18 %"])
        self.assertEqual(["nb.ipynb, cell 1: figure '85.18 %' matches no number in the outputs"],
                         prose_figures.problems(nb, "nb.ipynb"))

    def test_a_listed_figure_missing_from_the_text_fails(self):
        nb = notebook("int8 lost almost nothing.", figures=["85.16 %"])
        self.assertEqual(["nb.ipynb, cell 1: listed figure '85.16 %' is not in the text"],
                         prose_figures.problems(nb, "nb.ipynb"))

    def test_an_unclassified_figure_fails(self):
        nb = notebook("int8 took 85.22 % to 85.16 %.", figures=["85.22 %"])
        self.assertEqual(["nb.ipynb, cell 1: figure '85.16 %' is not listed in slim4j.figures, derived, constants or quoted"],
                         prose_figures.problems(nb, "nb.ipynb"))

    def test_an_unlisted_cell_with_figures_fails_for_each(self):
        nb = notebook("About 42 dB, 0.40× the time, 3 bits, 108 KB, 2 ms and 1.5 MB.")
        self.assertEqual(["42 dB", "0.40 ×", "3 bits", "108 KB", "2 ms", "1.5 MB"],
                         [problem.split("'")[1] for problem in prose_figures.problems(nb, "nb.ipynb")])

    def test_constants_classify_format_facts_without_outputs(self):
        nb = notebook("fp8 saturates at ±448 and spends 2 bits per weight on scales.", constants=["2 bits"])
        self.assertEqual([], prose_figures.problems(nb, "nb.ipynb"))

    def test_quoted_figures_must_be_in_the_file_they_cite(self):
        with tempfile.TemporaryDirectory() as root:
            with open(os.path.join(root, "README.md"), "w", encoding="utf-8") as readme:
                readme.write("| ResNet | **90.50 %** | 3.2× faster |\n")
            nb = notebook("Full data: 90.50 % and 3.2× faster, or 91.20 %.",
                          quoted={"90.50 %": "README.md", "3.2×": "README.md", "91.20 %": "README.md"})
            self.assertEqual(["nb.ipynb, cell 1: quoted figure '91.20 %' is not in README.md"],
                             prose_figures.problems(nb, "nb.ipynb", root))
            self.assertEqual([], prose_figures.problems(nb, "nb.ipynb"), "without the repository, quoted is a label")


class MatchingTest(unittest.TestCase):

    def test_a_whole_figure_matches_numbers_that_round_to_it(self):
        for output, matches in [("16.5", True), ("17.49", True), ("16.49", False), ("17.5", False)]:
            with self.subTest(output=output):
                self.assertEqual(matches, prose_figures.matches_output("17 dB", prose_figures.output_numbers(
                    notebook("", outputs=[f"SQNR {output}"]))))

    def test_decimals_set_the_precision(self):
        numbers = prose_figures.output_numbers(notebook("", outputs=["3.725 and 84.915"]))
        self.assertTrue(prose_figures.matches_output("3.7 bits", numbers))
        self.assertTrue(prose_figures.matches_output("3.73 bits", numbers), "half up: 3.725 is 3.73")
        self.assertTrue(prose_figures.matches_output("84.92 %", numbers))
        self.assertFalse(prose_figures.matches_output("84.91 %", numbers))
        self.assertFalse(prose_figures.matches_output("3.72 bits", numbers))

    def test_a_percentage_matches_a_fraction_but_other_units_do_not(self):
        numbers = prose_figures.output_numbers(notebook("", outputs=["accuracy 0.8522"]))
        self.assertTrue(prose_figures.matches_output("85.22 %", numbers))
        self.assertFalse(prose_figures.matches_output("85.22 dB", numbers))

    def test_thousands_separators_and_html_are_read(self):
        html = "<table><tr><td>1,066,440</td><td>98.7%</td></tr></table>"
        nb = notebook("", outputs=[])
        nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
        numbers = prose_figures.output_numbers(nb)
        self.assertIn(prose_figures.Decimal("1066440"), numbers)
        self.assertTrue(prose_figures.matches_output("99 %", numbers))

    def test_dimensions_versions_and_code_are_not_figures(self):
        markdown = "28×28 images, 784 = 16 × 49, int8, fp8-e4m3, Q0.7, 2^-n, 784 → 128, ResNet-18, `--lr 0.0002`."
        self.assertEqual([], prose_figures.prose_figures(markdown))

    def test_figures_are_found_with_their_units(self):
        self.assertEqual([("85.22", "%"), ("0.40", "×"), ("6.04", "bits"), ("1,024", "KB"), ("99.99", "")],
                         prose_figures.prose_figures("85.22 % in 0.40× the time, 6.04 bits, 1,024 KB, the 99.99th"))


class DerivedTest(unittest.TestCase):

    def test_a_difference_of_figures_is_checked_at_its_precision(self):
        nb = notebook("85.22 % became 85.16 %, 0.06 points less.", figures=["85.22 %", "85.16 %"],
                      derived={"0.06": "85.22 - 85.16"})
        self.assertEqual([], prose_figures.problems(nb, "nb.ipynb"))

    def test_a_wrong_derivation_fails(self):
        nb = notebook("85.22 % became 85.16 %, 0.07 points less.", figures=["85.22 %", "85.16 %"],
                      derived={"0.07": "85.22 - 85.16"})
        self.assertEqual(["nb.ipynb, cell 1: derived figure '0.07' is not 85.22 - 85.16 = 0.06"],
                         prose_figures.problems(nb, "nb.ipynb"))

    def test_kilobytes_from_the_bytes_of_the_outputs(self):
        nb = notebook("It takes 238 KB.", derived={"238 KB": "237904 / 1000"})
        self.assertEqual([], prose_figures.problems(nb, "nb.ipynb"))

    def test_a_number_from_nowhere_fails(self):
        nb = notebook("It lost 0.06 points.", derived={"0.06": "85.23 - 85.17"})
        self.assertIn("85.23 is neither a listed figure, a number of the outputs nor whole",
                      prose_figures.problems(nb, "nb.ipynb")[0])

    def test_only_arithmetic_is_evaluated(self):
        for expression in ["__import__('os').getcwd()", "85.22 ** 2", "len('ab')", "85.22 if 1 else 2"]:
            with self.subTest(expression=expression), self.assertRaises(ValueError):
                prose_figures.evaluate(expression, set())
        self.assertEqual(prose_figures.Decimal("-0.5"), prose_figures.evaluate("−(3 − 2) / 2", set()))


class TutorialsTest(unittest.TestCase):
    """What can be checked of the committed tutorials without running them; test_notebooks.py checks the rest."""

    def test_every_figure_of_the_tutorials_is_listed_and_in_its_text(self):
        paths = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notebooks", "*.ipynb")))
        self.assertTrue(paths)
        for path in paths:
            with self.subTest(notebook=os.path.basename(path)):
                self.assertEqual([], prose_figures.listing_problems(nbformat.read(path, as_version=4), os.path.basename(path)))

    def test_listing_needs_no_outputs_but_catches_an_unlisted_figure(self):
        nb = notebook("85.22 % and 85.16 %.", figures=["85.22 %"], outputs=[])
        self.assertEqual(["nb.ipynb, cell 1: figure '85.16 %' is not listed in slim4j.figures, derived, constants or quoted"],
                         prose_figures.listing_problems(nb, "nb.ipynb"))


if __name__ == "__main__":
    unittest.main()
