"""Build a big, realistic jjjdesk database for benchmarks: demo registry + N projects + M entries.

    PYTHONPATH=src .venv/bin/python bench/make_dataset.py --db bench/out/big.sqlite3 \
        --projects 10000 --entries 1000000

The database is created and migrated by `jjjdesk.db.open.open_database`, the demo registry
(plan, 7 categories, 25 tasks and their sub-tasks, 46 units, 80 projects) is loaded as the
realistic base, and the rest is added with SQLAlchemy Core bulk inserts in one transaction
(DESIGN.md: Core is ~13x faster than ORM objects). `--projects` and `--entries` are totals
for the finished database, demo rows included. `sort_key` and `search_text` hold exactly what
the services store (checked on a sample before anything is written). Problems (~10% of
entries report one; half of those are problem rows), 300k chained audit events and a few
thousand small attachments follow (bench/dataset_history.py).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import random
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

import dataset_history as H
import dataset_vocab as V
from sqlalchemy import Connection, insert, select

from jjjdesk.db.engine import sqlite_file
from jjjdesk.db.location import resolve_url
from jjjdesk.db.open import open_database
from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import Assessment, ProjectKind, ReviewState, Stage, UnitKind
from jjjdesk.domain.models import ImportBatch, KeyTask, ProgressEntry, Project, Unit
from jjjdesk.domain.period import Period, PeriodKind, weeks_in_year
from jjjdesk.domain.text import match_key, pinyin_keys, search_text, sort_key
from jjjdesk.services.demo import load_demo

CHUNK = 20_000
END_YEAR = 2025  # last reporting year; fixed so a seed always gives the same file
KIND_WEIGHTS = {
    ProjectKind.INDUSTRY: 35, ProjectKind.INFRASTRUCTURE: 25, ProjectKind.RELOCATION: 12,
    ProjectKind.PUBLIC_SERVICE: 12, ProjectKind.INNOVATION: 8, ProjectKind.ECOLOGY: 8,
}  # fmt: skip
STAGE_WEIGHTS = {
    Stage.PLANNING: 15, Stage.SIGNED: 6, Stage.STARTED: 8, Stage.UNDER_CONSTRUCTION: 40,
    Stage.COMPLETED: 10, Stage.IN_PRODUCTION: 8, Stage.OPERATING: 13,
}  # fmt: skip
MEDIAN_INVESTMENT = {  # 亿元
    ProjectKind.INDUSTRY: 15, ProjectKind.RELOCATION: 10, ProjectKind.INFRASTRUCTURE: 30,
    ProjectKind.PUBLIC_SERVICE: 5, ProjectKind.ECOLOGY: 8, ProjectKind.INNOVATION: 3,
}  # fmt: skip
LEAD_DEPARTMENTS = {
    ProjectKind.INDUSTRY: ["市工业和信息化局", "市发展改革委"],
    ProjectKind.RELOCATION: ["市协同办", "市发展改革委", "市商务局"],
    ProjectKind.INFRASTRUCTURE: ["市交通运输委", "市住房城乡建设委", "市水务局"],
    ProjectKind.PUBLIC_SERVICE: ["市教委", "市卫生健康委", "市民政局", "市文化和旅游局"],
    ProjectKind.ECOLOGY: ["市生态环境局", "市水务局", "市规划资源局"],
    ProjectKind.INNOVATION: ["市科技局", "市工业和信息化局"],
}
SOURCE_SHEET = "进展填报"
PAST_STATES = {ReviewState.APPROVED: 970, ReviewState.SUBMITTED: 15, ReviewState.RETURNED: 10,
               ReviewState.DRAFT: 5}
RECENT_STATES = {ReviewState.APPROVED: 30, ReviewState.SUBMITTED: 45, ReviewState.DRAFT: 20,
                 ReviewState.RETURNED: 5}


# ----------------------------------------------------------------- search keys (exact)


def _pieces(part: str | None) -> tuple[str, ...]:
    """One part's share of `jjjdesk.domain.text.search_text` (it joins these per part)."""
    key = match_key(part)
    if not key:
        return ()
    full, initials = pinyin_keys(key)
    return (key, full, initials)


