"""Content of the annual report (verksamhetsberättelsen): display items for a whole year.

Each function takes the dataset and the year and returns a `Table` or `Chart` (see
`report.display`): the year's scorecard with the tertials side by side and the year before, the
evaluation survey per goal (per question this year and last year, and per network type), the
register of uppdrag and projects, and a measure per tertial over two years. The notebooks call
these with `annual=True` (see `report.sections`).
"""

from __future__ import annotations

import pandas as pd

from kuanalys import charts
from kuanalys.dataset import Dataset
from kuanalys.formatting import format_count, format_out_of, format_percent, format_tkr
from kuanalys.metrics import annual as an
from kuanalys.metrics import funds as fnd
from kuanalys.metrics import projects as prj
from kuanalys.periods import Tertial, Year
from kuanalys.report import formats as fm
from kuanalys.report.model import Chart, KeyFigure, KeyFigures, Table
from kuanalys.report.suppression import SUPPRESSED, min_cell_size, suppression_note
from kuanalys.result_text import balance_words, out_of_metric
from kuanalys.scorecard import EJ_BEDOMT, STATUSES, SYMBOLS, metric_value
from kuanalys.spec import NETWORK_TYPES


def _objects(series: pd.Series) -> pd.Series:
    return pd.Series(series.astype("object").where(series.notna(), None), dtype="object")


def annual_scorecard_table(ds: Dataset, year: int, goal: str | None = None, explain: bool = True) -> Table:
    """Return every indicator of the year (or of one goal): tertial 1–3 where the measure is per
    tertial, the year's result, the year before, target, status and trend; without `explain` no note
    (the first goal's table explains the columns once)."""
    sc = an.annual_scorecard(ds, year)
    if goal is not None:
        sc = sc[sc["goal"] == goal].reset_index(drop=True)

    yearly = ~sc["per_tertial"].astype(
        bool
    )  # measured once a year: no tertial value, left empty (– is "inget resultat")

    def tertial(col: str) -> pd.Series:
        return _objects(sc[col]).where(~yearly, "")

    frame = pd.DataFrame(
        {
            "Mål": sc["goal"].astype("object"),
            "Mätetal": sc["text"].astype("object"),
            "Tertial 1": tertial("tertial_1"),
            "Tertial 2": tertial("tertial_2"),
            "Tertial 3": tertial("tertial_3"),
            f"År {year}": _objects(sc["result"]),
            f"År {year - 1}": _objects(sc["comparison_value"]),
            "Målvärde": _objects(sc["target"]).where(sc["target"].notna(), fm.NO_TARGET),
            "Status": [f"{s} {st}" for s, st in zip(sc["symbol"], sc["status"])],
            "Trend": sc["trend"].astype("object"),
            "Bedömning": sc["rule"].astype("object"),
        }
    )
    if goal is not None:  # in a goal chapter: the chapter names the goal, the indicator table above each rule
        frame = frame.drop(columns=["Mål", "Bedömning"])
    kinds = [fm.UNIT_KINDS.get(str(u), "decimal1") for u in sc["unit"]]
    per_tertial = [k if not y else "text" for k, y in zip(kinds, yearly)]
    results = [*kinds]
    for i, r in enumerate(sc.to_dict("records")):  # plan 001's 1.2 "av sökta projekt": "2 av 4" in every column
        of = out_of_metric(str(r["metric"]), str(r["text"]))
        if of is None:
            continue
        periods = {**{f"Tertial {t.number}": t for t in Year(year).tertials()}, f"År {year}": Year(year)}
        periods[f"År {year - 1}"] = Year(year - 1)
        for col, period in periods.items():
            x, y = frame.at[i, col], metric_value(ds, of, period)
            if x is not None and x != "" and not pd.isna(x) and y is not None:
                frame.at[i, col] = format_out_of(x, y)
        results[i] = per_tertial[i] = "text"
    numeric = [f"År {year}", f"År {year - 1}"]
    return Table(
        "matetal_ar" if goal is None else f"matetal_ar_{_slug(goal)}",
        f"Mätetal, {Year(year).label()}",
        frame,
        {"Mål": "text", "Mätetal": "text", "Status": "text", "Trend": "text", "Bedömning": "text"},
        cell_formats={
            **{c: results for c in numeric},
            "Målvärde": [k if pd.notna(v) else "text" for k, v in zip(kinds, sc["target"])],
            **{c: per_tertial for c in ("Tertial 1", "Tertial 2", "Tertial 3")},
        },
        group_by="Mål" if goal is None else None,
        note=None
        if not explain
        else (
            "Årets resultat: närvaro över årets alla möten, kurser och ansökningar för hela året, medel vid årets "
            "sista rapportdatum, enkät, uppdrag och personalmått för året. Tertial 1–3: närvaron under varje "
            "tertial; kurser, ansökningar och ekonomi från årets början till tertialets slut; tomt för mått som mäts "
            "en gång per år. – betyder inget resultat. Trendpilen jämför med året innan."
            + (
                " Status: " + ", ".join(f"{SYMBOLS[s]} {s}" for s in STATUSES) + "; ej bedömt: inget målvärde för året."
                if goal is None
                else ""
            )
        ),
    )


