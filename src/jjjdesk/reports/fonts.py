"""Find a CJK font to embed in PDFs: one list of candidates, one clear failure."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from jjjdesk.errors import UserFacingError

FONT_ENV = "JJJDESK_PDF_FONT"


@dataclass(frozen=True)
class FontChoice:
    path: Path
    index: int = 0  # face number inside a .ttc collection

    @property
    def family(self) -> str:
        return "jjjcjk"


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def candidates() -> list[tuple[Path, str]]:
    """(file, preferred face name inside a collection) in order of preference.

    Office PCs: Microsoft YaHei or SimSun (Windows); Kylin/UOS and other Linux: Noto
    CJK (OpenType/CFF; the SC face of the collection), WenQuanYi, Droid fallback; macOS:
    PingFang / STHeiti. The resources folder may carry a bundled font one day.
    """
    win = _windows_fonts()
    found: list[tuple[Path, str]] = []
    env = os.environ.get(FONT_ENV)
    if env:
        found.append((Path(env), ""))
    found += [
        (win / "msyh.ttc", "Microsoft YaHei"), (win / "msyh.ttf", ""),
        (win / "simsun.ttc", "SimSun"), (win / "simhei.ttf", ""), (win / "simkai.ttf", ""),
    ]
    for root in ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts")):
        found += [
            (Path(root) / "opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
            (Path(root) / "noto-cjk/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
            (Path(root) / "opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
            (Path(root) / "truetype/wqy/wqy-microhei.ttc", ""),
            (Path(root) / "truetype/wqy/wqy-zenhei.ttc", ""),
            (Path(root) / "truetype/droid/DroidSansFallbackFull.ttf", ""),
        ]
    if sys.platform == "darwin":
        found += [(Path("/System/Library/Fonts/PingFang.ttc"), "PingFang SC"),
                  (Path("/Library/Fonts/Arial Unicode.ttf"), "")]
    return found


def _face_index(path: Path, preferred: str) -> int:
    if path.suffix.lower() not in (".ttc", ".otc") or not preferred:
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as coll:
        for i, font in enumerate(coll.fonts):
            if font["name"].getDebugName(1) == preferred:
                return i
    return 0


def find_cjk_font() -> FontChoice:
    """The first installed candidate; `UserFacingError` naming what to install if none."""
    for path, preferred in candidates():
        if path.is_file():
            return FontChoice(path, _face_index(path, preferred))
    raise UserFacingError(
        "未找到可用的中文字体,无法生成 PDF 简报。请安装“微软雅黑”或“宋体”"
        "(Windows)、Noto Sans CJK 或文泉驿字体(麒麟、统信等 Linux),"
        f"或设置环境变量 {FONT_ENV} 指向一个中文字体文件(.ttf/.ttc/.otf)。"
    )
