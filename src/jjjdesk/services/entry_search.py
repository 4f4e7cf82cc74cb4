"""搜索进展: entries whose progress texts hold every term typed, with a snippet of each hit.

On SQLite the FTS5 trigram index of migration 0015 answers terms of two or more characters:
a term of 3+ characters is a phrase of its trigrams; one of 2 characters is the OR of the
indexed trigrams it begins, read from the index's vocabulary (each text is indexed with a
line break appended, so a term at the end of a text begins one too). Single characters are
matched with LIKE. On PostgreSQL every term is ILIKE, which pg_trgm serves (migration 0007)
for 3+ characters; a 2-character term scans (the table newest first, or the indexes).

The hits are the most recently stored entries that match (by id, which the index hands out
newest first without sorting all matches), at most `limit`, shown newest period first.
A reporter's search of a unit with few entries reads them all with LIKE (newest first through
the unit index): the index's hits, newest first, may be mostly other units' (measured at
1,000,000 entries: 0.6–2 s for a 48-entry unit through the index, < 1 ms with LIKE).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import column, func, or_, table, text
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import ProgressEntry
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError
from jjjdesk.services.entry_list import entry_scope
from jjjdesk.services.entry_views import to_views

DEFAULT_LIMIT = 200
# The searched fields with their labels, in the order of the entry form (migrations 0007 and
# 0015 index the same five).
SEARCH_FIELDS = {
    "progress": "工作进展",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "coordination": "需协调事项",
    "review_comment": "审核意见",
}
SHORTEST_INDEXED = 2  # shorter terms are matched with LIKE
UNIT_SCAN_MAX = 30_000  # a unit with at most so many entries is searched with LIKE (~60 ms)
SNIPPET_CONTEXT = 20  # characters shown on each side of a hit
_INDEX = table("entry_search", column("rowid"))
_LAST_CHAR = "\U0010ffff"


@dataclass(frozen=True)
class FieldHit:
    field: str  # e.g. "problems"
    label: str  # e.g. "存在问题"
    snippet: str  # the text around the first hit, "…" where it was cut


@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    subject: SubjectRef
    subject_code: str
    subject_name: str
    period_key: str
    period_label: str
    round_id: int | None
    reporter_unit_id: int | None
    reporter_unit: str
    review_state_label: str
    fields: tuple[FieldHit, ...]


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[SearchHit, ...]
    more: bool  # more entries match than `limit`: the most recently stored are shown


def search_terms(text_: str) -> list[str]:
    """The terms of a query: split on spaces (full-width too), each must appear."""
    return text_.replace("\u3000", " ").split()


def search_entries(*, session: Session, actor: Actor, text: str,
                   limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Entries whose five text fields together hold every term of `text`: the `limit` most
    recently stored, newest period first; a unit reporter's search covers only its unit."""
    terms = search_terms(text)
    if not terms:
        raise UserFacingError("请输入要搜索的文字。")
    if limit < 1:
        raise UserFacingError("条数应为正整数。")
    unit_id = entry_scope(actor, None)
    ids = _matching_ids(session, terms, unit_id, limit + 1)
    rows = list(session.exec(select(ProgressEntry).where(
        col(ProgressEntry.id).in_(ids[:limit])))) if ids else []
    rows.sort(key=lambda e: (e.period_key, e.id), reverse=True)
    return SearchResult(tuple(_hit(view, terms) for view in to_views(session, rows)),
                        len(ids) > limit)


def _matching_ids(session: Session, terms: list[str], unit_id: int | None, n: int
                  ) -> list[int]:
    """The ids of the newest `n` matching entries, newest first."""
    postgres = session.get_bind().dialect.name == "postgresql"
    query = select(col(ProgressEntry.id))
    newest = col(ProgressEntry.id).desc()
    indexed = [] if postgres or _small_unit(session, unit_id) else [
        t for t in terms if len(t) >= SHORTEST_INDEXED]
    if indexed:
        match = [_match(session, term) for term in indexed]
        if None in match:  # a 2-character term no text holds
            return []
        query = query.select_from(_INDEX).join(
            ProgressEntry, col(ProgressEntry.id) == _INDEX.c.rowid).where(
            text("entry_search MATCH :match").bindparams(
                match=" AND ".join(m for m in match if m is not None)))
        newest = _INDEX.c.rowid.desc()  # served by the index in its order: nothing to sort
    for term in terms:
        if term not in indexed:
            query = query.where(_like_any(term, postgres))
    if unit_id is not None:
        query = query.where(ProgressEntry.reporter_unit_id == unit_id)
    if postgres:
        # Planned for this pattern: psycopg prepares a statement run often, and the generic
        # plan, blind to the pattern, reads the whole table newest first for a rare term
        # (1.2 s instead of 4 ms for a missing 4-character term at 200,000 entries).
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    return list(session.execute(query.order_by(newest).limit(n)).scalars())


def _small_unit(session: Session, unit_id: int | None) -> bool:
    if unit_id is None:
        return False
    entries = session.execute(select(func.count()).where(
        ProgressEntry.reporter_unit_id == unit_id)).scalar_one()
    return entries <= UNIT_SCAN_MAX


def _match(session: Session, term: str) -> str | None:
    """The FTS5 query of one term; None if it is 2 characters that no indexed text holds."""
    if len(term) > SHORTEST_INDEXED:
        return _phrase(term)
    # The tokenizer folds case as lower() does; its vocabulary is sorted, so the trigrams a
    # bigram begins are a range of it.
    bigram = term.lower()
    trigrams = session.execute(
        text("SELECT term FROM entry_search_vocab WHERE term >= :low AND term < :high"),
        {"low": bigram, "high": bigram + _LAST_CHAR}).scalars().all()
    if not trigrams:
        return None
    return "(" + " OR ".join(_phrase(t) for t in trigrams) + ")"


def _phrase(term: str) -> str:
    # Bound as a quoted phrase, so its characters are never FTS5 syntax.
    return '"' + term.replace('"', '""') + '"'


def _like_any(term: str, postgres: bool):
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    columns = [getattr(ProgressEntry, name) for name in SEARCH_FIELDS]
    if postgres:  # ILIKE, which the pg_trgm indexes of migration 0007 serve. Backslash is
        # PostgreSQL's escape already: an ESCAPE clause would hide the pattern from the
        # planner, which then reads the whole table newest first for a term none holds.
        return or_(*(col(c).ilike(pattern) for c in columns))
    # SQLite's LIKE already ignores ASCII case; ilike() would wrap lower() round it.
    return or_(*(col(c).like(pattern, escape="\\") for c in columns))


def _hit(view, terms: list[str]) -> SearchHit:
    fields = []
    for name, label in SEARCH_FIELDS.items():
        value = getattr(view, name) or ""
        snippet = _snippet(value, terms)
        if snippet is not None:
            fields.append(FieldHit(name, label, snippet))
    return SearchHit(view.id, view.subject, view.subject_code, view.subject_name,
                     view.period_key, view.period_label, view.round_id, view.reporter_unit_id,
                     view.reporter_unit, view.review_state_label, tuple(fields))


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