def survey_table(ds: Dataset, year: int, goal: str | None = None) -> Table:
    """Return the survey per question of the year's indicators (or one goal's): share mycket nöjda
    this year and last year, respondents, and the share per network type."""
    res = an.survey_per_goal(ds, year, goal)
    types = [t for t in NETWORK_TYPES if t in res.columns]
    n = min_cell_size()
    hidden = False
    if n > 0 and types and not res.empty:
        from kuanalys.metrics import survey as sv

        counts = sv.survey_by_network_type(
            ds.survey_responses, ds.survey_scale, ds.survey_questions, ds.networks, year, value="respondents"
        ).set_index("question_id")
        for t in types:
            few = [0 < (counts.at[q, t] if pd.notna(counts.at[q, t]) else 0) < n for q in res["question_id"]]
            hidden |= any(few)
            res[t] = res[t].astype("object").mask(pd.Series(few, index=res.index), SUPPRESSED)
    frame = pd.DataFrame(
        {
            "Mål": res["goal"].astype("object") if "goal" in res else pd.Series(dtype=object),
            "Fråga": [f"{q} {t}" for q, t in zip(res["question_id"], res.get("question", res["question_id"]))],
            "Mätetal": res["indicator_text"].astype("object") if "indicator_text" in res else None,
            "Svarande": _objects(res["respondents"]) if "respondents" in res else None,
            f"Mycket nöjda {year}": _objects(res["share"]) if "share" in res else None,
            f"Mycket nöjda {year - 1}": _objects(res["share_last_year"]) if "share_last_year" in res else None,
            **{f"Bland {t}": _objects(res[t]) for t in types},
        }
    )
    formats = {"Mål": "text", "Fråga": "text", "Mätetal": "text", "Svarande": "heltal"}
    formats |= {c: "procent" for c in frame.columns if c.startswith(("Mycket nöjda", "Bland "))}
    return Table(
        "enkat" if goal is None else f"enkat_{_slug(goal)}",
        f"Utvärderingsenkäten {year}: andel mycket nöjda per fråga",
        frame,
        formats,
        group_by="Mål" if goal is None else None,
        note=(
            "Andelen mycket nöjda är andelen av dem som svarade på frågan som gav ett av skalans svar för mycket "
            "nöjd. Kolumnerna Bland … visar samma andel bland svaren från varje typ av nätverk. Enkäten besvaras "
            "i slutet av året." + (f" {suppression_note(n)}" if hidden else "")
        ),
    )


