"""`jjjdesk --self-test`: the installed (or frozen) app proves it can start, export and import.

Everything happens in a temporary folder standing in for the user's data folder: a demo
database created where the app keeps it, the main window built (offscreen unless
QT_QPA_PLATFORM names a platform, such as xcb for an X11 desktop), a ledger exported
with xlsxwriter, the brief written as .docx (python-docx) and as PDF with the Chinese font
found on this PC, a small return written with openpyxl and imported through the same services
the GUI uses. It also checks that the real user folder can be written, and names the Qt
input-method plugins the desktop's choice (QT_IM_MODULE) is met by. One summary line;
exit 0, or 1 with the reason.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path


class SelfTestFailure(Exception):
    """A check that did not hold."""


def _say(text: str) -> None:
    # The windowed Windows executable has no console: stdout may be None there.
    stream = sys.stdout or sys.stderr
    if stream is not None:
        print(text, file=stream, flush=True)


def run_self_test(language: str | None = None) -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="jjjdesk-selftest-") as folder:
        root = Path(folder)
        os.environ["JJJDESK_DATA_DIR"] = str(root / "data")
        os.environ["JJJDESK_SETTINGS_DIR"] = str(root / "settings")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            facts = _run(root, language)
        except Exception as exc:  # noqa: BLE001 - the reason is the output
            _say(f"jjjdesk self-test FAILED: {type(exc).__name__}: {exc}")
            if not isinstance(exc, SelfTestFailure):
                traceback.print_exc(file=sys.stderr or sys.stdout)
            return 1
    elapsed = time.perf_counter() - started
    _say(f"jjjdesk self-test ok in {elapsed:.1f} s: " + ", ".join(facts))
    return 0


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestFailure(what)


def _run(root: Path, language: str | None) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from jjjdesk import __version__
    from jjjdesk.gui.app import install_translators
    from jjjdesk.paths import AppPaths

    app = QApplication.instance() or QApplication([sys.argv[0]])
    translators = install_translators(app, language)
    facts = [f"version {__version__}", f"Qt platform {app.platformName()}"]
    facts.append(_translations())
    if sys.platform.startswith("linux"):
        facts.append(_input_methods())

    from jjjdesk.gui.context import AppContext
    from jjjdesk.gui.main_window import MainWindow
    from jjjdesk.gui.startup import open_registry

    facts.append(_user_folder())
    paths = AppPaths.default()
    opened = open_registry(None, paths, load_demo=True)
    _check(opened.demo_loaded, "demo registry not loaded")
    _check(paths.default_database.is_file(), f"no database at {paths.default_database}")
    facts.append("database in the data folder")
    context = AppContext(opened.db, opened.actor)
    window = MainWindow()
    try:
        window.attach(context)
        window.show()
        deadline = time.monotonic() + 10
        while not window._painted and time.monotonic() < deadline:
            app.processEvents()
        _check(window._painted, "main window never painted")
        facts.append(f"window {len(window.pages)} pages")
        facts.append(_export(context, root))
        facts.extend(_brief(context, root))
        facts.append(_import(context, root, paths))
    finally:
        window.context = None
        window.close()
        context.close()
        window.deleteLater()
        app.processEvents()
        from jjjdesk.gui import i18n

        i18n.remove_translators(app, translators)
    return facts


def _translations() -> str:
    """The English .ts ships with the app and answers (the bundle's data files are there)."""
    from jjjdesk.gui import i18n

    english = i18n.TsTranslator(i18n.ts_file(i18n.ENGLISH))
    _check(english.translate("MainWindow", "文件(&F)") == "&File", "English translation broken")
    return f"English UI {len(english)} messages"


def _export(context, root: Path) -> str:
    from openpyxl import load_workbook

    from jjjdesk.domain.period import Period
    from jjjdesk.excel.ledger import export_ledger

    target = root / "台账.xlsx"
    result = context.read(export_ledger, path=target, period=Period.parse("2024-03"))
    _check(target.is_file(), "ledger not written")
    book = load_workbook(target, read_only=True)
    try:
        sheets = book.sheetnames
    finally:
        book.close()
    _check(len(sheets) >= 1 and result.rows > 0, f"ledger empty: {result}")
    return f"ledger {result.rows} rows in {len(sheets)} sheets"


def _input_methods() -> str:
    """Chinese typing on Linux goes through a Qt plugin matching the desktop's input method."""
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    keys = sorted(
        path.stem.removeprefix("lib").removesuffix("platforminputcontextplugin").removesuffix("plugin")
        for path in (plugins / "platforminputcontexts").glob("*.so")
    )
    wanted = os.environ.get("QT_IM_MODULE", "")
    said = f"input methods {'/'.join(keys) or 'none'}"
    if wanted and wanted not in keys:
        said += f" (QT_IM_MODULE={wanted} not among them: see packaging/README.md)"
    return said


def _user_folder() -> str:
    """The folder a real start keeps its database in (not the test's stand-in) is writable."""
    import platformdirs

    from jjjdesk.paths import APP_NAME

    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".selftest-"):
            pass
    except OSError as exc:
        raise SelfTestFailure(f"user folder {folder} not writable: {exc}") from exc
    return "user folder writable"


