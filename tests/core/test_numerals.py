"""Chinese numerals of category headings, both ways."""

from __future__ import annotations

import pytest

from jjjdesk.domain.numerals import category_label, chinese_number, chinese_numeral


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")]
)
def test_numerals_as_the_plan_writes_them(n, text):
    assert chinese_numeral(n) == text
    assert chinese_number(text) == n


def test_every_number_to_99_reads_back():
    assert all(chinese_number(chinese_numeral(n)) == n for n in range(100))


def test_what_is_not_a_number():
    assert chinese_number("三四") is None
    assert chinese_number("交通") is None
    assert chinese_number("两") == 2 and chinese_number(" 7 ") == 7
    assert chinese_numeral(120) == "120"


def test_category_label():
    assert category_label(3, "生态环境联建联防联治") == "(三)生态环境联建联防联治"
