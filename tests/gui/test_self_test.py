"""`jjjdesk --self-test` in process (the frozen build runs the same code, see packaging/)."""

from __future__ import annotations

from jjjdesk.gui.self_test import run_self_test


def test_self_test_passes_and_says_so(capsys, qtbot):
    assert run_self_test() == 0
    out = capsys.readouterr().out
    assert "jjjdesk self-test ok" in out
    assert "ledger 80 rows" in out and "import 3 entries" in out
    # What the frozen build must prove on an office PC (issue 21, item 6).
    assert "English UI" in out and "database in the data folder" in out
    assert "brief .docx written" in out and "PDF font " in out
    assert "user folder writable" in out and "input methods " in out



def test_self_test_names_the_font_the_pdf_brief_uses(capsys, qtbot, monkeypatch, tmp_path):
    # An office that points JJJDESK_PDF_FONT at its own font file sees that font checked.
    from jjjdesk.reports.fonts import FONT_ENV, find_cjk_font

    own = tmp_path / "单位字体.ttc"
    own.symlink_to(find_cjk_font().path)
    monkeypatch.setenv(FONT_ENV, str(own))
    assert run_self_test() == 0
    assert "PDF font 单位字体.ttc" in capsys.readouterr().out
