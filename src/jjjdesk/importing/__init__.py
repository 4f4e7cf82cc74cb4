"""Returns and registry workbooks in: preview, commit, undo, batches, mapping, annotated copy.

GUI and CLI import this package only, never its modules. Inside, by stage: `read` turns a
file into values and diagnostics, `returns` and `registry` plan what a file would change,
`batch` commits and undoes, `changelog` keeps the before- and after-images undo needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jjjdesk.importing.annotate import annotated_name, write_annotated_copy
    from jjjdesk.importing.batch import (
        commit_import,
        get_batch,
        list_batches,
        preview_import,
        save_column_mapping,
        undo_import,
    )
    from jjjdesk.importing.read.bundle import is_bundle
    from jjjdesk.importing.read.diagnostics import ERROR, INFO, WARNING, Diagnostic
    from jjjdesk.importing.registry.preview import preview_registry_import
    from jjjdesk.importing.views import (
        EXCLUDED,
        REJECTED,
        BatchView,
        ColumnInfo,
        EvidenceFile,
        ImportPreview,
        ImportResult,
        PreviewRow,
        field_choices,
    )

# Name -> module it lives in. Loaded on first use: the import dialogs need the preview types at
# once, while the readers and planners (calamine, openpyxl, the services) cost ~0.2 s more and
# wait for the first file (PEP 562 module __getattr__).
_FACE = {
    "annotated_name": "annotate", "write_annotated_copy": "annotate",
    "commit_import": "batch", "get_batch": "batch", "list_batches": "batch",
    "preview_import": "batch", "save_column_mapping": "batch", "undo_import": "batch",
    "ERROR": "read.diagnostics", "INFO": "read.diagnostics", "WARNING": "read.diagnostics",
    "Diagnostic": "read.diagnostics",
    "preview_registry_import": "registry.preview",
    "EXCLUDED": "views",
    "REJECTED": "views", "BatchView": "views", "ColumnInfo": "views", "ImportPreview": "views",
    "EvidenceFile": "views", "is_bundle": "read.bundle",
    "ImportResult": "views", "PreviewRow": "views", "field_choices": "views",
}
__all__ = [  # noqa: RUF022 - grouped as _FACE is
    "annotated_name", "write_annotated_copy",
    "commit_import", "get_batch", "list_batches", "preview_import", "save_column_mapping",
    "undo_import",
    "ERROR", "INFO", "WARNING", "Diagnostic",
    "preview_registry_import",
    "EXCLUDED", "REJECTED", "BatchView", "ColumnInfo", "ImportPreview", "ImportResult",
    "PreviewRow", "field_choices", "EvidenceFile", "is_bundle",
]


def __getattr__(name: str) -> Any:
    module = _FACE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
