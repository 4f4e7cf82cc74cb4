"""打印预览 and 打印 for the brief and the ledgers: the same document model the .docx and the
PDF are written from, laid out as a QTextDocument on A4 (table headers repeat on every page,
page numbers at the foot) and shown in a QPrintPreviewDialog, whose toolbar prints.

Printing the model rather than a PDF needs no QtPdf (not in PySide6-Essentials) and no
external viewer on the office PC.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QModelIndex, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QTableView, QWidget

from jjjdesk.excel.ledger import fitted_columns
from jjjdesk.excel.ledger_data import LedgerData
from jjjdesk.excel.sheet import LightCell
from jjjdesk.excel.widths import continued_name, split_for_print
from jjjdesk.reports.brief import Brief, BriefFigure, BriefTable, brief_sections, brief_subtitle

FILLS = {"red": "#ffc7ce", "yellow": "#ffeb9c", "green": "#c6efce"}
FONT = "font-family: 'SimSun','Noto Serif CJK SC','Noto Sans CJK SC';"


def _table_html(rows: Sequence[Sequence[str]], fills: Sequence[Sequence[str | None]] | None = None
                ) -> str:
    head = "".join(f"<th>{escape(str(v))}</th>" for v in rows[0])
    body = []
    for r, values in enumerate(rows[1:], start=1):
        cells = []
        for c, v in enumerate(values):
            fill = fills[r][c] if fills else None
            style = f" bgcolor='{fill}'" if fill else ""
            cells.append(f"<td{style}>{escape(str(v)).replace(chr(10), '<br>')}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return ("<table border='1' cellspacing='0' cellpadding='3' width='100%' "
            "style='border-collapse: collapse;'>"
            f"<thead><tr bgcolor='#d9e1f2'>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
            "</table>")


def brief_document(brief: Brief, charts: dict[str, bytes]) -> QTextDocument:
    """The brief as the PDF and .docx show it; `charts` maps a figure's kind to its PNG."""
    doc = QTextDocument()
    parts = [f"<h2 align='center'>{escape(brief.title)}</h2>",
             f"<p align='center'>{escape(brief_subtitle(brief))}</p>"]
    for sec in brief_sections(brief):
        parts.append(f"<h3>{escape(sec.heading)}</h3>")
        for block in sec.blocks:
            if isinstance(block, BriefFigure):
                png = charts.get(block.kind)
                if png is None:
                    continue
                url = f"chart:{block.kind}"
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url),
                                QImage.fromData(png))
                parts.append(f"<p align='center'><img src='{url}' width='560'><br>"
                             f"{escape(block.caption)}</p>")
            elif isinstance(block, BriefTable):
                fills = None
                if block.lights:
                    fills = [[FILLS.get(block.lights[i] or "") if j == block.light_col else None
                              for j in range(len(row))] for i, row in enumerate(block.rows)]
                parts.append(_table_html(block.rows, fills))
            else:
                parts.append(f"<p>{escape(block)}</p>")
    doc.setHtml(f"<body style=\"{FONT} font-size: 10.5pt;\">{''.join(parts)}</body>")
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, brief.title)
    return doc


NUMERIC = ("number", "money", "pct", "int")


def _excel_round(value: float, places: int) -> str:
    """As Excel shows a number in a fixed format: halves away from zero."""
    from decimal import ROUND_HALF_UP, Decimal

    return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def _cell(value: Any, kind: str = "text") -> tuple[str, str | None]:
    """A ledger cell's text as the Excel ledger's number formats show it."""
    if isinstance(value, LightCell):
        return value.text, FILLS.get(value.code)
    if value is None:
        return "", None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if kind == "pct":  # stored in points, shown in the ledger's 0% format
            return _excel_round(value, 0) + "%", None
        if kind == "money":
            return _excel_round(value, 2), None
        if isinstance(value, float):
            return f"{value:.2f}".rstrip("0").rstrip("."), None
        return str(value), None
    if hasattr(value, "year") and hasattr(value, "month"):
        from jjjdesk.domain.period import chinese_date

        return chinese_date(value), None
    return str(value), None