def _name_keys(names: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    return [(sort_key(name), _pieces(name)) for name in names]


def _code_keys(codes: list[str]) -> list[tuple[str, ...]]:
    return [_pieces(code) for code in codes]


def _parallel(func, items: list, workers: int) -> list:
    """Map `func` over slices of `items`, in processes when there is enough work."""
    if workers <= 1 or len(items) < 2000:
        return func(items)
    size = math.ceil(len(items) / (workers * 4))
    slices = [items[i:i + size] for i in range(0, len(items), size)]
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        return [row for part in pool.map(func, slices) for row in part]


# ----------------------------------------------------------------- registry rows


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _compose_name(rng: random.Random, kind: ProjectKind, district: str) -> tuple[str, str]:
    """A project name in the office's style, and its industry chain."""
    place = rng.choice(V.PLACES[district])
    industry = rng.choice(list(V.INDUSTRY_WORDS))
    chain = V.INDUSTRY_WORDS[industry]
    phase, suffix = rng.choice(V.PHASES), rng.choice(V.SUFFIXES)
    prefix = district if rng.random() < 0.7 else ""
    if kind is ProjectKind.INDUSTRY:
        name = f"{prefix}{place}{industry}{rng.choice(V.INDUSTRY_FACILITIES)}{phase}{suffix}"
    elif kind is ProjectKind.RELOCATION:
        name = f"{rng.choice(V.BEIJING_FIRMS)}{district}{industry}"
        name += f"{rng.choice(V.INDUSTRY_FACILITIES)}{phase}项目"
    elif kind is ProjectKind.INFRASTRUCTURE:
        work = rng.choice(list(V.INFRA_FACILITIES))
        chain = V.INFRA_FACILITIES[work]
        if rng.random() < 0.5:
            name = f"{rng.choice(V.ROADS)}{district}段{work}"
        else:
            name = f"{district}{place}{work}"
    elif kind is ProjectKind.PUBLIC_SERVICE:
        work = rng.choice(list(V.PUBLIC_FACILITIES))
        chain = V.PUBLIC_FACILITIES[work]
        name = f"{district}{place if rng.random() < 0.6 else ''}{work}"
    elif kind is ProjectKind.ECOLOGY:
        work = rng.choice(V.ECO_WORKS)
        chain = "水利" if "防洪" in work or "堤防" in work or "水系" in work else "生态环保"
        name = f"{rng.choice(V.ECO_SITES)}{district}段{work}"
    else:
        name = f"{prefix}{place}{industry}{rng.choice(V.INNOVATION_WORDS)}{phase}{suffix}"
        chain = "科技服务" if rng.random() < 0.4 else chain
    return name, chain


@dataclass
class Registry:
    unit_ids: dict[str, int]
    district_names: list[str]
    enterprise_ids: list[int]
    task_ids: list[tuple[int, int | None]]  # (task id, lead unit id)
    tasks_by_kind: dict[str, list[int]]


def _read_registry(conn: Connection) -> Registry:
    units = dict(conn.execute(select(Unit.name, Unit.id)).all())
    kinds = dict(conn.execute(select(Unit.name, Unit.kind)).all())
    districts = [n for n, k in kinds.items() if k == UnitKind.DISTRICT and n in V.PLACES]
    enterprises = [units[n] for n, k in kinds.items() if k == UnitKind.ENTERPRISE]
    tasks = conn.execute(select(KeyTask.id, KeyTask.lead_unit_id).order_by(KeyTask.id)).all()
    by_kind: dict[str, list[int]] = {}
    for kind, task_id in conn.execute(
        select(Project.kind, Project.task_id).where(Project.task_id.is_not(None))
    ):
        by_kind.setdefault(kind, []).append(task_id)
    top = [t for (t,) in conn.execute(select(KeyTask.id).where(KeyTask.parent_id.is_(None)))]
    for kind in ProjectKind:
        by_kind.setdefault(kind.value, top)
    return Registry(units, districts, enterprises, [tuple(t) for t in tasks], by_kind)


def _add_units(conn: Connection, rng: random.Random, reg: Registry, wanted: int,
               stamp: datetime) -> int:
    """Project-owner companies (平台公司), so lead units spread like a real registry's."""
    names: list[str] = []
    taken = set(reg.unit_ids)
    while len(names) < wanted:
        district = rng.choice(reg.district_names)
        short = district.removesuffix("区").removesuffix("新")
        word = rng.choice([*V.INDUSTRY_WORDS, *V.PLACES[district]])
        name = f"天津{short}{word}{rng.choice(V.FIRM_WORDS)}{rng.choice(V.FIRM_SUFFIXES)}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    rows = [
        {"name": n, "kind": UnitKind.ENTERPRISE.value, "contact_person": rng.choice(V.PEOPLE),
         "contact_phone": f"022-{rng.randint(23000000, 29999999)}", "note": "",
         "sort_key": sort_key(n), "search_text": search_text(n), "is_demo": False,
         "version": 1, "created_at": stamp, "updated_at": stamp}
        for n in names
    ]
    if rows:
        conn.execute(insert(Unit.__table__), rows)
    for name, unit_id in conn.execute(select(Unit.name, Unit.id).where(Unit.name.in_(names))):
        reg.unit_ids[name] = unit_id
        reg.enterprise_ids.append(unit_id)
    return len(rows)


