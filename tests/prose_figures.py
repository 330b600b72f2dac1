"""Checks the figures a tutorial's prose states against the notebook's executed outputs.

A markdown cell lists its figures in its metadata, under `slim4j`:

- `figures`: run-specific figures, e.g. ["84.16 %", "6.04 bits"]. Each must occur verbatim in the
  cell and match a number in the code cells' outputs: a figure with d decimals matches an output
  number that rounds to it at d decimals ("17 dB" matches 16.5 up to 17.49...), and a percentage
  also matches a fraction (0.8522 for "85.22 %"). Thousands separators and units are ignored.
- `derived`: {"0.06": "85.22 - 85.16", "121 KB": "120528 / 1000"}, a figure computed with + - * /
  and parentheses from listed figures' numbers, numbers of the outputs and whole numbers (unit
  factors, code ranges); the result, rounded at the figure's precision, must equal it.
- `constants`: figures that do not depend on the run (format facts, the sparsity asked for).
- `quoted`: {"90.50 %": "README.md"}, figures of runs made elsewhere (full data sets, bigger
  models), with the repository file that reports them; the file must hold the number.

Every number in a markdown cell that looks like a figure (a decimal number, or a number followed by
%, dB, KB, MB, ms, × or bits) must be in one of these, so no unchecked figure slips in. Inline code
and code blocks are commands, not figures, and are not scanned.

Pure Python (stdlib only) so that it runs on any notebook as nbformat or plain JSON gives it.
"""

import ast
import os
import re
from decimal import Decimal, ROUND_HALF_UP

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number not glued to a word, an exponent or a version ("int8", "Q0.7", "2^-n", "ResNet-18"), nor
# the start of one ("1e4", "1.2.3").
_PROSE_NUMBER = re.compile(r"(?<![\w.^\-/])(" + _NUMBER + r")(?![\w.]*\d)")
# A unit right after a number; "×" only as a ratio ("0.40×"), not a dimension ("28×28", "16 × 49").
_UNIT = re.compile(r"\s?(%|dB\b|KB\b|MB\b|ms\b|bits?\b|×(?!\s*\d))")
_OUTPUT_NUMBER = re.compile(r"(?<![\w.])(" + _NUMBER + r")([eE][-+]?\d+)?")
_CODE = re.compile(r"```.*?```|`[^`]*`", re.S)
_LISTED_FIGURE = re.compile(r"^\s*[−±-]?(" + _NUMBER + r")\s?(.*?)\s*$")


def _text(source):
    return "".join(source) if isinstance(source, list) else source


def _decimal(number):
    return Decimal(number.replace(",", ""))


def _decimals(number):
    return len(number.split(".")[1]) if "." in number else 0


def parse_figure(figure):
    """(number as Decimal, decimals, unit) of a listed figure such as "84.16 %" or "17 dB"."""
    match = _LISTED_FIGURE.match(figure)
    if not match:
        raise ValueError(f"figure {figure!r} does not start with a number")
    return _decimal(match.group(1)), _decimals(match.group(1)), match.group(2)


def rounds_to(value, number, decimals):
    """Whether value, rounded half up at the given decimals, is number."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP) == number


def prose_figures(markdown):
    """The figure-like tokens of a markdown text, as (number, unit) in order, code spans left out."""
    prose = _CODE.sub(" ", markdown)
    found = []
    for match in _PROSE_NUMBER.finditer(prose):
        number = match.group(1)
        unit = _UNIT.match(prose, match.end())
        if unit or "." in number:
            found.append((number, unit.group(1) if unit else ""))
    return found


def output_numbers(notebook):
    """Every number in the code cells' outputs (text/plain, text/html and streams), as Decimals."""
    numbers = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")]
            data = output.get("data", {})
            texts += [data.get("text/plain", ""), data.get("text/html", "")]
            for text in texts:
                for match in _OUTPUT_NUMBER.finditer(_text(text)):
                    value = _decimal(match.group(1))
                    numbers.add(value.scaleb(int(match.group(2)[1:])) if match.group(2) else value)
    return numbers


