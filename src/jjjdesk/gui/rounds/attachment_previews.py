"""Previews of 佐证材料: photos scaled while they are read, a PDF's first page.

Images go through QImageReader with a scaled size (a JPEG decodes straight to the small size;
Qt's 256 MB allocation limit refuses absurd dimensions). PDFs go through PDFium (pypdfium2):
PySide6-Essentials has no QtPdf, which lives in the 150 MB Addons. `render` runs in the
worker thread, so it makes QImages only — never a QPixmap or a widget — and anything it
cannot draw (corrupt, encrypted, truncated, not what its name says) gives None: a plain icon.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

log = logging.getLogger(__name__)

#: The largest preview; list thumbnails are scaled down from it on the GUI thread.
PREVIEW_SIZE = QSize(240, 240)
#: Larger files are not read for a preview (a 50 MB scan stays a plain icon).
PREVIEW_MAX_BYTES = 20 * 1024 * 1024
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif",
                            ".tiff"})
_PDFIUM = threading.Lock()  # PDFium is not thread-safe; two panels may render at once
_FORMATS = {"RGBX": QImage.Format.Format_RGBX8888, "RGBA": QImage.Format.Format_RGBA8888,
            "RGB": QImage.Format.Format_RGB888, "L": QImage.Format.Format_Grayscale8}


def kind_of(file_name: str, media_type: str) -> str:
    """"image", "pdf" or "" (no preview) by the name's suffix or the stored media type."""
    suffix = Path(file_name).suffix.lower()
    if suffix == ".pdf" or media_type == "application/pdf":
        return "pdf"
    if suffix in IMAGE_SUFFIXES or media_type.startswith("image/"):
        return "image"
    return ""


def render(data: bytes, kind: str, box: QSize = PREVIEW_SIZE) -> QImage | None:
    """The preview of `data` fitted into `box`, or None when it cannot be drawn."""
    try:
        image = _image(data, box) if kind == "image" else _pdf(data, box) if kind else None
    except Exception as exc:  # a damaged file must never reach the user as a traceback
        log.warning("no preview of a %s of %d bytes: %r", kind, len(data), exc)
        return None
    return None if image is None or image.isNull() else image


def _image(data: bytes, box: QSize) -> QImage | None:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # phone photos carry their orientation in EXIF
    size = reader.size()
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        log.info("no image preview: %s", reader.errorString())
        return None
    if image.width() > box.width() or image.height() > box.height():  # rotated by EXIF
        image = image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


def _pdf(data: bytes, box: QSize) -> QImage | None:
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            if len(document) == 0:
                return None
            page = document[0]
            try:
                width, height = page.get_size()
                if width <= 0 or height <= 0:
                    return None
                scale = min(box.width() / width, box.height() / height)
                bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
                fmt = _FORMATS.get(bitmap.mode)
                if fmt is None:
                    return None
                # copy(): the QImage must own its pixels before PDFium frees the bitmap
                return QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height,
                              bitmap.stride, fmt).copy()
            finally:
                page.close()
        finally:
            document.close()


class PreviewCache:
    """Rendered previews by content hash (None: tried, nothing to show), the oldest dropped
    past `limit`; used on the GUI thread only. 128 previews of 240 px hold about 30 MB."""

    def __init__(self, limit: int = 128):
        self.limit = limit
        self._items: OrderedDict[str, QImage | None] = OrderedDict()

    def __contains__(self, sha256: str) -> bool:
        return sha256 in self._items

    def get(self, sha256: str) -> QImage | None:
        image = self._items.get(sha256)
        if sha256 in self._items:
            self._items.move_to_end(sha256)
        return image

    def put(self, sha256: str, image: QImage | None) -> None:
        self._items[sha256] = image
        self._items.move_to_end(sha256)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)


#: One cache for every panel: the entry form, the review page and the grid show the same files.
CACHE = PreviewCache()