def _project_rows(rng: random.Random, reg: Registry, count: int) -> list[dict]:
    serial: dict[int, int] = {}
    rows = []
    for _ in range(count):
        kind = _weighted(rng, KIND_WEIGHTS)
        district = _weighted(rng, V.DISTRICT_WEIGHTS)
        name, chain = _compose_name(rng, kind, district)
        start = date(2019, 1, 1) + timedelta(days=rng.randint(0, 7 * 365))
        years = rng.randint(1, 5)
        completion = date(min(start.year + years, 2031), 12, 31)
        year = min(max(start.year - rng.randint(0, 1), 2019), END_YEAR)
        serial[year] = serial.get(year, 0) + 1
        total = round(MEDIAN_INVESTMENT[kind] * math.exp(rng.gauss(0, 0.9)), 2)
        annual = round(min(total, total / years * rng.uniform(0.6, 1.4)), 2)
        roll = rng.random()
        if roll < 0.4:
            lead = reg.unit_ids[district]
        elif roll < 0.75 or not reg.enterprise_ids:
            lead = reg.unit_ids[rng.choice(LEAD_DEPARTMENTS[kind])]
        else:
            lead = rng.choice(reg.enterprise_ids)
        desc = rng.choice(V.DESCRIPTIONS).format(n=rng.randint(5, 800))
        rows.append({
            "code": f"JJJ-{year}-{serial[year]:05d}", "name": name,
            "district_id": reg.unit_ids[district], "lead_unit_id": lead,
            "industry_chain": chain, "kind": kind.value,
            "total_investment": total, "annual_investment": annual,
            "stage": _weighted(rng, STAGE_WEIGHTS).value,
            "planned_start": start, "planned_completion": completion,
            "task_id": rng.choice(reg.tasks_by_kind[kind.value]) if rng.random() < 0.85 else None,
            "description": f"项目总投资{total:g}亿元，{desc}。", "is_demo": False, "version": 1,
        })
    return rows