def survey_chart(ds: Dataset, year: int, goal: str | None = None) -> Chart | str:
    """Return the bars of the share mycket nöjda per question, this year and last year, with the
    table; or a sentence saying why there is none."""
    res = an.survey_per_goal(ds, year, goal)
    if res.empty:
        return f"Inget mätetal för {year} läser utvärderingsenkäten."
    if res["share"].isna().all():
        return f"Utvärderingsenkäten {year} har inga svar i underlaget."
    questions = res.get("question", res["indicator_text"])
    return Chart(
        "enkat" if goal is None else f"enkat_{_slug(goal)}",
        charts.survey_shares(res, year),
        survey_table(ds, year, goal),
        key="Frågorna i diagrammet:\n"
        + "\n".join(
            f"{q} {text}" if str(text).endswith(("?", ".", "!")) else f"{q} {text}."
            for q, text in zip(res["question_id"], questions.astype(str).str.strip())
        ),
    )


def project_table(ds: Dataset, year: int) -> Table | str:
    """Return the register of uppdrag and projects summed up per area for the year (or a sentence
    saying that the register has none)."""
    summary = prj.project_summary(ds.projects, year)
    if summary["projects"].iloc[-1] == 0:
        return f"Registret över uppdrag och projekt har inga uppdrag eller projekt för {year}."
    frame = pd.DataFrame(
        {
            "Område": summary["area"].astype("object"),
            "Uppdrag och projekt": summary["projects"],
            "Inom budget": _objects(summary["within_budget"]),
            "Enligt plan": _objects(summary["according_to_plan"]),
            "Mål uppfyllda": _objects(summary["goals_met"]),
            "Extern finansiering": summary["external_funding"],
        }
    )
    return Table(
        "uppdrag_projekt",
        f"Uppdrag och projekt {year}",
        frame,
        {
            "Område": "text",
            "Uppdrag och projekt": "heltal",
            "Inom budget": "procent",
            "Enligt plan": "procent",
            "Mål uppfyllda": "procent",
            "Extern finansiering": "kr",
        },
        total_row=True,
        note="Andelar av de bedömda uppdragen och projekten; planerade räknas inte, delvis uppfyllda mål räknas inte "
        "som uppfyllda.",
    )


def tertial_chart(
    ds: Dataset, metric: str, title: str, year: int, unit: str | None = "%", of: str | None = None
) -> Chart:
    """Return a measure per tertial this year and the year before, side by side, with its table (a row
    per tertial, a column per year: as the chart reads, and short enough for two charts on a page); with
    `of` (the metric of Y, `out_of_metric`), a count reads "2 av 4" in both."""
    values = an.tertial_values(ds, metric, year)
    kind = "tkr" if unit == "kr" else fm.UNIT_KINDS.get(str(unit), "decimal1")  # as the bars are labelled
    if of is not None:
        values["of"] = an.tertial_values(ds, of, year)["value"]
        kind = "text"
        values["shown"] = [
            None if pd.isna(v) or pd.isna(o) else format_out_of(v, o) for v, o in zip(values["value"], values["of"])
        ]
    shown = "shown" if of is not None else "value"
    per_year = {str(y): _objects(part[shown]).tolist() for y, part in values.groupby("year", sort=True)}
    table = Table(
        f"tertialer_{_slug(metric)}",
        title,
        pd.DataFrame({"Tertial": [f"Tertial {n}" for n in (1, 2, 3)], **per_year}),
        {"Tertial": "text", **{y: kind for y in per_year}},
    )
    return Chart(f"tertialer_{_slug(metric)}", charts.tertials_side_by_side(values, title, unit), table)


def annual_report_note(t: Tertial) -> str | None:
    """Return the T3 report's pointer to the annual report (None for tertials 1 and 2)."""
    if t.number != 3 or isinstance(t, Year):
        return None
    return (
        f"Hela årets mätetal, tertialerna sida vid sida och utvärderingsenkätens resultat per fråga och nätverkstyp "
        f"redovisas i verksamhetsberättelsen {t.year}."  # the report names no command: the chief reads it
    )


def _slug(text: str) -> str:
    import re
    import unicodedata

    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")[:40]


