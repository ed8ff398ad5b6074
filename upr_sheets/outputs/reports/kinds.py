"""The sections of each kind of report: mid-term (shadow) report, ministry briefing, embassy pack.

Pure builders over `content.Inputs`; run inside `i18n.use(lang)`.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from upr_sheets.analysis import breakdowns, charts, metrics
from upr_sheets.analysis.recurring import recurring_pairs
from upr_sheets.core import i18n
from upr_sheets.core.i18n import _, ngettext

from . import content as c
from .model import Bullets, Chart, KeyFigure, KeyFigures, Paragraph, Section, Table

MAX_GROUPS = 25  # bars in a status-by chart; the groups with the most recommendations are kept
MAX_ASKS = 30
# An embassy pack of this many recommendations or fewer has no status chart, and fits on one page: the table of its
# recommendations, on the same page, gives each one's status; a chart of four bars would take a third of the page.
SMALL_PACK = 5


def _status_chart(inp: c.Inputs, recs: pd.DataFrame, field: str, key: str, title: str) -> list:
    """A stacked status-by chart of `field`, with a caption when groups were left out."""
    long = breakdowns.status_by(recs, field, inp.settings, none=_("(none)"))
    totals = long.groupby("group", sort=False)["count"].sum()
    kept = set(totals.sort_values(ascending=False, kind="stable").index[:MAX_GROUPS])
    long = long.loc[long["group"].isin(kept)]  # statuses stay the data's words: the chart translates them
    fig = charts.status_by_bar(long, inp.settings, title=title,
                               x_title=_("Share of recommendations"), unit=_("recommendations"),
                               empty=_("No recommendations to show."))
    out: list = [Chart(key, title, fig)]
    if len(totals) > MAX_GROUPS:
        out.append(Paragraph(_("The {shown} of {total} groups with the most recommendations are shown.").format(
            shown=c.count(MAX_GROUPS), total=c.count(len(totals))), note=True))
    return out


def _distribution(inp: c.Inputs, recs: pd.DataFrame, key: str, title: str) -> tuple[Chart, Table]:
    """A status bar chart and the same figures as a table."""
    dist = metrics.status_distribution(recs, inp.settings)
    fig = charts.status_bar(dist, inp.settings, title=title, x_title=_("Recommendations"),
                            empty=_("No recommendations to show."))
    rows = tuple((_(s), c.count(n), i18n.percent(v)) for s, n, v in zip(dist["status"], dist["count"], dist["pct"]))
    table = Table(f"{key}_table", (_("Coalition's assessment"), _("Recommendations"), _("Share")), rows,
                  (3.0, 1.4, 1.0), numeric=(1, 2))
    return Chart(key, title, fig, width=800), table


def _figures(inp: c.Inputs, recs: pd.DataFrame, first: str) -> KeyFigures:
    """Recommendations, accepted, noted (and partially accepted / pending when there are any), triggered action."""
    head = metrics.headline(replace(inp.data, recommendations=recs), inp.settings)
    items = [KeyFigure(first, c.count(head["total"])), KeyFigure(_("Accepted"), c.count(head["accepted"]))]
    if head["partially_accepted"]:
        items.append(KeyFigure(_("Partially accepted"), c.count(head["partially_accepted"])))
    items.append(KeyFigure(_("Noted"), c.count(head["noted"])))
    if head["pending"]:
        items.append(KeyFigure(_("Pending"), c.count(head["pending"])))
    if not head["assessed"]:
        items.append(KeyFigure(_("Triggered action"), "–", _("None assessed yet")))
        return KeyFigures(tuple(items))
    # UPR Info's figure is of a whole cycle: beside the whole cycle's figure only, never a ministry's or a State's
    whole = len(recs) == len(inp.recs)
    note = _("of {n}").format(n=c.count(head["total"]))
    if whole:
        note += " · " + _("UPR Info: {share}").format(share=i18n.percent(head["benchmarks"]["all"]))
    items.append(KeyFigure(_("Triggered action"), i18n.percent(head["triggered_pct"]["all"]), note))
    return KeyFigures(tuple(items))


def _method(inp: c.Inputs, *extra: str) -> Section:
    """How the report was made: statuses, the data it uses, and what it leaves out."""
    top = metrics.top_status(inp.settings)
    triggered = [_(s) for s in inp.settings.status_labels if s in inp.settings.triggered_statuses]
    texts = [_("Statuses are the coalition's own assessment; \"Government says\" is what the government reports, "
               "for example in its mid-term report. A recommendation triggered action when it is {levels}.").format(
                 levels=_(" or ").join(triggered) or _(top)),
             *extra,
             (_("Internal copy for coalition members: it includes the private columns ({columns}).") if inp.internal
              else _("Public copy: the private columns ({columns}) are left out.")).format(
                 columns=", ".join(inp.settings.privacy.private_columns))]
    return Section("method", _("About this report"), tuple(Paragraph(t, note=True) for t in texts))


def midterm(inp: c.Inputs) -> tuple[str, str, list[Section]]:
    """Mid-term (shadow) report: headline figures against UPR Info, status charts, priorities, recurring demands."""
    recs, settings = inp.recs, inp.settings
    head = metrics.headline(inp.data, settings)
    share, bench = head["triggered_pct"], head["benchmarks"]
    intro = ngettext("This report sets out the coalition's assessment of how the {n} recommendation of UPR cycle "
                     "{cycle} is being implemented, beside what the government reports.",
                     "This report sets out the coalition's assessment of how the {n} recommendations of UPR cycle "
                     "{cycle} are being implemented, beside what the government reports.", head["total"]).format(
        n=c.count(head["total"]), cycle=c.count(inp.cycle))
    groups = (("all", _("All recommendations"), head["total"]), ("accepted", _("Accepted"), head["accepted"]),
              ("noted", _("Noted"), head["noted"]))
    bench_table = Table("benchmarks", (_("Recommendations"), _("Number"), _("Triggered action"),
                                        _("UPR Info, first cycle at mid-term")),
                        tuple((name, c.count(n), i18n.percent(share[k]) if head["assessed"] else "–",
                               i18n.percent(bench[k])) for k, name, n in groups),  # nothing assessed: no 0 %
                        (3.0, 1.2, 1.6, 2.2), numeric=(1, 2, 3))
    bench_text = _("UPR Info found that by the mid-term of the first cycle {all} of all recommendations, {accepted} of "
                   "accepted ones and {noted} of noted ones had triggered action (partially or fully implemented)."
                   ).format(**{k: i18n.percent(v) for k, v in bench.items()})
    summary = Section("summary", _("Key figures"), (Paragraph(intro), _figures(inp, recs, _("Recommendations")),
                                                     bench_table, Paragraph(bench_text, note=True)))
    chart, dist = _distribution(inp, recs, "status", _("Implementation status"))
    status = Section("status", _("Implementation status"), (
        chart, dist, *_status_chart(inp, recs, "themes", "status_by_theme", _("Status by theme")),
        *_status_chart(inp, recs, "ministries", "status_by_ministry", _("Status by ministry"))))
    urgent = recs.loc[(recs["priority"] == c.URGENT).to_numpy(dtype=bool)]
    table = c.rec_table(inp, "priority", urgent, ("id", "text", "status", "government_status", "last_assessed",
                                                  "evidence"), last=c.last_assessed(inp, urgent), extra=inp.private,
                        empty=_("No recommendation of this cycle is marked {priority}.").format(priority=_(c.URGENT)))
    priority = Section("priority", _("Priority recommendations"), (
        Paragraph(ngettext("The {n} recommendation the coalition marked {priority} in the Priority column.",
                           "The {n} recommendations the coalition marked {priority} in the Priority column.",
                           len(urgent)).format(n=c.count(len(urgent)), priority=_(c.URGENT))), table))
    title = _("Mid-term report on the implementation of UPR recommendations")
    return title, c.cycle_label(inp), [summary, status, priority, _recurring(inp), _method(inp)]


def _recurring(inp: c.Inputs) -> Section:
    """This cycle's recommendations that repeat a demand of the previous cycle in the data."""
    earlier = [n for n in c.cycles_in(inp.full) if n < inp.cycle]
    if not earlier:
        return Section("recurring", _("Recurring recommendations"), (
            Paragraph(_("The data holds no earlier cycle to compare with.")),))
    prev = earlier[-1]
    both = inp.full.recommendations
    pairs = recurring_pairs(both.loc[both["cycle"].isin([prev, inp.cycle]).to_numpy(dtype=bool)])
    pairs = pairs.loc[(pairs["cycle_b"] == inp.cycle).to_numpy(dtype=bool)]
    status = dict(zip(inp.recs["id"], inp.recs["status"]))
    rows = tuple((b, tb, a, ta, c.label(status.get(b))) for a, ta, b, tb in
                 zip(pairs["id_a"], pairs["text_a"], pairs["id_b"], pairs["text_b"]))
    prev_label = _("Cycle {n}").format(n=c.count(prev))
    in_prev = _("cycle {n}").format(n=c.count(prev))
    table = Table("recurring", (_("ID"), _("Recommendation"), _("{cycle} ID").format(cycle=prev_label),
                                _("{cycle} recommendation").format(cycle=prev_label), _("Coalition's assessment")),
                  rows, (0.9, 4.0, 0.9, 4.0, 1.6), empty=_("No recommendation repeats one of {cycle}.").format(
                      cycle=in_prev))
    text = ngettext("{n} recommendation repeats a demand already made in {cycle}: the government was asked "
                    "twice.", "{n} recommendations repeat a demand already made in {cycle}: the government was "
                    "asked twice.", len(rows)).format(n=c.count(len(rows)), cycle=in_prev)
    notes = [Paragraph(_("Texts are matched by similarity of their words; each recommendation is shown with the "
                         "closest one of the earlier cycle."), note=True)]
    if not pairs.attrs.get("complete", True):
        notes.append(Paragraph(_("The comparison was cut short to keep it fast: some recurring recommendations may "
                                 "be missing."), note=True))
    return Section("recurring", _("Recurring recommendations"), (Paragraph(text), table, *notes))