def _fill_keys(rows: list[dict], workers: int) -> float:
    """sort_key / search_text as the services store them; pinyin once per distinct part."""
    started = time.perf_counter()
    names = sorted({r["name"] for r in rows})
    by_name = dict(zip(names, _parallel(_name_keys, names, workers), strict=True))
    codes = [r["code"] for r in rows]
    by_code = dict(zip(codes, _parallel(_code_keys, codes, workers), strict=True))
    chains = {c: _pieces(c) for c in {r["industry_chain"] for r in rows}}
    for r in rows:
        key, name_pieces = by_name[r["name"]]
        r["sort_key"] = key
        r["search_text"] = "\x1f".join(
            name_pieces + by_code[r["code"]] + chains[r["industry_chain"]]
        )
    check = random.Random(0).sample(rows, min(200, len(rows)))
    for r in check:  # the shortcut must never drift from the services' own functions
        assert r["sort_key"] == sort_key(r["name"]), r["name"]
        assert r["search_text"] == search_text(r["name"], r["code"], r["industry_chain"]), r
    return time.perf_counter() - started


# ----------------------------------------------------------------- progress entries


def reporting_periods(first_year: int, last_year: int) -> list[Period]:
    """Every week, month and quarter of the years, in the order reports fall due."""
    periods = []
    for y in range(first_year, last_year + 1):
        periods += [Period.week(y, w) for w in range(1, weeks_in_year(y) + 1)]
        periods += [Period.month(y, m) for m in range(1, 13)]
        periods += [Period.quarter(y, q) for q in range(1, 5)]
    rank = {PeriodKind.WEEK: 0, PeriodKind.MONTH: 1, PeriodKind.QUARTER: 2}
    return sorted(periods, key=lambda p: (p.end, rank[p.kind]))


@dataclass
class Subject:
    project_id: int | None
    task_id: int | None
    unit_id: int | None
    total: float | None
    stage: str | None
    count: int  # how many entries
    first: int  # index of its first period


@dataclass
class PeriodInfo:
    kind: str
    key: str
    stamps: list[datetime]
    batch_id: int | None
    recent: bool


def _spread(rng: random.Random, total: int, n: int, capacity: int) -> list[int]:
    """`total` split over `n` subjects, each between 1 and `capacity`, unevenly."""
    if n * capacity < total:
        raise SystemExit(f"{total} entries do not fit {n} subjects × {capacity} periods")
    weights = [rng.uniform(0.4, 1.6) for _ in range(n)]
    scale = total / sum(weights)
    counts = [min(capacity, max(1, int(w * scale))) for w in weights]
    diff = total - sum(counts)
    order = list(range(n))
    while diff:
        rng.shuffle(order)
        for i in order:
            if diff > 0 and counts[i] < capacity:
                counts[i] += 1
                diff -= 1
            elif diff < 0 and counts[i] > 1:
                counts[i] -= 1
                diff += 1
            if not diff:
                break
    return counts


def _texts(rng: random.Random) -> dict[str, list[str]]:
    """Pre-rendered phrase combinations; entries pick from these pools."""
    extras = [e.format(n=rng.randint(3, 600), pct=rng.randint(10, 95))
              for e in V.PROGRESS_EXTRAS for _ in range(8)]
    return {
        "head": [f"{a}{s}" for a in V.PROGRESS_ACTIONS for s in V.PROGRESS_STATES],
        "extra": extras,
        "problems": [f"{a}；{b}。" for a in V.PROBLEMS for b in V.PROBLEMS if a != b]
        + [f"{a}。" for a in V.PROBLEMS] * 6,
        "next": [f"下一步，{a}，{b}。" for a in V.NEXT_STEPS for b in V.NEXT_STEPS if a != b],
        "coord": [f"{c}。" for c in V.COORDINATION],
    }


def _progress_span(rng: random.Random, stage: str | None) -> tuple[float, float]:
    """Completion % at a subject's first and last entry, consistent with its stage."""
    if stage in (Stage.PLANNING, Stage.SIGNED):
        p0 = rng.uniform(0, 3)
        return p0, p0 + rng.uniform(0, 20)
    if stage in (Stage.COMPLETED, Stage.IN_PRODUCTION, Stage.OPERATING):
        return rng.uniform(20, 70), 100.0
    p0 = rng.uniform(0, 40)
    return p0, min(99.0, p0 + rng.uniform(20, 70))