def matches_output(figure, numbers):
    number, decimals, unit = parse_figure(figure)
    candidates = list(numbers)
    if unit == "%":
        candidates += [value * 100 for value in numbers]
    return any(rounds_to(value, number, decimals) for value in candidates)


_OPERATORS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
              ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}


def evaluate(expression, allowed):
    """The value of an arithmetic expression whose numbers must be whole or in allowed (Decimals).

    Only numbers, + - * / and parentheses: the expression is parsed, never executed."""
    expression = expression.replace("−", "-").replace("×", "*")
    def value(node):
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            number = Decimal(ast.get_source_segment(expression, node))
            if number != number.to_integral_value() and number not in allowed:
                raise ValueError(f"{number} is neither a listed figure, a number of the outputs nor whole")
            return number
        raise ValueError(f"only numbers, + - * / and parentheses are allowed, not {ast.dump(node)}")
    return value(ast.parse(expression, mode="eval").body)


def problems(notebook, name, root=None):
    """What is wrong with the figures of every markdown cell of an executed notebook (empty if none).

    With root, the repository's folder, quoted figures are looked up in the files they cite."""
    numbers = output_numbers(notebook)
    return [problem for where, markdown, listed in _markdown_cells(notebook, name)
            for problem in [*_listing_problems(where, markdown, listed),
                            *_output_problems(where, listed, numbers, root)]]


def listing_problems(notebook, name):
    """Figures not listed, or listed but not in the text: what can be checked without running."""
    return [problem for where, markdown, listed in _markdown_cells(notebook, name)
            for problem in _listing_problems(where, markdown, listed)]


def _markdown_cells(notebook, name):
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "markdown":
            yield f"{name}, cell {index}", _text(cell["source"]), cell.get("metadata", {}).get("slim4j", {})


def _all_listed(listed):
    return [*listed.get("figures", []), *listed.get("derived", {}), *listed.get("constants", []), *listed.get("quoted", {})]


def _listing_problems(where, markdown, listed):
    found = [f"{where}: listed figure {figure!r} is not in the text" for figure in _all_listed(listed) if figure not in markdown]
    classified = [parse_figure(figure) for figure in _all_listed(listed)]
    for number, unit in prose_figures(markdown):
        value, decimals = _decimal(number), _decimals(number)
        if not any(value == n and decimals == d and unit in (u, "") for n, d, u in classified):
            text = f"{number} {unit}".strip()
            found.append(f"{where}: figure {text!r} is not listed in slim4j.figures, derived, constants or quoted")
    return found


def _output_problems(where, listed, numbers, root):
    figures, quoted = listed.get("figures", []), listed.get("quoted", {})
    found = [f"{where}: figure {figure!r} matches no number in the outputs"
             for figure in figures if not matches_output(figure, numbers)]
    for figure, source in quoted.items():
        if root is not None and not _file_holds(os.path.join(root, source), parse_figure(figure)[0]):
            found.append(f"{where}: quoted figure {figure!r} is not in {source}")
    allowed = numbers | {parse_figure(figure)[0] for figure in [*figures, *listed.get("constants", []), *quoted]}
    for figure, expression in listed.get("derived", {}).items():
        number, decimals, _ = parse_figure(figure)
        try:
            value = evaluate(expression, allowed)
        except (ValueError, SyntaxError, ZeroDivisionError) as error:
            found.append(f"{where}: derived figure {figure!r} = {expression!r}: {error}")
            continue
        if not rounds_to(value, number, decimals):
            found.append(f"{where}: derived figure {figure!r} is not {expression} = {value}")
    return found


def _file_holds(path, number):
    if not os.path.isfile(path):
        return False
    with open(path, encoding="utf-8") as file:
        return any(_decimal(match.group(1)) == number for match in _OUTPUT_NUMBER.finditer(file.read()))