def ministry(inp: c.Inputs, name: str) -> tuple[str, str, list[Section]]:
    """Briefing pack for one ministry: its recommendations, what is stale or disputed, and what to ask next."""
    settings, months = inp.settings, inp.settings.dashboard.stale_after_months
    mask = pd.Series(False, index=inp.recs.index)
    mask.loc[c.rows_with(inp.recs, "ministries", name).index] = True
    recs = inp.recs.loc[mask]
    old = recs.loc[c.stale(inp)[mask.to_numpy()]]
    disputed = metrics.disagreements(recs, settings)
    last = c.last_assessed(inp, recs)
    chart, _table = _distribution(inp, recs, "status", _("Implementation status"))
    not_assessed = ngettext("Not assessed in {n} month", "Not assessed in {n} months", months).format(
        n=c.count(months))
    figures = KeyFigures((*_figures(inp, recs, _("Recommendations")).items,
                          KeyFigure(not_assessed, c.count(len(old))),
                          KeyFigure(_("Government claim disputed"), c.count(len(disputed)))))
    intro = ngettext("{ministry} is responsible, alone or with others, for {n} recommendation of UPR cycle {cycle}.",
                     "{ministry} is responsible, alone or with others, for {n} recommendations of UPR cycle "
                     "{cycle}.", len(recs)).format(ministry=name, n=c.count(len(recs)), cycle=c.count(inp.cycle))
    listed = c.rec_table(inp, "recommendations", recs, ("id", "text", "response", "status", "government_status",
                                                         "evidence"), extra=inp.private, empty=_("No recommendation."))
    stale = c.rec_table(inp, "stale", old, ("id", "text", "status", "last_assessed"), last=last.loc[old.index],
                        empty=_("Every recommendation was assessed in that time."))
    differ = c.rec_table(inp, "disagreements", disputed, ("id", "text", "government_status", "status", "evidence"),
                         empty=_("The coalition's assessment and the government's status agree wherever both are "
                                 "set."))
    sections = [Section("summary", _("Key figures"), (Paragraph(intro), figures, chart)),
                _asks(inp, recs, old, disputed, last),
                Section("recommendations", _("Its recommendations"), (listed,)),
                Section("stale", not_assessed, (stale,)),
                Section("disagreements", _("Where the coalition and the government disagree"), (differ,)),
                _method(inp)]
    return _("Briefing for {ministry}").format(ministry=name), c.cycle_label(inp), sections


