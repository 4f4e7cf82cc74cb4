"""`jjjdesk`: the desktop app's entry point — arguments, logging, Chinese Qt, one instance."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

log = logging.getLogger("jjjdesk.gui")

# Tried in order; Qt falls back per glyph. Windows, macOS, Linux (Kylin/UOS ship Noto or WenQuanYi).
CJK_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="jjjdesk", description="京津冀协同发展 重点任务与项目台账"
    )
    parser.add_argument("--db", metavar="PATH|URL", help="数据库文件或连接地址")
    parser.add_argument("--empty", action="store_true", help="空数据库不载入演示数据")
    parser.add_argument("--data-dir", metavar="DIR", help="数据文件夹(日志、备份、界面设置)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言(默认按设置)")
    parser.add_argument("--self-test", action="store_true", help="自检后退出(打包检查用)")
    return parser.parse_args(argv)


def configure_font(app: QApplication) -> None:
    font = app.font()
    font.setFamilies([*CJK_FAMILIES, font.family()])
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)


def install_translators(app: QApplication, language: str | None = None) -> list[QTranslator]:
    """Chinese by default (Qt's own `qtbase_zh_CN` too, so 确定/取消); English when chosen."""
    from jjjdesk.gui import i18n

    return i18n.install_language(app, language or i18n.saved_language())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from jjjdesk.gui.self_test import run_self_test

        return run_self_test(args.lang)
    if args.data_dir:
        # One source of truth for every path below (AppPaths reads this variable).
        os.environ["JJJDESK_DATA_DIR"] = str(Path(args.data_dir).expanduser().resolve())
    from jjjdesk.logging_setup import setup_logging
    from jjjdesk.paths import AppPaths
    from jjjdesk.resources import icon_file

    paths = AppPaths.default()
    setup_logging(paths.log_file)
    log.info("starting jjjdesk gui, data folder %s", paths.data_dir)

    from jjjdesk.gui.errors import install_excepthook, install_qt_message_handler
    from jjjdesk.gui.single_instance import SingleInstance, server_name

    install_qt_message_handler()
    app = QApplication(sys.argv[:1])
    app.setApplicationName("jjjdesk")
    app.setApplicationDisplayName("京津冀协同发展台账")
    app.setOrganizationName("jjjdesk")
    app.setWindowIcon(QIcon(str(icon_file("jjjdesk.svg"))))
    configure_font(app)
    app._translators = install_translators(app, args.lang)  # keep them alive
    app.setApplicationDisplayName(QApplication.translate("app", "京津冀协同发展台账"))
    install_excepthook(paths.log_file)

    instance = SingleInstance(server_name(paths.data_dir))
    if instance.notify_running():
        log.info("jjjdesk already runs for %s; asked it to come forward", paths.data_dir)
        return 0
    instance.listen()

    from jjjdesk.gui.main_window import MainWindow
    from jjjdesk.gui.startup import Startup

    window = MainWindow()
    instance.activated.connect(window.activate)
    Startup(window, paths, args.db, load_demo=not args.empty)
    window.show()
    try:
        return app.exec()
    finally:
        window.shutdown()
        instance.close()
        log.info("jjjdesk gui stopped")


if __name__ == "__main__":
    sys.exit(main())
