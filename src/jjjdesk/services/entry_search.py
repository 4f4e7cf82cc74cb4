"""搜索进展: entries whose progress texts hold every term typed, with a snippet of each hit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import column, or_, text
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import ProgressEntry
from jjjdesk.errors import UserFacingError
from jjjdesk.services.entry_list import entry_scope
from jjjdesk.services.entry_views import to_views

DEFAULT_LIMIT = 200
# The searched fields with their labels, in the order of the entry form (migration 0007
# indexes the same five).
SEARCH_FIELDS = {
    "progress": "工作进展",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "coordination": "需协调事项",
    "review_comment": "审核意见",
}
# FTS5's trigram tokenizer indexes runs of three characters: shorter terms match nothing.
TRIGRAM = 3
SNIPPET_CONTEXT = 20  # characters shown on each side of a hit


@dataclass(frozen=True)
class FieldHit:
    field: str  # e.g. "problems"
    label: str  # e.g. "存在问题"
    snippet: str  # the text around the first hit, "…" where it was cut


@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    subject_code: str
    subject_name: str
    period_key: str
    period_label: str
    reporter_unit_id: int | None
    reporter_unit: str
    review_state_label: str
    fields: tuple[FieldHit, ...]


def search_terms(text_: str) -> list[str]:
    """The terms of a query: split on spaces (full-width too), each must appear."""
    return text_.replace("\u3000", " ").split()


def search_entries(*, session: Session, actor: Actor, text: str,
                   limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Entries (newest period first, then by id, at most `limit`) whose five text fields
    together hold every term of `text`; a unit reporter's search covers only its unit."""
    terms = search_terms(text)
    if not terms:
        raise UserFacingError("请输入要搜索的文字。")
    if limit < 1:
        raise UserFacingError("条数应为正整数。")
    unit_id = entry_scope(actor, None)
    postgres = session.get_bind().dialect.name == "postgresql"
    query = select(ProgressEntry)
    for i, term in enumerate(terms):
        if not postgres and len(term) >= TRIGRAM:
            query = query.where(col(ProgressEntry.id).in_(_fts_ids(i, term)))
        else:
            query = query.where(_like_any(term, postgres))
    if unit_id is not None:
        query = query.where(ProgressEntry.reporter_unit_id == unit_id)
    query = query.order_by(col(ProgressEntry.period_key).desc(), col(ProgressEntry.id)).limit(limit)
    rows = session.exec(query).all()
    return [_hit(view, terms) for view in to_views(session, rows)]


def _fts_ids(i: int, term: str):
    # The term is bound as a quoted phrase, so its characters are never FTS5 syntax.
    return text(f"SELECT rowid FROM entry_search WHERE entry_search MATCH :q{i}").bindparams(
        **{f"q{i}": _phrase(term)}).columns(column("rowid"))


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like_any(term: str, postgres: bool):
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    columns = [getattr(ProgressEntry, name) for name in SEARCH_FIELDS]
    if postgres:  # ILIKE, which the pg_trgm indexes of migration 0007 serve
        return or_(*(col(c).ilike(pattern, escape="\\") for c in columns))
    # SQLite's LIKE already ignores ASCII case; ilike() would wrap lower() round it.
    return or_(*(col(c).like(pattern, escape="\\") for c in columns))


def _hit(view, terms: list[str]) -> SearchHit:
    fields = []
    for name, label in SEARCH_FIELDS.items():
        value = getattr(view, name) or ""
        snippet = _snippet(value, terms)
        if snippet is not None:
            fields.append(FieldHit(name, label, snippet))
    return SearchHit(view.id, view.subject_code, view.subject_name, view.period_key,
                     view.period_label, view.reporter_unit_id, view.reporter_unit,
                     view.review_state_label, tuple(fields))


def _snippet(value: str, terms: list[str]) -> str | None:
    """The text round the first term found in `value`, on one line; None if none is."""
    folded = value.lower()
    found = [(pos, len(t)) for t in terms if (pos := folded.find(t.lower())) >= 0]
    if not found:
        return None
    pos, size = min(found)
    start, end = max(0, pos - SNIPPET_CONTEXT), min(len(value), pos + size + SNIPPET_CONTEXT)
    body = " ".join(value[start:end].split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(value) else "")