# --- exploration across years (notebooks/utforska_enkat_och_projekt.ipynb) ---------------------------
def survey_trend_chart(ds: Dataset) -> Chart:
    """Return the share mycket nöjda per question over every survey year, as lines and a table."""
    from kuanalys.metrics import survey as sv

    by_year = sv.survey_by_year(ds.survey_responses, ds.survey_scale, ds.survey_questions, ds.networks)
    table = Table(
        "enkat_per_ar",
        "Andel mycket nöjda per fråga och år",
        pd.DataFrame(
            {
                "Fråga": by_year["question_id"].astype("object"),
                "Mätetal": by_year["indicator_text"].astype("object"),
                "År": by_year["year"],
                "Svarande": by_year["respondents"],
                "Mycket nöjda": _objects(by_year["share"]),
            }
        ),
        {"Fråga": "text", "Mätetal": "text", "År": "text", "Svarande": "heltal", "Mycket nöjda": "procent"},
    )
    return Chart("enkat_per_ar", charts.survey_trend(by_year), table)


def project_years_table(ds: Dataset) -> Table:
    """Return the register of uppdrag and projects summed up per year, every year in the data."""
    by_year = prj.project_summary_by_year(ds.projects)
    return Table(
        "uppdrag_projekt_per_ar",
        "Uppdrag och projekt per år",
        pd.DataFrame(
            {
                "År": by_year["year"].astype("object"),
                "Uppdrag och projekt": by_year["projects"],
                "Inom budget": _objects(by_year["within_budget"]),
                "Enligt plan": _objects(by_year["according_to_plan"]),
                "Mål uppfyllda": _objects(by_year["goals_met"]),
                "Extern finansiering": by_year["external_funding"],
            }
        ),
        {
            "År": "text",
            "Uppdrag och projekt": "heltal",
            "Inom budget": "procent",
            "Enligt plan": "procent",
            "Mål uppfyllda": "procent",
            "Extern finansiering": "kr",
        },
    )


def former_names_table(ds: Dataset) -> Table:
    """Return the network register's former names: which network had which name in which years."""
    f = ds.network_former_names
    years = [f"{'' if pd.isna(a) else int(a)}–{int(b)}" for a, b in zip(f["from_year"], f["to_year"])]
    return Table(
        "tidigare_namn",
        "Nätverk som bytt namn",
        pd.DataFrame(
            {"Nätverk": f["network"].astype("object"), "Tidigare namn": f["former_name"].astype("object"), "År": years}
        ),
        {"Nätverk": "text", "Tidigare namn": "text", "År": "text"},
        note="Närvaro och enkätsvar under det tidigare namnet räknas till nätverket med dagens namn.",
    )


def tertial_charts(ds: Dataset, year: int) -> list[Chart]:
    """Return one chart per indicator followed up every tertial: its value at each tertial, this year and
    last; attendance is the tertial's own, a year-to-date measure runs from January to the tertial's end."""
    from kuanalys.result_text import is_year_to_date
    from kuanalys.scorecard import indicators_for_year, plan_year

    ind = indicators_for_year(ds.indicators, plan_year(ds, year))
    rows = ind[ind["metric"].astype(str).map(an.is_per_tertial)]

    def title(metric: str, text: str) -> str:  # a year-to-date value is not the tertial's own
        span = "hittills i år vid varje tertials slut" if is_year_to_date(metric) else "per tertial"
        return f"{text.rstrip('.')}, {span} {year - 1}–{year}"

    return [
        tertial_chart(ds, str(m), title(str(m), str(text)), year, str(u), out_of_metric(str(m), str(text)))
        for m, text, u in zip(rows["metric"], rows["text"], rows["unit"])
    ]