def _entry_rows(rng: random.Random, subjects: list[Subject], periods: list[PeriodInfo],
                ) -> Iterator[dict]:
    pools = _texts(rng)
    heads, extras, probs = pools["head"], pools["extra"], pools["problems"]
    nexts, coords = pools["next"], pools["coord"]
    rows_in_batch: dict[int, int] = {}
    recent = list(RECENT_STATES), list(accumulate(RECENT_STATES.values()))
    past = list(PAST_STATES), list(accumulate(PAST_STATES.values()))
    for s in subjects:
        lagging_project = rng.random() < 0.2
        p0, p1 = _progress_span(rng, s.stage)
        step = (p1 - p0) / max(1, s.count - 1)
        last_cum: dict[str, float] = {}
        reporter = V.PEOPLE[(s.unit_id or 0) % len(V.PEOPLE)]
        for j in range(s.count):
            p = periods[s.first + j]
            pct = round(p0 + step * j, 1)
            if pct >= 100:
                assessment = Assessment.DONE
            elif pct < 1:
                assessment = Assessment.NOT_STARTED
            elif rng.random() < (0.6 if lagging_project else 0.05):
                assessment = Assessment.LAGGING
            else:
                assessment = Assessment.ON_TRACK
            lagging = assessment is Assessment.LAGGING
            if s.total is not None:
                cum = round(s.total * pct / 100, 2)
                invest = round(max(0.0, cum - last_cum.get(p.kind, s.total * p0 / 100)), 2)
                last_cum[p.kind] = cum
                money = f"累计完成投资{cum:g}亿元，"
            else:
                cum = invest = None
                money = ""
            # The last weeks are still being reported and reviewed.
            states, weights = recent if p.recent else past
            state = rng.choices(states, cum_weights=weights)[0]
            if p.batch_id is not None and rng.random() < 0.3:
                rows_in_batch[p.batch_id] = row = rows_in_batch.get(p.batch_id, 3) + 1
                source, batch, sheet = "import", p.batch_id, SOURCE_SHEET
            else:
                source, batch, sheet, row = "manual", None, "", None
            stamp = rng.choice(p.stamps)
            yield {
                "task_id": s.task_id, "project_id": s.project_id,
                "period_kind": p.kind, "period_key": p.key,
                "assessment": assessment.value, "completion_pct": pct,
                "invest_period": invest, "invest_cumulative": cum,
                "progress": f"{rng.choice(heads)}，{rng.choice(extras)}。{money}"
                            f"形象进度完成{pct:g}%。",
                "problems": rng.choice(probs)
                if (lagging and rng.random() < 0.4) or rng.random() < 0.04 else "",  # ~10%
                "next_steps": rng.choice(nexts),
                "coordination": rng.choice(coords)
                if rng.random() < (0.4 if lagging else 0.05) else "",
                "reporter_unit_id": s.unit_id, "reporter": reporter,
                "review_state": state.value,
                "review_comment": rng.choice(V.RETURN_COMMENTS)
                if state is ReviewState.RETURNED else "",
                "source": source, "import_batch_id": batch, "source_sheet": sheet,
                "source_row": row, "is_demo": False, "version": 1,
                "created_at": stamp, "updated_at": stamp,
            }


def _import_batches(conn: Connection, periods: list[Period]) -> dict[str, int]:
    """One monthly return file per month; its id keyed by the month's period key."""
    months = [p for p in periods if p.kind is PeriodKind.MONTH]
    rows = []
    for m in months:
        name = f"{m.label}进展汇总(各单位报送).xlsx"
        at = datetime.combine(m.end + timedelta(days=5), datetime.min.time(), UTC)
        rows.append({"file_name": name, "file_hash": hashlib.sha256(name.encode()).hexdigest(),
                     "actor": "bench", "created_at": at, "counts": "{}", "diagnostics": "[]"})
    conn.execute(insert(ImportBatch.__table__), rows)
    ids = dict(conn.execute(select(ImportBatch.file_name, ImportBatch.id)).all())
    return {m.key: ids[r["file_name"]] for m, r in zip(months, rows, strict=True)}


