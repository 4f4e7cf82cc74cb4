"""Render resources/icons/jjjdesk.svg to hicolor PNGs and a Windows .ico at build time."""

# Nothing binary is committed (issue 21): build.sh / build.ps1 run this before PyInstaller.
# The .ico container is written here around PNG images (Vista+ format) so it does not depend
# on Qt's optional ICO image plugin.
import argparse
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 32, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    renderer.render(p)
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR + one ICONDIRENTRY per image + the PNG data (a width/height of 0 means 256)."""
    head = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    return head + entries + blobs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--hicolor", type=Path,
                    help="write SIZExSIZE/apps/jjjdesk.png under this folder")
    ap.add_argument("--ico", type=Path, help="write the Windows icon here")
    a = ap.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "jjjdesk.svg"))
    if not renderer.isValid():
        print("cannot read resources/icons/jjjdesk.svg", file=sys.stderr)
        return 1
    pngs = {s: render_png(renderer, s) for s in SIZES}
    if a.hicolor:
        for s, data in pngs.items():
            d = a.hicolor / f"{s}x{s}" / "apps"
            d.mkdir(parents=True, exist_ok=True)
            (d / "jjjdesk.png").write_bytes(data)
    if a.ico:
        a.ico.parent.mkdir(parents=True, exist_ok=True)
        a.ico.write_bytes(ico_bytes({s: pngs[s] for s in (16, 32, 48, 256)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