# --- the verksamhetsberättelse's opening and economic analysis ----------------------------------------
_WORDS = ("inget", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


_PLURAL = {
    "uppfyllt": "uppfyllda",
    "delvis uppfyllt": "delvis uppfyllda",
    "ej uppfyllt": "ej uppfyllda",
    "ej bedömt": "ej bedömda",
}


def _in_words(n: int) -> str:
    """Return a small count in words ('två'), larger ones as digits (Swedish style)."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else format_count(n)


def goals_as_a_whole(ds: Dataset, t: Year) -> list:
    """Return Året i korthet's goals: a sentence counting the goals per status and a table with each
    strategic goal's status as a whole (chapters.goal_status, the rule in the table's note)."""
    from kuanalys.report import chapters as ch
    from kuanalys.report import structure as st

    rows, statuses = [], []
    for g in st.goals(ds):
        summary = ch.goal_status(ds, t, g.number)
        status = summary.status if summary is not None else EJ_BEDOMT
        statuses.append(status)
        rows.append(
            {
                "Kapitel": g.chapter,
                "Strategiskt mål": g.text,
                "Status som helhet": f"{SYMBOLS[status]} {status}",
                "Mätetal per status": summary.counts_text() if summary is not None else "inga mätetal",
            }
        )
    if not rows:
        return [f"Planen för {t.year} har inga strategiska mål i underlaget."]
    counted = [(s, statuses.count(s)) for s in STATUSES if statuses.count(s)]
    n = _in_words(len(rows))
    if counted == [(EJ_BEDOMT, len(rows))]:
        sentence = (
            f"Inget av de {n} strategiska målen kan bedömas som helhet för {t.year}: inget av deras mätetal har "
            "både ett målvärde och ett resultat."
        )
    elif len(counted) == 1:
        sentence = f"Alla {n} strategiska mål är {_PLURAL.get(counted[0][0], counted[0][0])}."
    else:
        parts = [f"{_in_words(k)} {s if k == 1 else _PLURAL.get(s, s)}" for s, k in counted]
        sentence = f"Av de {n} strategiska målen är {', '.join(parts[:-1])} och {parts[-1]}."
    table = Table(
        "mal_som_helhet",
        f"De strategiska målen som helhet, {t.label()}",
        pd.DataFrame(rows),
        {"Kapitel": "heltal", "Strategiskt mål": "text", "Status som helhet": "text", "Mätetal per status": "text"},
        note=f"Så bedöms ett mål som helhet: {ch.GOAL_RULE}",
    )
    return [sentence, table]


def year_key_figures(ds: Dataset, t: Year) -> KeyFigures:
    """Return the year's key figures: the overview's (attendance, courses, grants, funds, result) and
    the årsarbetare at the year's end."""
    from kuanalys.metrics import staff as stf
    from kuanalys.report import content

    figures = content.key_figures(ds, t)
    fte = stf.total_fte(ds.staff, t)
    if fte is not None:
        figures.items.append(KeyFigure("Årsarbetare vid årets slut", fte, "decimal2"))
    figures.name, figures.title = "nyckeltal_ar", f"Årets nyckeltal, {t.label()}"
    return figures


def economy_balance_text(ds: Dataset, t: Year) -> str:
    """Return whether the economy is in balance: the year's result from the income statement (in
    balance when it is 0 kr or more), against the budgeted result."""
    r = fnd.income_result(ds.income_statement, t)
    if r.empty:
        return f"Det finns ingen resultaträkning för {t.label()}, så det går inte att säga om ekonomin är i balans."
    result, when = int(r["result"].iloc[0]), pd.Timestamp(r["reporting_date"].iloc[0])
    per = f"resultaträkningen per {when:%Y-%m-%d}"
    if result >= 0:
        text = f"Ekonomin är i balans: årets resultat enligt {per} är {format_tkr(result)}"
        text += ", ett överskott." if result > 0 else "."
    else:
        text = f"Ekonomin är inte i balans: årets resultat enligt {per} är ett underskott på {format_tkr(-result)}."
    budget = r["budget_result"].iloc[0]
    if not pd.isna(budget):
        text += f" Det budgeterade resultatet för året var {format_tkr(int(budget))}."
    return text