def _period_infos(rng: random.Random, periods: list[Period], batches: dict[str, int]
                  ) -> list[PeriodInfo]:
    infos = []
    for i, p in enumerate(periods):
        base = datetime.combine(p.end, datetime.min.time(), UTC)
        stamps = [base + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 10),
                                   minutes=rng.randint(0, 59)) for _ in range(6)]
        last_month = p.key if p.kind is PeriodKind.MONTH else (
            f"{p.year}-{p.index * 3:02d}" if p.kind is PeriodKind.QUARTER else None)
        infos.append(PeriodInfo(p.kind.value, p.key, stamps, batches.get(last_month or ""),
                                recent=i >= len(periods) - 8))
    return infos


# ----------------------------------------------------------------- main


def _insert_chunks(conn: Connection, table, rows, label: str) -> tuple[int, float]:
    started = time.perf_counter()
    stmt = insert(table)
    done, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            conn.execute(stmt, chunk)
            done += len(chunk)
            chunk = []
            if done % 200_000 == 0:
                rate = done / (time.perf_counter() - started)
                print(f"  {label}: {done:,} rows, {rate:,.0f} rows/s", flush=True)
    if chunk:
        conn.execute(stmt, chunk)
        done += len(chunk)
    return done, time.perf_counter() - started


def _report(label: str, rows: int, seconds: float) -> None:
    rate = rows / seconds if seconds else float("inf")
    print(f"{label:<28} {rows:>10,} rows {seconds:8.2f} s {rate:>12,.0f} rows/s", flush=True)


