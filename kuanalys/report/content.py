"""What the report shows: one function per table, chart or key-figure row.

Each function takes the loaded `Dataset` and the `Tertial`, calls the analyses in
`kuanalys.metrics` / `kuanalys.scorecard` and the figures in `kuanalys.charts`, and returns a
`model.Table`, `model.Chart`, `model.KeyFigures`, `model.Comments` or a sentence, with
Swedish headers and a format per column. The notebooks call these and nothing else, so a
notebook cell is one line: `show(content.attendance_per_network(ds, t))`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd

from kuanalys import charts
from kuanalys import scorecard as targets
from kuanalys.dataset import Dataset
from kuanalys.formatting import format_count, format_count_words, format_kr, format_percent, format_tkr
from kuanalys.metrics import attendance as att
from kuanalys.metrics import courses as crs
from kuanalys.metrics import funds as fnd
from kuanalys.metrics import grants as grt
from kuanalys.metrics.coverage import has_year_to_date_data
from kuanalys.periods import Tertial, Year
from kuanalys.report.formats import is_missing, plain
from kuanalys.report.model import Chart, Comments, KeyFigure, KeyFigures, Table


# --- periods without records: the section says so once, its figures are left out ---------------
def has_meetings(ds: Dataset, t: Tertial) -> bool:
    """Return True when the attendance has a meeting within the tertial."""
    return bool(len(ds.attendance)) and bool(t.in_period(pd.to_datetime(ds.attendance["meeting_date"])).any())


def has_courses(ds: Dataset, t: Tertial) -> bool:
    """Return True when the course register has a course in the year to date."""
    return has_year_to_date_data(ds.courses["course_date"], t)  # as the course figures decide it


def _needs(has: Callable[[Dataset, Tertial], bool], text: Callable[[Tertial], str] | None = None):
    """Decorate an item builder: without records for the period it returns the Swedish `text`
    (or None, shown as nothing, when the section's lead already says so) instead of a figure."""

    def wrap(fn):
        @functools.wraps(fn)
        def item(ds: Dataset, t: Tertial, *args, **kwargs):
            if not has(ds, t):
                return text(t) if text else None
            return fn(ds, t, *args, **kwargs)

        return item

    return wrap


def has_grants(ds: Dataset, t: Tertial) -> bool:
    """Return True when the grant register has an application or decision in the year to date."""
    return has_year_to_date_data([ds.grants["submitted_date"], ds.grants["decision_date"]], t)


def has_funds(ds: Dataset, t: Tertial) -> bool:
    """Return True when the available funds have a reporting date for the period."""
    return fnd.reporting_date(ds.funds_available, t) is not None


def has_budget(ds: Dataset, t: Tertial) -> bool:
    """Return True when the budget has a reporting date for the period."""
    return fnd.reporting_date(ds.budget, t) is not None


def has_income(ds: Dataset, t: Tertial) -> bool:
    """Return True when the income statement has a reporting date for the period."""
    return fnd.reporting_date(ds.income_statement, t) is not None


def _no_income(t: Tertial) -> str:
    return f"Det finns ingen resultaträkning för {t.label()}."


def _no_funds(t: Tertial) -> str:
    return f"Det finns ingen redovisning av disponibla medel för {t.label()}."


def _no_budget(t: Tertial) -> str:
    return f"Det finns ingen budgetuppföljning för {t.label()}."


def _no_courses(t: Tertial) -> str:
    return f"Inga kurser eller uppdrag registrerades under {t.ytd_label()}."


def _frame(df: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Select and rename columns: {source: (Swedish header, format kind)}; returns frame, formats."""
    present: dict[str, tuple[str, str]] = {}
    for src, spec in columns.items():  # a whole year's previous period is also its last year: one column
        if src in df.columns and spec[0] not in {h for h, _ in present.values()}:
            present[src] = spec
    out = df[list(present)].rename(columns={src: spec[0] for src, spec in present.items()}).reset_index(drop=True)
    for _src, (header, kind) in present.items():
        if kind == "text":
            out[header] = out[header].astype("object").where(out[header].notna(), None)
    return out, {header: kind for header, kind in present.values()}


def _table(
    name: str,
    title: str,
    df: pd.DataFrame,
    columns: dict[str, tuple[str, str]],
    *,
    note: str | None = None,
    total_row: bool = False,
    **kw,
) -> Table:
    frame, formats = _frame(df, columns)
    return Table(name, title, frame, formats, note=note, total_row=total_row, **kw)


def _applications_sent(count: object) -> str | None:
    """Return the number of applications as the comment beside it says it ("fyra ansökningar"), in words
    like the granted ones (None when unknown)."""
    if is_missing(count):
        return None
    return "en ansökan" if int(count) == 1 else f"{format_count_words(int(count))} ansökningar"


def _value(frame: pd.DataFrame, column: str) -> object:
    if frame is None or frame.empty or column not in frame:
        return None
    v = frame[column].iloc[0]
    return None if pd.isna(v) else plain(v)


# --- comments ------------------------------------------------------------------------------------
def comments(ds: Dataset, t: Tertial, target_id: str, title: str = "Analys") -> Comments:
    """Return the analysts' comments for a section or indicator id in this tertial (may be empty)."""
    c = ds.comments
    if c is None or c.empty:
        return Comments([], title)
    key = str(target_id).strip().casefold()
    mask = (
        (c["year"].astype("Int64") == t.year)
        & (c["tertial"].astype("Int64") == t.number)
        & (c["target_id"].astype("string").str.strip().str.casefold() == key)
    )
    return Comments([str(x) for x in c.loc[mask.fillna(False), "text"] if not pd.isna(x)], title)


# --- overview ------------------------------------------------------------------------------------
def key_figures(ds: Dataset, t: Tertial) -> KeyFigures:
    """Return the overview's key figures for the tertial (attendance, courses, grants, funds); each
    year-to-date figure names its months ("januari–augusti 2019")."""
    from kuanalys.result_text import ytd_span

    ytd = ytd_span(t)
    summary = att.attendance_summary(ds.attendance, ds.networks, t, targets.network_targets(ds, t))
    totals = crs.course_totals(ds.courses, ds.course_participants, t)
    gs = grt.grants_summary(ds.grants, t)
    items = [
        KeyFigure(
            "Genomsnittlig närvaro i nätverken",
            _value(summary, "mean_rate"),
            "procent",
            _reaching_note(summary),
        ),
        KeyFigure(
            f"Kurser och uppdrag, {ytd}",
            _value(totals, "courses_held"),
            "heltal",
            f"{format_count(_value(totals, 'participants'))} deltagare",
        ),
        KeyFigure(
            f"Sökta externa medel, {ytd}",
            _value(gs, "submitted_amount"),
            "kr",
            _applications_sent(_value(gs, "submitted_count")),
        ),
        KeyFigure(
            f"Beviljade externa medel, {ytd}",
            _value(gs, "granted_amount"),
            "kr",
            _granted_note(_value(gs, "granted_count")),
        ),
        KeyFigure("Extern finansiering av disponibla medel", fnd.external_share(ds.funds_available, t), "procent"),
        KeyFigure(f"Resultat enligt resultaträkningen, {ytd}", fnd.result(ds.income_statement, t), "kr"),
    ]
    return KeyFigures("nyckeltal", f"Nyckeltal, {t.label()}", items)


def _target_words(summary: pd.DataFrame) -> str:
    """'80 %' when every network shares one target (from the Målvärden sheet), else 'sitt målvärde'."""
    target = _value(summary, "target")
    return format_percent(target) if target is not None else "sitt målvärde"


def _reaching_note(summary: pd.DataFrame) -> str:
    """'6 av 18 nätverk når 80 %', or 'ej bedömt' when no network has a target."""
    reaching = _value(summary, "reaching_target_text")
    if reaching is None:
        return "närvaron har inget målvärde: ej bedömt" if _value(summary, "networks") else "inga möten"
    return f"{reaching} nätverk når {_target_words(summary)}"


def _granted_note(count: object) -> str:
    if count is None:
        return "inga ansökningar"
    return "en ansökan beviljad" if count == 1 else f"{format_count_words(count)} ansökningar beviljade"


# --- attendance ----------------------------------------------------------------------------------
def attendance_lead(ds: Dataset, t: Tertial) -> str:
    """Return the opening sentence of the attendance section."""
    s = att.attendance_summary(ds.attendance, ds.networks, t, targets.network_targets(ds, t))
    n = _value(s, "networks")
    if not n:
        return f"Inga nätverksmöten finns registrerade för {t.label()}."  # the rows say there is no result
    overall = targets.attendance_target(ds, t)
    goal = f" (målvärde {format_percent(overall)})" if overall is not None else ""  # no target: Bilaga 1 says ○
    reaching = _value(s, "reaching_target_text")
    verdict = f" {reaching} nätverk nådde målvärdet." if reaching is not None else ""
    if reaching is not None and str(reaching).split(" ", 1)[0].isdigit():  # a sentence never opens with a digit
        first, _, rest = str(reaching).partition(" ")
        verdict = f" {format_count_words(int(first)).capitalize()} {rest} nätverk nådde målvärdet."
    return (
        f"Under {t.label()} registrerades närvaron vid {format_count(_value(s, 'meetings'))} möten i "
        f"{format_count(n)} chefsnätverk, styrgrupper eller liknande. Den genomsnittliga närvaron i dem alla var "
        f"{format_percent(_value(s, 'mean_rate'))}{goal}, och nätverkens "
        f"närvaro varierade mellan {format_percent(_value(s, 'min_network_rate'))} och "
        f"{format_percent(_value(s, 'max_network_rate'))}.{verdict}{_partnership_scope(ds, t)}"
    )


def _partnership_scope(ds: Dataset, t: Tertial) -> str:
    """Return why the mätetal for samtliga chefsnätverk differs from the mean of all networks, when the
    year's plan measures it without PKS, Reko, the strategigrupper, kommundirektörerna and the Region forums."""
    year_indicators = targets.indicators_for_year(ds.indicators, t.year)
    if not {"attendance.partnership_networks", "attendance.kommuner_represented"} & set(
        year_indicators["metric"].astype(str)
    ):
        return ""
    rate = att.partnership_rate(ds.attendance, ds.networks, t)
    if rate is None:
        return ""
    return (
        f" Mätetalet för samtliga chefsnätverk/styrgrupper räknar inte PKS, Reko, strategigrupperna, "
        f"kommundirektörerna och samverkansforumen med regionen, som redovisas var för sig; utan dem var "
        f"närvaron {format_percent(rate)}."
    )


@_needs(has_meetings)
def attendance_per_network(ds: Dataset, t: Tertial) -> Chart:
    """Return the chart of attendance per network with the target line, and its data."""
    per_network = targets.network_targets(ds, t)
    rates = att.attendance_rate_by_network(ds.attendance, ds.networks, t, per_network, include_without_meetings=False)
    rates = rates[rates["meetings"] > 0]
    common = att.attendance_summary(ds.attendance, ds.networks, t, per_network)
    data = rates.sort_values("rate", ascending=False).assign(
        reached=lambda d: d["target_reached"].map({True: "ja", False: "nej"}).astype("object").fillna("ej bedömt")
    )
    table = _table(
        "diagram_narvaro_natverk",
        f"Närvaro per nätverk, {t.label()}",
        data,
        {
            "network": ("Nätverk", "text"),
            "meetings": ("Möten", "heltal"),
            "rate": ("Närvaro", "procent"),
            "min_meeting_rate": ("Lägsta möte", "procent"),
            "max_meeting_rate": ("Högsta möte", "procent"),
            "reached": (f"Når {_target_words(common)}", "text"),
        },
    )
    return Chart("narvaro_natverk", charts.attendance_by_network(rates, t, _value(common, "target")), table)


@_needs(has_meetings)
def network_comparison(ds: Dataset, t: Tertial) -> Table:
    """Return each network's attendance against the previous tertial and the same period last year."""
    cmp = att.compare_networks(ds.attendance, ds.networks, t)
    cmp = cmp[cmp["meetings"].fillna(0) > 0]
    prev, last = t.previous(), t.same_period_last_year()
    return _table(
        "narvaro_jamforelse",
        f"Närvaro per nätverk jämfört med tidigare perioder, {t.label()}",
        cmp,
        {
            "network": ("Nätverk", "text"),
            "meetings": ("Möten", "heltal"),
            "rate": (t.label().capitalize(), "procent"),
            "rate_previous_tertial": (prev.label().capitalize(), "procent"),
            "rate_same_period_last_year": (last.label().capitalize(), "procent"),
        },
        # "–" explained only where the table shows one
        note="– betyder att nätverket inte hade något möte under perioden."
        if cmp[["rate_previous_tertial", "rate_same_period_last_year"]].isna().any().any()
        else None,
    )


@_needs(has_meetings)
def attendance_per_kommun(ds: Dataset, t: Tertial) -> Chart:
    """Return the chart of each kommun's attendance against the same period last year, and its data."""
    orgs = att.compare_organisations(ds.attendance, t)
    kommuner = orgs[orgs["is_kommun"].fillna(False).astype(bool)]
    last = t.same_period_last_year()
    table = _table(
        "diagram_narvaro_kommun",
        f"Närvaro per kommun, {t.label()} och {last.label()}",
        kommuner,
        {
            "organisation": ("Kommun", "text"),
            "rate": (t.label().capitalize(), "procent"),
            "rate_same_period_last_year": (last.label().capitalize(), "procent"),
            "change_same_period_last_year": ("Förändring, procentenheter", "heltal"),  # whole, as the shares
        },
    )
    table.frame["Förändring, procentenheter"] = table.frame["Förändring, procentenheter"].astype("Float64") * 100
    return Chart("narvaro_kommun", charts.attendance_by_kommun(orgs, t, targets.attendance_target(ds, t)), table)


@_needs(has_meetings)
def kommuner_increased_text(ds: Dataset, t: Tertial) -> str:
    """Return the sentence on how many kommuner increased their attendance."""
    n = att.kommuner_increased(ds.attendance, t)
    if n is None:
        return (
            f"Det finns ingen närvaro per kommun för både {t.label()} och "
            f"{t.same_period_last_year().label()} att jämföra."
        )
    return (
        f"Bland länets 13 kommuner var närvaron högre än under {t.same_period_last_year().label()} i "
        f"{format_count_words(n)}."
    )


@_needs(has_meetings)
def region_groups(ds: Dataset, t: Tertial) -> Chart:
    """Return the chart of kommun vs Region attendance in the collaboration groups, and its data."""
    groups = att.region_group_attendance(ds.attendance, ds.networks, t)
    prev, last = t.previous(), t.same_period_last_year()
    table = _table(
        "diagram_samverkan_region",
        f"Närvaro i samverkansgrupperna med regionen, {t.label()}",
        groups,
        {
            "network": ("Grupp", "text"),
            "meetings": ("Möten", "heltal"),
            "rate": ("Närvaro", "procent"),
            "kommun_rate": ("Kommunernas representanter", "procent"),
            "region_rate": ("Regionens representanter", "procent"),
            "rate_previous_tertial": (prev.label().capitalize(), "procent"),
            "rate_same_period_last_year": (last.label().capitalize(), "procent"),
        },
    )
    goal = targets.metric_target(ds, "attendance.region_groups", t)
    return Chart("samverkan_region", charts.region_groups(groups, t, goal), table)


@_needs(has_meetings)
def gender_pks(ds: Dataset, t: Tertial) -> Table:
    """Return the gender split of kommun representatives present at PKS meetings."""
    g = att.gender_split(ds.attendance, t, networks=["PKS"], kommun_only=True)
    g = g[g["gender"].isin(("kvinna", "man")) | (g["present"].fillna(0) > 0)]  # annat, okänt: only when any
    return _table(
        "kon_pks",
        f"Könsfördelning bland närvarande kommunrepresentanter vid PKS, {t.label()}",
        g,
        {
            "gender": ("Kön", "text"),
            "present": ("Närvarande", "heltal"),
            "share": ("Andel", "procent"),
        },
        note="Andelen räknas på närvarande med registrerat kön.",
        suppress=["Närvarande"],
        suppress_also=["Andel"],
    )


# --- courses -------------------------------------------------------------------------------------
_MEASURES = {
    "courses_held": ("Genomförda kurser och uppdrag", "heltal"),
    "participants": ("Deltagare på kurser och uppdrag", "heltal"),
    "cancelled": ("Inställda kurser", "heltal"),
    "digital_share": ("Andel digitala kurser och uppdrag", "procent"),
}


def _organiser_note(ds: Dataset, t: Tertial) -> str:
    """Return, when the period's mätetal count one arrangör's courses only ("courses.held:Kurs och
    konferens"), a sentence saying so, since this table counts them all; "" otherwise."""
    from kuanalys.scorecard import indicators_for_year, plan_year

    keys = indicators_for_year(ds.indicators, plan_year(ds, t.year))["metric"].astype(str).str.strip()
    organisers = sorted({k.partition(":")[2].strip() for k in keys if k.startswith("courses.") and ":" in k})
    if not organisers:
        return ""
    return (
        f" Mätetalen om kurserna räknar bara kurser och uppdrag med {' och '.join(organisers)} som arrangör, "
        "så deras tal kan skilja sig från talen här."
    )


def course_comparison(ds: Dataset, t: Tertial) -> Table:
    """Return courses held, participants, cancelled and digital share against last year."""
    c = crs.course_comparison(ds.courses, ds.course_participants, t)
    last = t.same_period_last_year()
    frame = pd.DataFrame(
        {
            "Mått": [_MEASURES.get(m, (m, "heltal"))[0] for m in c["measure"]],
            t.ytd_label().capitalize(): pd.Series(c["value"].astype("object"), dtype="object"),
            last.ytd_label().capitalize(): pd.Series(c["value_last_year"].astype("object"), dtype="object"),
        }
    )
    kinds = [_MEASURES.get(m, (m, "heltal"))[1] for m in c["measure"]]
    return Table(
        "kurser_jamforelse",
        f"Kurser och deltagare, {t.ytd_label()} jämfört med {last.ytd_label()}",
        frame,
        {"Mått": "text"},
        cell_formats={t.ytd_label().capitalize(): kinds, last.ytd_label().capitalize(): kinds},
        note="Alla kurser och uppdrag som Kurs och konferens har genomfört: egna kurser och uppdrag åt andra delar "
        "av verksamheten." + _organiser_note(ds, t),
    )


@_needs(has_courses, _no_courses)
def course_participants(ds: Dataset, t: Tertial) -> Chart:
    """Return the chart of course participants per organisation, and the table (Bilaga 2) with a total."""
    p = crs.participants_by_organisation(ds.courses, ds.course_participants, t)
    total = pd.DataFrame(
        {
            "organisation": ["Summa"],
            "participants": [int(p["participants"].sum())],
            "percent": [float(p["percent"].sum()) if p["participants"].sum() else pd.NA],
        }
    )
    data = pd.concat(
        [p[["organisation", "participants", "percent"]].astype({"organisation": "object"}), total], ignore_index=True
    )
    data["percent"] = data["percent"].astype("Float64") / 100
    table = _table(
        "kursdeltagare",
        f"Deltagare på kurser per organisation, {t.ytd_label()}",
        data,
        {
            "organisation": ("Organisation", "text"),
            "participants": ("Antal deltagare", "heltal"),
            "percent": ("Andel", "procent1"),
        },
        note="Kurser som Kurs och konferens arrangerat. Externa deltagare kommer från organisationer utanför länet. "
        "Andelarna är avrundade så att de tillsammans blir exakt 100,0\u00a0% (se Om underlaget och beräkningarna).",
        total_row=True,
        suppress=["Antal deltagare"],
        suppress_also=["Andel"],
    )
    return Chart("kursdeltagare", charts.course_participants(p, t), table, suppress_by="Organisation")


@_needs(has_courses)
def uppdrag(ds: Dataset, t: Tertial) -> Table:
    """Return the uppdrag held per organiser, with a total row."""
    u = crs.uppdrag_by_organiser(ds.courses, ds.course_participants, t)
    if not u.empty:
        u = pd.concat(
            [
                u.astype({"organiser": "object"}),
                pd.DataFrame(
                    {"organiser": ["Summa"], "participants": [u["participants"].sum()], "uppdrag": [u["uppdrag"].sum()]}
                ),
            ],
            ignore_index=True,
        )
    return _table(
        "uppdrag",
        f"Uppdrag utöver kurserna, {t.ytd_label()}",
        u,
        {
            "organiser": ("Arrangör", "text"),
            "participants": ("Antal deltagare", "heltal"),
            "uppdrag": ("Antal uppdrag", "heltal"),
        },
        total_row=not u.empty,
    )


@_needs(has_courses)
def cost_reduction(ds: Dataset, t: Tertial) -> Table:
    """Return each course's fee against a comparable external course and the reduction."""
    c = crs.cost_reduction(ds.courses, ds.course_participants, t)
    return _table(
        "kostnadsreducering",
        f"Kostnadsreducering för kommunerna per kurs, {t.ytd_label()}",
        c,
        {
            "title": ("Kurs", "text"),
            "course_date": ("Datum", "datum"),
            "participants": ("Deltagare", "heltal"),
            "fee": ("Avgift per deltagare", "kr"),
            "external_fee": ("Jämförbar extern avgift", "kr"),
            "reduction": ("Kostnadsreducering", "kr"),
            "reduction_pct": ("Kostnadsreducering, andel", "procent"),
        },
    )


# --- grants --------------------------------------------------------------------------------------
def grants_comparison(ds: Dataset, t: Tertial) -> Table:
    """Return applications submitted and granted, year to date, against earlier periods."""
    g = grt.grants_comparison(ds.grants, t)
    g = g.assign(label=[str(p)[:1].upper() + str(p)[1:] for p in g["period"]])
    return _table(
        "ansokningar_jamforelse",
        f"Ansökningar om externa medel, {t.ytd_label()} och tidigare perioder",
        g,
        {
            "label": ("Period", "text"),
            "submitted_count": ("Inskickade", "heltal"),
            "submitted_amount": ("Sökt belopp", "kr"),
            "granted_count": ("Beviljade", "heltal"),
            "granted_amount": ("Beviljat belopp", "kr"),
            "rejected_count": ("Avslag", "heltal"),
            "waiting_count": ("Väntar", "heltal"),
            "success_rate_amount": ("Beviljat av sökt", "procent"),
        },
        note=(
            "Första raden är året, den andra året innan"
            if isinstance(t, Year)
            else "Raderna är perioden, den föregående tertialrapportens period och samma period föregående år"
        )
        + ", var och en räknad från årets början med det besked som var känt vid periodens slut. Beviljat av "
        "sökt visas när minst en ansökan har fått besked."
        + (
            " – betyder att det inte finns några ansökningar för perioden." if g["submitted_count"].isna().any() else ""
        ),
    )


@_needs(has_grants)  # without applications the section's text says so
def grants_chart(ds: Dataset, t: Tertial) -> Chart:
    """Return the chart of applications per funder and status (kr and counts), and its data."""
    apps = grt.grants_year_to_date(ds.grants, t)
    data = charts.grant_status_table(apps)
    table = _table(
        "diagram_ansokningar",
        f"Ansökningar per finansiär och status, {t.ytd_label()}",
        data,
        {
            "funder": ("Finansiär", "text"),
            "status": ("Status", "text"),
            "count": ("Antal", "heltal"),
            "amount_applied": ("Sökt belopp", "kr"),
        },
    )
    return Chart("ansokningar", charts.grants_by_status(apps, t), table)


@_needs(has_grants)
def grants_list(ds: Dataset, t: Tertial) -> Table:
    """Return every application of the year to date with its status at the tertial's end; a rejected
    application was granted 0 kr, one still waiting has no amount yet (–)."""
    apps = grt.grants_year_to_date(ds.grants, t)
    waiting = bool(apps["status"].eq("väntar").any())
    return _table(
        "ansokningar",
        f"Inskickade ansökningar, {t.ytd_label()}",
        apps,
        {
            "project": ("Projekt", "text"),
            "funder": ("Finansiär", "text"),
            "submitted_date": ("Inskickad", "datum"),
            "amount_applied": ("Sökt belopp", "kr"),
            "status": ("Status", "text"),
            "amount_granted": ("Beviljat belopp", "kr"),
            "granted_share": ("Andel av sökt", "procent"),
        },
        note="– betyder att ansökan ännu inte har fått besked." if waiting else None,
    )


# --- funds ---------------------------------------------------------------------------------------
@_needs(has_income, _no_income)
def income_result(ds: Dataset, t: Tertial) -> Table:
    """Return the result of the income statement at the tertial's reporting date (Tabell 1)."""
    r = fnd.income_result(ds.income_statement, t)
    frame = pd.DataFrame(
        {
            "Post": ["Intäkter", "Kostnader", "Resultat"],
            "Utfall": pd.Series([_value(r, "income"), _value(r, "costs"), _value(r, "result")], dtype="object"),
        }
    )
    when = _value(r, "reporting_date")
    title = (
        f"Resultaträkning per {pd.Timestamp(when):%Y-%m-%d}" if when is not None else f"Resultaträkning, {t.label()}"
    )
    return Table(
        "resultat", title, frame, {"Post": "text", "Utfall": "kr"}, total_row=True, note="Kostnader är negativa."
    )


def budget_outcome_table(ds: Dataset, t: Tertial) -> Table | None:
    """Return 003's Tabell 2: each activity's budgeted and reported costs and the deviation from the
    year's budget, tkr, with a total (None without a budget: the chart's place says so)."""
    b = fnd.budget_vs_outcome(ds.budget, t)
    if b.empty:
        return None
    when = _value(b, "reporting_date")
    date = f"{pd.Timestamp(when):%Y-%m-%d}" if when is not None else t.label()
    return _table(
        "redovisning_aktiviteter",
        f"Budget och redovisade kostnader per verksamhet, tkr, per {date}",
        b,
        {
            "area": ("Verksamhet", "text"),
            "budget": (f"Budgeterade kostnader {t.year}", "tkr"),
            "outcome": (f"Redovisade kostnader {date}", "tkr"),
            "deviation": ("Avvikelse mot helårsbudget", "tkr"),
        },
        total_row=True,
        note="Verksamheternas redovisade kostnader enligt budgetuppföljningen."
        + (
            ""
            if _same_costs(ds, t, b)
            else " Budgetuppföljningen av disponibla medel räknar i stället förbrukningen av disponibla medel per "
            "område, och dess summa skiljer sig från den här."
        ),
    )


def _same_costs(ds: Dataset, t: Tertial, b: pd.DataFrame) -> bool:
    """Return True when the follow-up of available funds uses the same sum as the reported costs `b`
    (in whole tkr, as both tables show it), or has no sum to compare."""
    f = fnd.budget_followup(ds.funds_available, ds.budget, t)
    f, b = f[f["in_funds"].astype(bool)], b[~b["is_total"].astype(bool)]
    if f.empty or f["used"].isna().any() or b["outcome"].isna().any():
        return True
    return format_tkr(f["used"].sum()) == format_tkr(b["outcome"].sum())


@_needs(has_budget, _no_budget)
def budget_outcome(ds: Dataset, t: Tertial) -> Chart:
    """Return the chart of budget vs outcome per activity; its data is 003's Tabell 2 as the report
    shows it (`budget_outcome_table`, tkr), so the figures read the same in both places."""
    b = fnd.budget_vs_outcome(ds.budget, t)
    return Chart("budget", charts.budget_vs_outcome(b, t), budget_outcome_table(ds, t))


def _funds_date(a: pd.DataFrame, t: Tertial) -> str:
    when = _value(a, "reporting_date")
    return f"{pd.Timestamp(when):%Y-%m-%d}" if when is not None else t.label()


_FINANCIER_COLUMNS = {
    "added_municipalities": ("Tillförda medel kommunerna", "tkr"),
    "added_region": ("Tillförda medel regionen", "tkr"),
    "added_eu": ("Tillförda medel EU-bidrag", "tkr"),
    "added_state": ("Tillförda medel staten", "tkr"),
    "added_other": ("Tillförda medel övriga", "tkr"),
}


@_needs(has_funds, _no_funds)
def available_funds(ds: Dataset, t: Tertial) -> Chart:
    """Return the chart of added funds per area and financier, with its data (added funds per financier)."""
    a = fnd.available_funds(ds.funds_available, t)
    table = _table(
        "diagram_tillforda_medel",
        f"Tillförda medel per område och finansiär per {_funds_date(a, t)}, tkr",
        a,
        {"area": ("Område", "text"), **_FINANCIER_COLUMNS},
        total_row=bool(len(a)),
    )
    return Chart("disponibla_medel", charts.funds_by_financier(a, t), table)


@_needs(has_funds)
def available_funds_table(ds: Dataset, t: Tertial) -> Table:
    """Return available funds per area: opening, added per financier, used, closing, earmarked (Tabell 3)."""
    a = fnd.available_funds(ds.funds_available, t)
    return _table(
        "disponibla_medel",
        f"Redovisning av disponibla medel per {_funds_date(a, t)}, tkr",
        a,
        {
            "area": ("Område", "text"),
            "opening_funds": ("Ingående medel", "tkr"),
            **_FINANCIER_COLUMNS,
            "funds_used": ("Disponerade medel", "tkr"),
            "closing_funds": ("Utgående medel", "tkr"),
            "earmarked_state_funds": ("Därav fonderade statliga medel", "tkr"),
        },
        total_row=bool(len(a)),
        note="Ingående medel omfattar fonderade medel från tidigare år och årets bokförda intäkter, det vill säga "
        "de disponibla medlen. Tillförda medel delar upp dem per finansiär.",
    )


@_needs(has_funds)
def source_checks(ds: Dataset, t: Tertial) -> Table | str:
    """Return the arithmetic checks of the funds input that do not hold, or a sentence when all hold."""
    bad = fnd.inconsistencies(ds.funds_available, ds.budget, t)
    if bad.empty:
        return "Alla kontroller av ekonomiunderlaget stämmer: ingående medel är summan av tillförda medel och utgående medel är ingående minus disponerade medel."
    return _table(
        "kontroll_underlag",
        f"Avvikelser i ekonomiunderlaget, {t.label()}",
        bad,
        {
            "area": ("Område", "text"),
            "check": ("Kontroll", "text"),
            "stated": ("Angivet belopp", "kr"),
            "computed": ("Belopp enligt kontrollen", "kr"),
            "difference": ("Skillnad", "kr"),
        },
        note="Rapporten räknar andelar och summor från de enskilda beloppen. Där underlagets egna belopp inte går "
        "ihop visas det här, så att siffran i rapporten kan skilja sig från underlaget med just skillnaden.",
    )


@_needs(has_funds)
def financier_shares(ds: Dataset, t: Tertial) -> Table:
    """Return each financier's share of each area's available funds (Tabell 4), with the sum of the financiers'
    added funds per area as its available funds."""
    s = fnd.financier_shares(ds.funds_available, t)
    return _table(
        "finansiarer_andelar",
        f"Andel av disponibla medel per finansiär per {_funds_date(fnd.available_funds(ds.funds_available, t), t)}",
        s,
        {
            "area": ("Område", "text"),
            "share_municipalities": ("Kommunerna", "procent"),
            "share_region": ("Regionen", "procent"),
            "share_eu": ("EU-bidrag", "procent"),
            "share_state": ("Staten", "procent"),
            "share_other": ("Övriga", "procent"),
            "added_total": ("Disponibla medel", "tkr"),
        },
        total_row=bool(len(s)),
        note=_added_against_opening(ds, t),
    )


def _added_against_opening(ds: Dataset, t: Tertial) -> str | None:
    """Return the difference between this table's Summa of added funds and the opening funds' Summa in
    Redovisning av disponibla medel, and the areas whose input gives it (None when they agree)."""
    a = fnd.available_funds(ds.funds_available, t)
    total = a[a["is_total"].astype(bool)]
    if total.empty or pd.isna(total["opening_funds"].iloc[0]) or pd.isna(total["added_total"].iloc[0]):
        return None
    opening, added = int(total["opening_funds"].iloc[0]), int(total["added_total"].iloc[0])
    if opening == added:
        return None
    bad = fnd.inconsistencies(ds.funds_available, ds.budget, t)
    areas = sorted(set(bad.loc[bad["check"].astype(str).str.startswith("ingående medel"), "area"].astype(str)))
    where = (
        f" Underlaget för {' och '.join(areas)} anger ingående medel som inte är summan av de tillförda medlen."
        if areas
        else ""
    )
    return (
        f"Summan av tillförda medel ({format_kr(added)}) är {format_kr(abs(opening - added))} "
        f"{'mindre' if added < opening else 'större'} än summan av ingående medel i redovisningen av disponibla "
        f"medel ({format_kr(opening)}).{where}"
    )


def funds_lead(ds: Dataset, t: Tertial) -> str | None:
    """Return the opening sentence of the funds section (external share and result)."""
    share = fnd.external_share(ds.funds_available, t)
    res = fnd.result(ds.income_statement, t)
    parts = []
    if share is not None:
        parts.append(f"Av de disponibla medlen kommer {format_percent(share)} från andra finansiärer än kommunerna.")
    if res is not None:
        from kuanalys.result_text import balance_words, ytd_span

        parts.append(f"Resultatet för {ytd_span(t)} enligt resultaträkningen är {balance_words(res, format_tkr)}.")
    return " ".join(parts) or None  # without either figure the tables below say what is missing


# --- exploration: trends over all tertials --------------------------------------------------------
def tertials_in_data(ds: Dataset, until: Tertial | None = None) -> list[Tertial]:
    """Return every tertial with at least one meeting, in time order (up to `until`)."""
    dates = pd.to_datetime(ds.attendance["meeting_date"]).dropna()
    found = sorted({Tertial.of(d) for d in dates})
    return [t for t in found if until is None or t <= until]


def _trend(ds: Dataset, until: Tertial | None, per: str) -> pd.DataFrame:
    rows = []
    for t in tertials_in_data(ds, until):
        if per == "network":
            r = att.attendance_rate_by_network(ds.attendance, ds.networks, t, include_without_meetings=False)
            r = r[r["meetings"] > 0][["network", "rate"]].rename(columns={"network": "group"})
        else:
            r = att.attendance_by_organisation(ds.attendance, t)
            r = r[r["is_kommun"].astype(bool)][["organisation", "rate"]].rename(columns={"organisation": "group"})
        rows.append(r.assign(period=t.short_label()))
    if not rows:
        return pd.DataFrame(columns=["period", "group", "rate"])
    return pd.concat(rows, ignore_index=True)[["period", "group", "rate"]]


def _trend_chart(ds: Dataset, until: Tertial | None, per: str, group_label: str, name: str) -> Chart:
    """Return attendance per group (network or kommun) and tertial as lines, and as a wide table."""
    trend = _trend(ds, until, per)
    span = f"{trend['period'].iloc[0]}–{trend['period'].iloc[-1]}" if len(trend) else "inga data"
    title = f"Närvaro per {group_label.lower()} och tertial, {span}"
    last = until or (tertials_in_data(ds) or [None])[-1]
    goal = targets.attendance_target(ds, last) if last is not None else None
    fig = charts.attendance_trend(trend.rename(columns={"group": per}), group=per, title=title, target=goal)
    wide = trend.pivot_table(index="group", columns="period", values="rate", aggfunc="first").reset_index()
    table = Table(
        name, title, wide.rename(columns={"group": group_label}), {c: "procent" for c in wide.columns if c != "group"}
    )
    return Chart(name, fig, table)


def attendance_trend_by_network(ds: Dataset, until: Tertial | None = None) -> Chart:
    """Return attendance per network and tertial over every year in the data, as lines and a table."""
    return _trend_chart(ds, until, "network", "Nätverk", "trend_natverk")


# --- the drivers of an area's attendance (issue 26) ---------------------------------------------
def attendance_scope(ds: Dataset, goal_text: str, area: str) -> tuple[str, list[str] | None, str] | None:
    """Return the area's attendance mätetal whose figure the drivers explain: its metric key, the
    networks it averages (None: every network) and its comparison as written (the default filled
    in); None when the area is not an attendance area (`structure.figure_groups`) or has no such
    mätetal.

    The first of the area's indicators (in sheet order) that reads attendance.overall (every
    network), attendance.partnership_networks or attendance.kommuner_represented (both
    `metrics.attendance.partnership_rate`'s networks; the key returned is partnership_networks, the
    seats filled, shown beside kommuner represented),
    attendance.type:<typ> (that type's networks) or attendance.network:<namn> (that network) is
    the one.
    """
    from kuanalys.report import structure as st

    reg = ds.networks
    indicators = st.area_indicators(ds, goal_text, area)
    if st.ATTENDANCE not in st.figure_groups(ds, list(indicators["metric"])):
        return None
    for row in indicators.to_dict("records"):
        base, _, param = str(row["metric"]).strip().partition(":")
        base, param = targets._canonical(base), param.strip()
        comparison = row.get("comparison")
        comparison = targets.DEFAULT_COMPARISON if is_missing(comparison) else str(comparison).strip()
        key = str(row["metric"]).strip()
        if base == "attendance.overall":
            return key, None, comparison
        if base in ("attendance.partnership_networks", "attendance.kommuner_represented"):
            # kommuner represented (plan 001's 2.2): the drivers explain the seats filled shown beside it
            keep = ~reg["network_type"].astype(str).isin(att.SEPARATE_TYPES) & ~reg["with_region"].astype(bool)
            return "attendance.partnership_networks", reg.loc[keep, "network"].astype(str).tolist(), comparison
        if base == "attendance.type" and param:
            types = reg["network_type"].astype(str).str.casefold()
            return key, reg.loc[types == param.casefold(), "network"].astype(str).tolist(), comparison
        if base == "attendance.network" and param:
            return key, [param], comparison
    return None


def attendance_drivers(ds: Dataset, t: Tertial, goal_text: str, area: str, name: str) -> list:
    """Return an attendance area's kommun × network matrix for the tertial (a Chart, its data the
    kommunernas närvaro per nätverk) and one drafted sentence naming the networks that drove the
    change of the area's attendance mätetal against its comparison period (`attendance_scope`).

    Nothing for a whole year (the annual report), an area without such a mätetal or a tertial
    without meetings in its networks; no sentence when the comparison period has none, the change
    does not show at whole per cent, or the invited seats fall below the minimum cell size
    (`explore.driver_sentence`).
    """
    from kuanalys import explore
    from kuanalys.explore.figures import matrix_wide
    from kuanalys.report.model import Paragraph

    scope = attendance_scope(ds, goal_text, area)
    if isinstance(t, Year) or scope is None:
        return []
    key, networks, comparison = scope
    history = explore.attendance_history(ds)
    if networks is not None:  # names compared without case, as the metrics do
        wanted = {n.strip().casefold() for n in networks}
        history = history[history["network"].str.strip().str.casefold().isin(wanted).fillna(False).to_numpy()]
    matrix = explore.kommun_network_matrix(history, t)
    if matrix.empty:
        return []
    title = f"Kommunernas närvaro per nätverk, {t.label()}"
    wide = matrix_wide(matrix, "rate").rename(columns={"network": "Nätverk"})
    table = Table(
        f"{name}_kommun_natverk",
        title,
        wide,
        {c: "procent" for c in wide.columns if c != "Nätverk"},
        note="Kommunens närvaro i nätverket är andelen av kommunens inbjudna platser som var besatta under "
        "perioden."
        + (
            " – betyder att kommunen inte var inbjuden till nätverkets möten under perioden."
            if wide.isna().any().any()
            else ""
        ),
    )
    items: list = []
    before = targets.comparison_tertial(t, comparison, key)
    change = explore.compare_periods(history, before, t, "network")
    sentence = explore.driver_sentence(
        change, labels=(before.label(), t.label()), measure="närvaron i nätverken (andelen besatta platser)"
    )
    if sentence is not None:
        items.append(Paragraph(sentence, draft=True))
    items.append(Chart(f"{name}_kommun_natverk", matrix_dots(matrix, title), table))
    return items


def matrix_dots(matrix: pd.DataFrame, title: str):
    """Return the kommun × network matrix as a grid of squares (`charts.kommun_network_grid`)."""
    return charts.kommun_network_grid(matrix, title)
