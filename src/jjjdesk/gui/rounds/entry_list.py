"""Entries as keyset-paged lists (审核, 退回待改) and the text of one entry for the detail pane."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from jjjdesk.gui.labels import period_key_label
from jjjdesk.gui.models.paged_rows import PagedRowsModel
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.rows_model import Column

if TYPE_CHECKING:
    from jjjdesk.services.entry_views import EntryView


def _state_bg(e: EntryView):
    return common.brush(common.REVIEW_COLOURS.get(e.review_state, "#ffffff"))


class EntriesModel(PagedRowsModel):
    CONTEXT = "EntriesModel"
    COLUMNS = (
        Column("责任单位", lambda e: e.reporter_unit, width=150),
        Column("编号", lambda e: e.subject_code, width=90),
        Column("事项", lambda e: e.subject_name, width=240),
        Column("报告期", lambda e: period_key_label(e.period_key), width=90),
        Column(
            "状态",
            lambda e: common.tr(e.review_state_label),
            background=_state_bg,
            tooltip=lambda e: e.review_comment or None,
            width=64,
        ),
        Column("佐证", lambda e: str(e.attachments) if e.attachments else "", numeric=True,
               width=44),
        Column("推进情况", lambda e: common.tr(e.assessment_label), width=70),
        Column("完成进度(%)", lambda e: common.pct(e.completion_pct), numeric=True, width=80),
        Column(
            "累计投资(亿元)", lambda e: common.money(e.invest_cumulative), numeric=True, width=100
        ),
        Column("报送时间", lambda e: common.stamp(e.submitted_at), width=130),
        Column("审核意见", lambda e: e.review_comment, tooltip=lambda e: e.review_comment or None),
    )


class ReviewModel(EntriesModel):
    """A round's entries in one review state, by submission time."""

    @property
    def query(self):
        if self._query is None:
            from jjjdesk.services.review import ReviewQuery

            self._query = ReviewQuery()
        return self._query

    def _count(self, session, query) -> int:
        from jjjdesk.services import review

        return review.count_for_review(session=session, query=query)

    def _page(self, session, query, request):
        from jjjdesk.services import review

        return review.page_for_review(session=session, query=query, request=request)

    def _count_everything(self, session) -> int:
        return 0  # the page shows the filtered count only


class ReturnedModel(EntriesModel):
    """A unit's 退回待改 inbox, newest returned first."""

    @property
    def query(self):
        if self._query is None:
            from jjjdesk.services.review import ReturnedQuery

            self._query = ReturnedQuery()
        return self._query

    def _count(self, session, query) -> int:
        from jjjdesk.services import review

        return review.count_returned(session=session, query=query)

    def _page(self, session, query, request):
        from jjjdesk.services import review

        return review.page_returned(session=session, query=query, request=request)

    def _count_everything(self, session) -> int:
        return 0


def entry_html(e: EntryView | None) -> str:
    """The whole entry as the reviewer reads it (escaped: entries are user text)."""
    if e is None:
        return ""
    esc = html.escape

    def para(title: str, text: str) -> str:
        body = esc(text).replace("\n", "<br>") if text else "<span style='color:#888'>—</span>"
        return f"<p><b>{esc(title)}</b><br>{body}</p>"

    head = (
        f"<h3>{esc(e.subject_code)} {esc(e.subject_name)}</h3>"
        f"<p>{esc(e.period_label)} · {esc(e.reporter_unit)} · "
        f"{esc(common.tr(e.review_state_label))} · {esc(common.tr(e.source_label))}</p>"
    )
    numbers = [common.tr("推进情况:{0}").format(common.tr(e.assessment_label))]
    if e.completion_pct is not None:
        numbers.append(common.tr("完成进度:{0}%").format(common.pct(e.completion_pct)))
    if e.subject.kind == "project":
        numbers.append(common.tr("本期投资:{0} 亿元").format(common.money(e.invest_period) or "—"))
        numbers.append(
            common.tr("累计投资:{0} 亿元").format(common.money(e.invest_cumulative) or "—")
        )
    parts = [head, "<p>" + esc(" · ".join(numbers)) + "</p>"]
    if e.review_comment:
        parts.append(
            f"<p style='color:#b35c00'><b>{esc(common.tr('审核意见'))}</b> "
            f"{esc(e.review_comment)}</p>"
        )
    parts += [
        para(common.tr("工作进展"), e.progress),
        para(common.tr("存在问题"), e.problems),
        para(common.tr("下步计划"), e.next_steps),
        para(common.tr("需协调事项"), e.coordination),
    ]
    if e.cumulative_reason:
        parts.append(para(common.tr("累计投资说明"), e.cumulative_reason))
    return "".join(parts)