def build(path: Path, projects: int, entries: int, seed: int, workers: int,
          audit_events: int = 300_000, attachments: int = 3_000) -> None:
    rng = random.Random(seed)
    t_start = time.perf_counter()
    db = open_database(resolve_url(path))
    t_open = time.perf_counter() - t_start
    print(f"created and migrated {db.location} in {t_open:.2f} s")
    stamp = datetime(2025, 1, 6, 1, 0, tzinfo=UTC)
    with db.session() as session:
        t0 = time.perf_counter()
        counts = load_demo(session=session, actor=Actor(name="bench"))
        session.flush()
        _report("demo registry (ORM)", sum(counts.values()), time.perf_counter() - t0)
        conn = session.connection()
        if conn.dialect.name == "sqlite":  # a bigger page cache for the index inserts
            conn.exec_driver_sql("PRAGMA cache_size=-262144")
        reg = _read_registry(conn)

        t0 = time.perf_counter()
        n_units = _add_units(conn, rng, reg, max(0, projects // 60 - len(reg.unit_ids)), stamp)
        _report("units (Core)", n_units, time.perf_counter() - t0)

        t0 = time.perf_counter()
        rows = _project_rows(rng, reg, max(0, projects - counts["projects"]))
        for r in rows:
            r["created_at"] = r["updated_at"] = stamp
        t_gen = time.perf_counter() - t0
        t_keys = _fill_keys(rows, workers)
        _report("  project rows generated", len(rows), t_gen)
        _report("  sort_key/search_text", len(rows), t_keys)
        n, secs = _insert_chunks(conn, Project.__table__, rows, "projects")
        _report("projects (Core insert)", n, secs)
        del rows

        # Should the demo loader ever write entries, count them and leave their subjects alone.
        reported = conn.execute(select(ProgressEntry.project_id, ProgressEntry.task_id)).all()
        done_projects = {p for p, _ in reported if p is not None}
        done_tasks = {t for _, t in reported if t is not None}
        reg.task_ids = [t for t in reg.task_ids if t[0] not in done_tasks]
        project_rows = [
            row for row in conn.execute(
                select(Project.id, Project.lead_unit_id, Project.total_investment, Project.stage)
                .order_by(Project.id))
            if row[0] not in done_projects
        ]
        entries -= len(reported)
        n_tasks = min(len(reg.task_ids) * 48, entries // 20)
        n_proj_entries = entries - n_tasks
        per_year = 52 + 12 + 4
        years = max(3, math.ceil(n_proj_entries / max(1, len(project_rows)) * 1.7 / per_year))
        periods = reporting_periods(END_YEAR - years + 1, END_YEAR)
        batches = _import_batches(conn, periods)
        infos = _period_infos(rng, periods, batches)
        capacity = len(periods)
        subjects = []
        for (pid, unit, total, stage), k in zip(
            project_rows, _spread(rng, n_proj_entries, len(project_rows), capacity), strict=True
        ):
            # Most projects are still reporting; some stopped (completed, paused) earlier.
            first = capacity - k if rng.random() < 0.7 else rng.randint(0, capacity - k)
            subjects.append(Subject(pid, None, unit, total, stage, k, first))
        # Tasks report monthly and quarterly only; they take the most recent such periods.
        coarse = [i for i, p in enumerate(periods) if p.kind is not PeriodKind.WEEK]
        task_periods = [infos[i] for i in coarse]
        task_counts = _spread(rng, n_tasks, len(reg.task_ids), len(coarse)) if n_tasks else []
        task_subjects = [Subject(None, tid, unit, None, None, k, len(coarse) - k)
                         for (tid, unit), k in zip(reg.task_ids, task_counts, strict=False)]

        def all_entries() -> Iterator[dict]:
            yield from _entry_rows(rng, subjects, infos)
            yield from _entry_rows(rng, task_subjects, task_periods)

        n, secs = _insert_chunks(conn, ProgressEntry.__table__, all_entries(), "entries")
        _report("progress entries (Core)", n, secs)
        print(f"  periods {periods[0].key} … {periods[-1].key} ({capacity}), "
              f"{len(batches)} import batches, {n_tasks:,} task entries")
        t0 = time.perf_counter()
        found = H.add_problems(conn, rng)
        _report("problems (Core)", found["problems"], time.perf_counter() - t0)
        print("  " + ", ".join(f"{k} {v:,}" for k, v in found.items()))
        _report("audit events, chained", audit_events, H.add_audit(conn, rng, audit_events))
        t0 = time.perf_counter()
        found = H.add_attachments(conn, rng, attachments)
        _report("attachments (Core)", attachments, time.perf_counter() - t0)
        print(f"  {found['blob bytes'] / 1e6:,.1f} MB of blobs")
        t0 = time.perf_counter()
    t_commit = time.perf_counter() - t0
    print(f"commit {t_commit:.2f} s")
    t0 = time.perf_counter()
    db.dispose()  # closing the last connection checkpoints the WAL into the file
    print(f"checkpoint and close {time.perf_counter() - t0:.2f} s")
    total = time.perf_counter() - t_start
    file = sqlite_file(db.url)
    size = f", {file.stat().st_size / 1e6:,.0f} MB" if file else ""
    print(f"total {total:.1f} s{size}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="SQLite file to create")
    parser.add_argument("--projects", type=int, default=10_000, help="total projects")
    parser.add_argument("--entries", type=int, default=1_000_000, help="total progress entries")
    parser.add_argument("--seed", type=int, default=20240312)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for the pinyin keys")
    parser.add_argument("--audit-events", type=int, default=300_000, help="chained audit rows")
    parser.add_argument("--attachments", type=int, default=3_000, help="small attachments")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args(argv)
    if args.db.exists():
        if not args.force:
            print(f"{args.db} exists; use --force to replace it", file=sys.stderr)
            return 2
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build(args.db, args.projects, args.entries, args.seed, args.workers, args.audit_events,
          args.attachments)
    return 0


if __name__ == "__main__":
    sys.exit(main())