def budget_outcome_table(ds: Dataset, t: Year) -> Table | str:
    """Return the year's budget and reported costs per verksamhet, tkr, with the deviation and share
    used, and their sum: the tertial reports' Tabell 2 (content.budget_outcome_table) with the share,
    which the annual report shows here only."""
    b = fnd.budget_vs_outcome(ds.budget, t, with_total=True)
    if b.empty:
        return f"Det finns ingen budgetuppföljning per verksamhet för {t.label()}."
    frame = pd.DataFrame(
        {
            "Verksamhet": b["area"].astype("object"),
            f"Budget {t.year}": _objects(b["budget"]),
            "Redovisade kostnader": _objects(b["outcome"]),
            "Avvikelse mot budget": _objects(b["deviation"]),
            "Andel av budget": _objects(b["outcome_share"]),
        }
    )
    when = pd.Timestamp(b["reporting_date"].iloc[0])
    return Table(
        "redovisning_aktiviteter",  # the name of the budget chart's data: the chart points here (Chapter.chart_data_shown)
        f"Budget och redovisade kostnader per verksamhet, tkr, per {when:%Y-%m-%d}",
        frame,
        {
            "Verksamhet": "text",
            f"Budget {t.year}": "tkr",
            "Redovisade kostnader": "tkr",
            "Avvikelse mot budget": "tkr",
            "Andel av budget": "procent",
        },
        total_row=True,
        note="Avvikelsen är budgeten minus de redovisade kostnaderna: ett positivt belopp betyder att verksamheten "
        "har använt mindre än budgeterat.",
    )


def economic_analysis_text(ds: Dataset, t: Year) -> list[str]:
    """Return the economic analysis in sentences: the whole operation's costs and result against the
    budget (the income statement), the areas' use of their available funds against their budgets and
    the area furthest from its budget, external funding, and the funds carried into next year."""
    out: list[str] = []
    r = fnd.income_result(ds.income_statement, t)
    whole = None if r.empty else -int(r["costs"].iloc[0])  # the whole operation's costs, for the gap below
    if not r.empty and not pd.isna(r["budget_costs"].iloc[0]):
        when = pd.Timestamp(r["reporting_date"].iloc[0])
        span = "för året" if fnd.is_last_day_of_year(when) else f"till och med {when:%Y-%m-%d}"
        costs, planned = -int(r["costs"].iloc[0]), -int(r["budget_costs"].iloc[0])
        out.append(
            f"Enligt resultaträkningen blev hela verksamhetens kostnader {span} {format_tkr(costs)} mot budgeterade "
            f"{format_tkr(planned)}, {_against_budget(costs, planned, fnd.is_last_day_of_year(when))}, och "
            f"{'årets' if fnd.is_last_day_of_year(when) else 'periodens'} resultat blev {balance_words(int(r['result'].iloc[0]), format_tkr)}."
        )
    b = fnd.budget_vs_outcome(ds.budget, t, with_total=False)
    if not b.empty and b["budget"].notna().all() and b["outcome"].notna().all():
        when = pd.Timestamp(b["reporting_date"].iloc[0])
        span = "för året" if fnd.is_last_day_of_year(when) else f"till och med {when:%Y-%m-%d}"
        budget, outcome = int(b["budget"].sum()), int(b["outcome"].sum())
        text = (
            f"Verksamheternas redovisade kostnader {span} blev {format_tkr(outcome)} mot en budget för året på "
            f"{format_tkr(budget)}, {_against_budget(outcome, budget, fnd.is_last_day_of_year(when))}."
        )
        gap = 0 if whole is None else whole - outcome
        if format_tkr(abs(gap)) != format_tkr(0):
            text += (
                f" Det är {format_tkr(abs(gap))} {'mindre' if gap > 0 else 'mer'} än resultaträkningens "
                "kostnader, som gäller hela verksamheten; underlaget säger inte vad skillnaden består av."
            )
        far = b.loc[b["deviation"].abs().idxmax()]
        if int(far["deviation"]) != 0 and fnd.is_last_day_of_year(when):
            side = "lägre" if int(far["deviation"]) > 0 else "högre"
            text += (
                f" Störst är avvikelsen för {far['area']}, där kostnaderna blev {format_tkr(abs(int(far['deviation'])))} "
                f"{side} än budgeterat."
            )
        out.append(text)
    share = fnd.external_share(ds.funds_available, t)
    if share is not None:
        out.append(
            f"Av de disponibla medlen kom {format_percent(share)} från andra finansiärer än kommunerna: regionen, "
            "EU, staten och övriga."
        )
    f = fnd.budget_followup(ds.funds_available, ds.budget, t)
    if not f.empty and f["remaining"].notna().all():
        when = fnd.reporting_date(ds.funds_available, t)
        remaining = format_tkr(int(f["remaining"].sum()))
        text = (
            f"Vid årets slut återstår {remaining} av de disponibla medlen. De förs över till {t.year + 1}"
            if fnd.is_last_day_of_year(when)
            else f"Per {when:%Y-%m-%d}, årets sista rapportdatum i underlaget, återstår {remaining} av de disponibla medlen"
        )
        earmarked = f["earmarked"].sum(min_count=1)
        text += (
            f", och av dem är {format_tkr(int(earmarked))} fonderade statliga medel." if not pd.isna(earmarked) else "."
        )
        out.append(text)
    return out or [f"Det finns inga ekonomiska uppgifter för {t.label()} i underlaget."]