def _brief(context, root: Path) -> list[str]:
    from docx import Document

    from jjjdesk.domain.period import Period
    from jjjdesk.reports.brief import build_brief, write_brief_pdf
    from jjjdesk.reports.brief_docx import DEFAULT_ISSUER, write_brief_docx
    from jjjdesk.reports.fonts import find_cjk_font

    brief = context.read(lambda session: build_brief(session=session, period=Period.parse("2024-03")))
    docx_path = write_brief_docx(root / "简报.docx", brief, issue_no=1, issuer=DEFAULT_ISSUER)
    paragraphs = [p.text for p in Document(str(docx_path)).paragraphs]
    _check(any("简报" in text for text in paragraphs), "brief .docx has no masthead")
    font = find_cjk_font()
    pdf_path = write_brief_pdf(root / "简报.pdf", brief, font)
    _check(pdf_path.read_bytes()[:5] == b"%PDF-", "brief PDF not written")
    return ["brief .docx written", f"PDF font {font.path.name}"]


def _import(context, root: Path, paths) -> str:
    from openpyxl import Workbook
    from sqlmodel import select

    from jjjdesk import importing
    from jjjdesk.domain.models import ProgressEntry, Project, Unit

    def pick(session):
        rows = session.exec(
            select(Project.code, Project.name, Unit.name)
            .join(Unit, Unit.id == Project.lead_unit_id)
            .order_by(Project.id)
        ).all()
        unit = rows[0][2]
        return unit, [(c, n) for c, n, u in rows if u == unit][:3]

    unit, projects = context.read(pick)
    _check(bool(projects), "demo registry has no projects")
    book = Workbook()
    sheet = book.active
    sheet.append(["2024年3月重点项目进展情况表"])
    sheet.append([f"填报单位:{unit}"])
    sheet.append(["序号", "项目编号", "项目名称", "完成进度", "进展情况"])
    for number, (code, name) in enumerate(projects, start=1):
        sheet.append([number, code, name, f"{20 + number}%", f"自检进展 {number}"])
    path = root / "自检回表.xlsx"
    book.save(path)

    preview = context.read(importing.preview_import, actor=context.actor, path=path)
    _check(not preview.fatal, f"import preview refused the return: {preview.fatal}")
    _check(preview.can_commit, f"nothing to import: {preview.summary()}")
    result = context.read(
        importing.commit_import,
        actor=context.actor,
        preview=preview,
        database_url=context.db.url if hasattr(context.db, "url") else None,
        paths=paths,
    )
    count = context.read(
        lambda session: len(
            session.exec(
                select(ProgressEntry.id).where(ProgressEntry.import_batch_id == result.batch_id)
            ).all()
        )
    )
    _check(result.created == len(projects) and count == len(projects), f"import: {result}")
    return f"import {result.created} entries (batch {result.batch_id})"
