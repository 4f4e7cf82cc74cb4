"""Show one page (and optionally one dialog) of the real app for the user guide's screenshots.

    /work/shared/tools/screenshot.sh OUT.png 6 .venv/bin/python scripts/guide_screenshots.py \
        --db demo.sqlite3 --page rounds [--lang en] [--size 1366x768] [--search "拆迁 协调"]
        [--dialog export-pack|export-ledger|export-templates|new-round|schedules|entry|grid|
                  extension|coop-grid|coop-entry|import FILE]

The window is 1280×800 at the top-left corner of the virtual screen. The pictures in
docs/images were taken on a demo database (`jjjdesk-cli init --demo`) with the round
`jjjdesk-cli round create 2024-03 --deadline 2024-04-05` and six units' returns imported
(`jjjdesk-cli import FILE`), pages: RoundsPage (also with --dialog new-round and
--dialog import on a messy return), LightsPage, ProblemsPage, DashboardPage (also with
--dialog export-pack), BackupPage, and ProjectsPage with --lang en; then cropped and
reduced: `convert RAW.png -crop 1280x800+0+0 +repage -strip -colors 256 PNG8:OUT.png`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--page", default="projects", help="PAGE_KEY or page class name")
    parser.add_argument("--dialog", default="")
    parser.add_argument("--file", default="")
    parser.add_argument("--tab", type=int, default=-1, help="--dialog import: the tab shown")
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--size", default="1280x800", help="window size, e.g. 1366x768")
    parser.add_argument("--search", default="", help="words typed into the 搜索进展 page")
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from jjjdesk.gui.app import configure_font, install_translators

    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("京津冀协同发展台账")
    configure_font(app)
    app._translators = install_translators(app, args.lang)

    from jjjdesk.db.open import open_database
    from jjjdesk.domain.actor import Actor
    from jjjdesk.gui.context import AppContext
    from jjjdesk.gui.main_window import MainWindow
    from jjjdesk.paths import AppPaths

    db = open_database(f"sqlite:///{Path(args.db).resolve()}", AppPaths.default())
    window = MainWindow()
    window.attach(AppContext(db, Actor.local()))
    for index, page in enumerate(window.pages):
        if args.page in (page.PAGE_KEY, type(page).__name__):
            window.show_page(index)
            if args.search:
                shown = window.current_page()
                shown.edit.setText(args.search)
                shown.search()
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()

    def open_dialog() -> None:
        if args.dialog in ("export-pack", "export-ledger", "export-templates"):
            from jjjdesk.gui.exporting.export_dialog import LEDGER, PACK, TEMPLATES, ExportDialog

            mode = {"export-pack": PACK, "export-ledger": LEDGER}.get(args.dialog, TEMPLATES)
            dialog = ExportDialog(window.context, mode, window)
        elif args.dialog == "schedules":
            from jjjdesk.gui.rounds.schedules_dialog import SchedulesDialog

            dialog = SchedulesDialog(window.context, window)
        elif args.dialog == "new-round":
            from jjjdesk.gui.rounds.new_round_dialog import NewRoundDialog

            dialog = NewRoundDialog(window.context, window)
        elif args.dialog == "import":
            from jjjdesk import importing
            from jjjdesk.gui.importing.preview_dialog import PreviewDialog

            preview = window.context.read(
                importing.preview_import, actor=window.context.actor, path=Path(args.file)
            )
            dialog = PreviewDialog(preview, window)
            dialog.resize(1180, 700)
            if args.tab >= 0:
                dialog.tabs.setCurrentIndex(args.tab)
        elif args.dialog == "entry":  # the first entry of the newest round, with its files
            from sqlmodel import select

            from jjjdesk.domain.models import ProgressEntry
            from jjjdesk.domain.subject import SubjectRef
            from jjjdesk.gui.rounds.entry_dialog import EntryDialog

            with db.session() as s:
                entry = s.exec(select(ProgressEntry).where(ProgressEntry.round_id.is_not(None))
                               .order_by(ProgressEntry.id.desc())).first()
            dialog = EntryDialog(window.context, SubjectRef.of(entry), round_id=entry.round_id)
        elif args.dialog == "grid":  # the whole return of the newest entry's unit, its files
            from sqlmodel import select

            from jjjdesk.domain.models import ProgressEntry, Unit
            from jjjdesk.gui.rounds.grid_dialog import UnitReturnDialog

            with db.session() as s:
                entry = s.exec(select(ProgressEntry).where(ProgressEntry.round_id.is_not(None))
                               .order_by(ProgressEntry.id.desc())).first()
                unit = s.get(Unit, entry.reporter_unit_id)
            dialog = UnitReturnDialog(window.context, entry.round_id, unit.id, unit.name, window)
        elif args.dialog == "extension":  # a new 延期申请 with --file as its evidence
            from jjjdesk.gui.rounds.extension_dialog import ExtensionRequestDialog

            dialog = ExtensionRequestDialog(window.context, window)
            if args.file:
                dialog.files.add_files([Path(args.file)])
        elif args.dialog in ("coop-grid", "coop-entry"):  # 配合事项 of the newest round with parts
            from sqlmodel import func, select

            from jjjdesk.domain.models import CoopPart, Unit
            from jjjdesk.domain.subject import SubjectRef

            with db.session() as s:
                round_id = s.exec(select(func.max(CoopPart.round_id))).one()
                part = s.exec(select(CoopPart).where(CoopPart.round_id == round_id)
                              .order_by(CoopPart.id)).first()
                unit = s.get(Unit, part.unit_id)
            if args.dialog == "coop-grid":
                from jjjdesk.gui.rounds.grid_dialog import UnitReturnDialog

                dialog = UnitReturnDialog(window.context, round_id, unit.id, unit.name)
                dialog.resize(1360, 820)
            else:
                from jjjdesk.gui.rounds.entry_dialog import EntryDialog

                dialog = EntryDialog(window.context, SubjectRef.of(part), round_id=round_id)
        else:
            return
        dialog.move(40, 40)
        dialog.show()
        window._guide_dialog = dialog

    QTimer.singleShot(1500, open_dialog)
    return app.exec()


if __name__ == "__main__":
    os.environ.setdefault("JJJDESK_SETTINGS_DIR", "/tmp/jjjdesk-guide-settings")
    sys.exit(main())
