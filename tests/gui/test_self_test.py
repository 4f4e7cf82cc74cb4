"""`jjjdesk --self-test` in process (the frozen build runs the same code, see packaging/)."""

from __future__ import annotations

from jjjdesk.gui.self_test import run_self_test


def test_self_test_passes_and_says_so(capsys, qtbot):
    assert run_self_test() == 0
    out = capsys.readouterr().out
    assert "jjjdesk self-test ok" in out
    assert "ledger 80 rows" in out and "import 3 entries" in out