def _asks(inp: c.Inputs, recs: pd.DataFrame, old: pd.DataFrame, disputed: pd.DataFrame,
          last: pd.Series) -> Section:
    """What the coalition asks next, derived from the data, with how the list was made."""
    top = metrics.top_status(inp.settings)
    urgent = recs.loc[((recs["priority"] == c.URGENT) & (recs["status"] != top)).to_numpy(dtype=bool)]
    rows: list[tuple[str, ...]] = []
    seen: set = set()
    for frame, ask in ((urgent, _("Implement")), (old, _("Report progress on")),
                       (disputed, _("Explain the difference"))):
        for index, row in frame.iterrows():
            if index in seen:
                continue
            seen.add(index)
            if frame is urgent:
                why = _("{priority} priority; the coalition's assessment: {status}").format(
                    priority=_(c.URGENT), status=c.label(row["status"]))
            elif frame is old:
                when = last.get(index)
                why = _("Never assessed") if pd.isna(when) else _("No assessment since {date}").format(
                    date=i18n.day(pd.Timestamp(when)))
            else:
                why = _("The government says {government}; the coalition finds {status}").format(
                    government=c.label(row["government_status"]), status=c.label(row["status"]))
            rows.append((c.count(len(rows) + 1), ask, str(row["id"]), str(row["text"]), why))
    how = _("How this list was made: the sheet has no column for the coalition's requests, so the list is drawn "
            "from the data. First come the recommendations marked {priority} in the Priority column that the "
            "coalition does not yet rate “{top}” (ask: implement), then those with no assessment in the last "
            "{months} months (ask: report progress), then those where the government's status differs from the "
            "coalition's assessment (ask: explain the difference). Each recommendation appears once, under its "
            "first reason.").format(priority=_(c.URGENT), top=_(top),
                                    months=c.count(inp.settings.dashboard.stale_after_months))
    blocks: list = [Table("asks", ("#", _("Ask"), _("ID"), _("Recommendation"), _("Why")), tuple(rows[:MAX_ASKS]),
                          (0.5, 1.4, 1.2, 4.2, 2.4), numeric=(0,), empty=_("Nothing to ask for now."))]
    if len(rows) > MAX_ASKS:
        blocks.append(Paragraph(_("The first {shown} of {total} requests are listed.").format(
            shown=c.count(MAX_ASKS), total=c.count(len(rows))), note=True))
    return Section("asks", _("What the coalition asks next"), (*blocks, Paragraph(how, note=True)))