def _against_budget(spent: int, budget: int, year_end: bool) -> str:
    """Return how costs compare with the year's budget: under or over it once the year is over (whole
    tkr), else the share of the year's budget used so far (a part of a year is never "under budget")."""
    if not year_end:
        return f"vilket är {format_percent(spent / budget)} av årets budget" if budget else "men budgeten är 0"
    if round((budget - spent) / 1000) == 0:
        return "det vill säga i nivå med budget"
    return f"det vill säga {format_tkr(abs(budget - spent))} {'under' if budget > spent else 'över'} budget"


def carried_forward_table(ds: Dataset, t: Year) -> Table | None:
    """Return the funds per area at the year's end that are carried into next year, tkr."""
    f = fnd.budget_followup(ds.funds_available, ds.budget, t)
    if f.empty:
        return None
    f = f[f["in_funds"].astype(bool)]  # an area with only a budget has no funds to carry
    when = fnd.reporting_date(ds.funds_available, t)
    left = f"Förs över till {t.year + 1}" if fnd.is_last_day_of_year(when) else f"Kvarvarande medel {when:%Y-%m-%d}"
    frame = pd.DataFrame(
        {
            "Område": f["area"].astype("object"),
            f"Disponibla medel {t.year}": _objects(f["available"]),
            "Förbrukat": _objects(f["used"]),
            left: _objects(f["remaining"]),
            "Varav fonderade statliga medel": _objects(f["earmarked"]),
        }
    )
    total = {
        c: f[col].sum(min_count=1) if f[col].notna().all() else None
        for c, col in zip(frame.columns[1:], ("available", "used", "remaining", "earmarked"))
    }
    frame = pd.concat([frame, pd.DataFrame([{"Område": "Summa", **total}])], ignore_index=True)
    return Table(
        "ekonomi_overforda_medel",
        f"Medel som förs över till {t.year + 1} per område, tkr"
        if fnd.is_last_day_of_year(when)
        else f"Kvarvarande medel per område per {when:%Y-%m-%d}, tkr",
        frame,
        {"Område": "text"} | {col: "tkr" for col in frame.columns if col != "Område"},
        total_row=True,
        note=f"{'Det som förs över' if fnd.is_last_day_of_year(when) else 'Kvarvarande medel'} är de disponibla "
        "medlen minus det som har förbrukats, vid årets sista rapportdatum i underlaget.",
    )
