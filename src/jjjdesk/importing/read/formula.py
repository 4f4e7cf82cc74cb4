"""Compute a formula the file holds no value for, when it is simple arithmetic on its own sheet.

`+ - * /`, parentheses, numbers, cell references (`B5`, `$B$5`) and `SUM(…)` of cells and
ranges: what a unit writes for 累计 = 上月累计 + 本月. Anything else (another sheet, other
functions, text, a cycle, a division by zero) is not guessed: `evaluate` returns None and the
cell stays a "公式没有计算结果" error. A tokenizer and a recursive-descent parser; no `eval`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TOKEN = re.compile(
    r"\s*(?:(?P<range>\$?[A-Z]{1,3}\$?\d{1,7}:\$?[A-Z]{1,3}\$?\d{1,7})"
    r"|(?P<ref>\$?[A-Z]{1,3}\$?\d{1,7})(?![\w(!])"
    r"|(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<sum>SUM)\s*\("
    r"|(?P<op>[-+*/(),]))", re.IGNORECASE)
_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})", re.IGNORECASE)
MAX_CELLS = 10_000  # cells one SUM may read; a bigger range is not "simple"


class _NotSimple(Exception):
    pass


def cell_at(ref: str) -> tuple[int, int]:
    """(row, column), 0-based, of "B5" / "$B$5"."""
    m = _CELL.fullmatch(ref)
    assert m is not None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def tokens(formula: str) -> list[tuple[str, str]]:
    """(kind, text) of each token, or `_NotSimple` if something else is in the formula."""
    out, pos, text = [], 0, formula.strip().lstrip("=")
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise _NotSimple(text[pos:])
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def evaluate(formula: str, value_at: Callable[[int, int], float]) -> float | None:
    """The formula's value, reading cells through `value_at(row, column)` (which raises
    `ValueError` for a cell that is not a number); None when the formula is not simple."""
    try:
        parser = _Parser(tokens(formula), value_at)
        value = parser.expression()
        if parser.pos != len(parser.tokens):
            return None
    except (_NotSimple, ValueError, ZeroDivisionError, IndexError, RecursionError):
        return None
    return value


class _Parser:
    def __init__(self, toks: list[tuple[str, str]], value_at: Callable[[int, int], float]):
        self.tokens, self.pos, self.value_at = toks, 0, value_at

    def _peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("", "")

    def _take(self, text: str) -> None:
        if self._peek() != ("op", text):
            raise _NotSimple(text)
        self.pos += 1

    def expression(self) -> float:
        value = self.term()
        while self._peek() in (("op", "+"), ("op", "-")):
            op = self.tokens[self.pos][1]
            self.pos += 1
            right = self.term()
            value = value + right if op == "+" else value - right
        return value

    def term(self) -> float:
        value = self.unary()
        while self._peek() in (("op", "*"), ("op", "/")):
            op = self.tokens[self.pos][1]
            self.pos += 1
            right = self.unary()
            value = value * right if op == "*" else value / right
        return value

    def unary(self) -> float:
        if self._peek() in (("op", "-"), ("op", "+")):
            sign = -1.0 if self.tokens[self.pos][1] == "-" else 1.0
            self.pos += 1
            return sign * self.unary()
        return self.atom()

    def atom(self) -> float:
        kind, text = self._peek()
        self.pos += 1
        if kind == "num":
            return float(text)
        if kind == "ref":
            return self.value_at(*cell_at(text))
        if kind == "op" and text == "(":
            value = self.expression()
            self._take(")")
            return value
        if kind == "sum":
            total = 0.0
            while True:
                if self._peek()[0] == "range":
                    total += self._range(self.tokens[self.pos][1])
                    self.pos += 1
                else:
                    total += self.expression()
                if self._peek() == ("op", ","):
                    self.pos += 1
                    continue
                self._take(")")
                return total
        raise _NotSimple(text)

    def _range(self, text: str) -> float:
        (r0, c0), (r1, c1) = (cell_at(t) for t in text.split(":"))
        r0, r1 = sorted((r0, r1))
        c0, c1 = sorted((c0, c1))
        if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_CELLS:
            raise _NotSimple(text)
        return sum(self.value_at(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