def state(inp: c.Inputs, name: str) -> tuple[str, str, list[Section]]:
    """Embassy pack: the recommendations one State made, their response and status, and how it can help."""
    recs = c.rows_with(inp.recs, "states", name)
    top = metrics.top_status(inp.settings)
    status = (_distribution(inp, recs, "status", _("Implementation status"))[0],) if len(recs) > SMALL_PACK else ()
    intro = ngettext("{state} made {n} recommendation in UPR cycle {cycle}, alone or with other States.",
                     "{state} made {n} recommendations in UPR cycle {cycle}, alone or with other States.",
                     len(recs)).format(state=name, n=c.count(len(recs)), cycle=c.count(inp.cycle))
    open_ids = list(recs.loc[(recs["status"] != top).to_numpy(dtype=bool), "id"])
    disputed = list(metrics.disagreements(recs, inp.settings)["id"])
    help_items = [_("Follow up your own recommendations: raise those the coalition does not yet rate “{top}” "
                    "({ids}) in your dialogue with the government.").format(top=_(top),
                                                                           ids=", ".join(open_ids) or _("none"))]
    if disputed:
        help_items.append(_("Ask the government for the evidence behind its reports where the coalition's "
                            "assessment differs ({ids}).").format(ids=", ".join(disputed)))
    help_items += [_("Meet the coalition to hear how implementation looks on the ground, and share what your "
                     "embassy learns."),
                   _("Consider advance questions and recommendations on these issues at the next review.")]
    joint = bool(recs["states"].map(lambda v: isinstance(v, tuple) and len(v) > 1).any()) if len(recs) else False
    columns = ("id", "text", *(("states",) if joint else ()), "response", "status", "government_status", "evidence")
    sections = [Section("summary", _("Key figures"), (Paragraph(intro), _figures(inp, recs, _("Recommendations made")),
                                                       *status)),
                Section("help", _("How the embassy can help"), (
                    Paragraph(_("The coalition would welcome the embassy's help in following up the recommendations "
                                "its State made:")), Bullets(tuple(help_items)))),
                Section("recommendations", _("The recommendations"), (c.rec_table(
                    inp, "recommendations", recs, columns, extra=inp.private, empty=_("No recommendation.")),)),
                _method(inp)]
    return _("Recommendations made by {state}").format(state=name), c.cycle_label(inp), sections