def _ledger_table(data: LedgerData, columns: Sequence, idx: Sequence[int]) -> str:
    """One page width of the ledger: the columns `idx`, each as wide as its longest value."""
    total = sum(columns[i].width for i in idx)
    html_rows = []
    for group in data.groups:
        if group.title:
            html_rows.append(f"<tr><td colspan='{len(idx)}' bgcolor='#f2f2f2'>"
                             f"<b>{escape(group.title)}</b></td></tr>")
        for n, values in enumerate(group.rows, start=1):
            row = (n, *values)
            cells = []
            for i in idx:
                text, fill = _cell(row[i], columns[i].kind)
                cells.append(f"<td{f' bgcolor={fill!r}' if fill else ''}"
                             f"{' align=right' if columns[i].kind in NUMERIC else ''}>"
                             f"{escape(text).replace(chr(10), '<br>')}</td>")
            html_rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<th width='{100 * columns[i].width / total:.1f}%'>"
                   f"{escape(columns[i].header)}</th>" for i in idx)
    return ("<table border='1' cellspacing='0' cellpadding='2' width='100%'>"
            f"<thead><tr bgcolor='#d9e1f2'>{head}</tr></thead><tbody>{''.join(html_rows)}"
            "</tbody></table>")


def ledger_document(data: LedgerData) -> QTextDocument:
    """The ledger's rows with its category rows, the header repeated on every page; each
    column as wide as its longest value (the widths the Excel ledger gets), numbers as its
    formats show them. Columns that do not fit one A4 width at 9 pt follow in a 续 table
    that repeats 序号, 编号 and 名称, as the paper ledger's second width does."""
    columns = fitted_columns(data, data.groups)
    parts = split_for_print(columns, data.freeze_cols, max_pages=1)
    html = [f"<h3 align='center'>{escape(data.title)}</h3>"
            f"<p align='center'>{escape(data.subtitle)}</p>",
            _ledger_table(data, columns, parts[0])]
    for n, idx in enumerate(parts[1:], start=1):
        html.append(f"<h3 align='center' style='page-break-before: always;'>"
                    f"{escape(continued_name(data.title, n))}</h3>")
        html.append(_ledger_table(data, columns, idx))
    doc = QTextDocument()
    doc.setHtml(f"<body style=\"{FONT} font-size: 9pt;\">{''.join(html)}</body>")
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, data.title)
    return doc


PRINT_ROW_LIMIT = 5000  # a list longer than this is exported to Excel, not printed


def table_document(title: str, view: QTableView, subtitle: str = "") -> QTextDocument:
    """What a page's table shows — its visible columns, its rows in their order and filter,
    each cell's text and colour — as a document to print (rows a lazy model has not loaded
    yet are fetched first, up to PRINT_ROW_LIMIT)."""
    from PySide6.QtCore import Qt

    model = view.model()
    while model.canFetchMore(QModelIndex()) and model.rowCount() < PRINT_ROW_LIMIT:
        model.fetchMore(QModelIndex())
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    rows = [[str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]]
    fills: list[list[str | None]] = [[None] * len(columns)]
    shown = min(model.rowCount(), PRINT_ROW_LIMIT)
    for r in range(shown):
        texts, colours = [], []
        for c in columns:
            index = model.index(r, c)
            value = index.data(Qt.ItemDataRole.DisplayRole)
            texts.append("" if value is None else str(value))
            brush = index.data(Qt.ItemDataRole.BackgroundRole)
            colour = getattr(brush, "color", lambda: None)() if brush is not None else None
            colours.append(colour.name() if colour is not None and colour.alpha() else None)
        rows.append(texts)
        fills.append(colours)
    note = subtitle
    if model.rowCount() > shown or model.canFetchMore(QModelIndex()):
        note += QCoreApplication.translate(
            "printing", "(只打印前 {0} 行;完整列表请导出 Excel)").format(shown)
    doc = QTextDocument()
    doc.setHtml(f"<body style=\"{FONT} font-size: 9pt;\"><h3 align='center'>{escape(title)}"
                f"</h3><p align='center'>{escape(note)}</p>{_table_html(rows, fills)}</body>")
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    return doc


def a4_printer(landscape: bool) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    return printer


class PrintPreview(QPrintPreviewDialog):
    """The preview of a document on A4; its toolbar's 打印 sends it to a printer.
    QTextDocument numbers the pages itself (its page size is left to the printer)."""

    def __init__(self, document: QTextDocument, *, landscape: bool, title: str,
                 parent: QWidget | None = None):
        self.printer = a4_printer(landscape)  # the dialog does not own its printer
        super().__init__(self.printer, parent)
        self.setWindowTitle(title)
        self.document = document
        document.setParent(self)
        self.paintRequested.connect(document.print_)


def preview_dialog(document: QTextDocument, *, landscape: bool, title: str,
                   parent: QWidget | None = None) -> PrintPreview:
    return PrintPreview(document, landscape=landscape, title=title, parent=parent)
