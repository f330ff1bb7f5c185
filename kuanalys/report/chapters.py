"""What each chapter of the tertial report shows, built from the data's plan (see structure.py).

`inledning_*` give chapter 1, `goal_chapter` one strategic goal's chapter (run once per goal by
notebooks/kapitel.ipynb), `bilagor` the appendices. Each returns display items (Heading, Table,
Chart, Comments, text) that the notebook passes to `show`.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from kuanalys.dataset import Dataset
from kuanalys.formatting import (
    format_count,
    format_count_words,
    format_decimal,
    format_kr,
    format_out_of,
    format_percent,
    format_tkr,
    format_value,
)
from kuanalys.metrics import attendance as att
from kuanalys.metrics import courses as crs
from kuanalys.metrics import funds as fnd
from kuanalys.metrics import grants as grt
from kuanalys.metrics import staff as stf
from kuanalys.periods import Tertial, Year
from kuanalys.report import content as c
from kuanalys.report import formats as fm
from kuanalys.report import structure as st
from kuanalys.report.model import (
    ActivityTable,
    Chart,
    Comments,
    Cover,
    GoalSummary,
    Heading,
    ScoreTable,
    Table,
    missing_text,
)
from kuanalys.result_text import TARGET_SENTENCES, ytd_span
from kuanalys.spec import ACTIVITY_STATUSES, DEFAULT_AUTHOR, STAFF_DIMENSIONS

NOTHING = "Inget att redovisa för perioden."


# Activity status symbols (Bilaga 1): a distinct shape per status, always shown with the word.
ACTIVITY_SYMBOLS: dict[str, str] = {
    "ej påbörjad": "○",
    "pågår": "▶",
    "pågår med problem": "▲",
    "pågår med allvarligt problem": "✖",
    "klar": "✔",
    "avbruten": "■",
    "framflyttad": "↷",
}
ACTIVITY_LABELS: dict[str, str] = {
    "ej påbörjad": "Aktiviteten är ej påbörjad.",
    "pågår": "Aktiviteten pågår enligt plan.",
    "pågår med problem": "Aktiviteten pågår med problem.",
    "pågår med allvarligt problem": "Aktiviteten pågår med allvarligt problem.",
    "klar": "Aktiviteten är klar.",
    "avbruten": "Aktiviteten är avbruten.",
    "framflyttad": "Aktiviteten är framflyttad.",
}


def _plain_texts(pairs: list[tuple[str | None, str]]) -> list[str]:
    return [t for _, t in pairs]


# --- cover and chapter 1 ---------------------------------------------------------------------
def cover(ds: Dataset, t: Tertial) -> Cover:
    """Return the cover: title, period, organisation, the year's Dnr (or that it is missing, never another
    year's), author, address (installningar.xlsx, read once at validation; Wordmall resolved against the
    workbook's folder)."""
    from kuanalys.loaders.settings import settings_for
    from kuanalys.spec import SETTINGS

    s = settings_for(ds.settings, t.year)
    folder = next((f.path.parent for f in ds.files if f.kind == SETTINGS.kind), None)
    template = s.get("wordmall", "").strip()
    dnr = s.get("dnr")
    return Cover(
        # The settings' title is the tertial report's; a whole year is the verksamhetsberättelse.
        title="Verksamhetsberättelse" if isinstance(t, Year) else s.get("titel", "Tertialrapport"),
        period=t.label().capitalize(),
        organisation=s.get("organisation", "Kommunal utveckling"),
        dnr=dnr if dnr else f"diarienummer för {t.year}",
        dnr_missing=not dnr,
        author=s.get("författare", DEFAULT_AUTHOR),
        address=s.get("adress", ""),
        copyright=s.get("copyright", ""),
        template=str((folder / template).resolve()) if template and folder is not None else None,
    )


def inledning(ds: Dataset, t: Tertial) -> list:
    """Return the opening texts of chapter 1 and the list of the plan's strategic goals (the annual
    report's Året i korthet is its own section before it: report/annual.py)."""
    from kuanalys.scorecard import plan_note

    goals = st.goals(ds)
    items: list = [_plain_texts(st.texts_for(ds, t, ["inledning"]))]
    note = plan_note(ds, t.year)
    if note:
        items.append(note)
    if goals:
        n = len(goals)
        words = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")
        count = words[n] if n < len(words) else format_count(n)
        items.append(f"Kommunal utveckling har {count} strategiska mål:")
        items.append(
            Table(
                "strategiska_mal",
                "Strategiska mål",
                pd.DataFrame({"Kapitel": [g.chapter for g in goals], "Strategiskt mål": [g.text for g in goals]}),
                {"Kapitel": "heltal"},
            )
        )
    items.append("Som bilaga 1 till rapporten finns en symbolförteckning för mätetal och aktiviteter.")
    from kuanalys.scorecard import scorecard

    sc = scorecard(ds, t)
    if len(sc) and (sc["status"] == "inget resultat").all():
        items.append(f"Underlaget har inga uppgifter för {t.label()}: inget mätetal har något resultat för perioden.")
    elif len(sc) and not _year_has_targets(ds, t.year):
        said = _no_targets_text(sc, t)
        if note in items:  # another year's plan: say it of that plan, not "no plan" and then "no target"
            items[items.index(note)] = f"{note} Den planen har inga målvärden för {t.year}, {said}"
        else:
            items.insert(1, f"Verksamhetsplanen har inga målvärden för {t.year}, {said}")
    ended = records_end_text(ds, t)
    if ended:  # said right after the plan: the reader knows what the report has before the goals
        items.insert(
            next(
                (i for i, x in enumerate(items) if isinstance(x, str) and x.startswith("Kommunal utveckling har")),
                len(items),
            ),
            ended,
        )
    from kuanalys.report.annual import annual_report_note

    note = annual_report_note(t)  # tertial 3 points to the annual report
    if note:
        items.append(note)
    return items


def _no_targets_text(sc: pd.DataFrame, t: Tertial) -> str:
    """Return what a year without targets means for the mätetal: not assessed (○), except a balance
    mätetal (its target is always 0 kr), and how many have a result for the period."""
    balance = sc[sc["direction"].astype(str).eq("balans") & sc["target"].notna()]
    has_result = sc["status"] != "inget resultat"
    words = ["så mätetalen är ej bedömda (○)"]
    if len(balance):
        name = str(balance["text"].iloc[0]).rstrip(".")
        if (balance["status"] != "inget resultat").any():
            words[0] += f", utom {name}: ekonomin ska vara i balans, så dess mål är alltid 0\u00a0kr"
        else:
            words[0] += (
                f". {name} har alltid målet 0\u00a0kr (ekonomi i balans) men inget resultat för {t.label()}, "
                "så inte heller det är bedömt"
            )
    words[0] += "."
    n, k = len(sc), int(has_result.sum())
    if k < n:
        words.append(
            f"Av {format_count(n)} mätetal har {format_count(k)} ett resultat för {t.label()} och redovisas med "
            f"resultat och trend; de övriga {format_count(n - k)} har inget resultat (–)."
        )
    else:
        words.append("Alla mätetal redovisas med resultat och trend.")
    return " ".join(words)


# The records a report reads, by what a reader calls them, and where their dates are.
RECORDS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("närvaron vid nätverkens möten", (("attendance", "meeting_date"),)),
    ("kurserna", (("courses", "course_date"),)),
    ("ansökningarna om externa medel", (("grants", "submitted_date"), ("grants", "decision_date"))),
    (
        "ekonomin",
        (("income_statement", "reporting_date"), ("budget", "reporting_date"), ("funds_available", "reporting_date")),
    ),
)
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def _and_list(words: list[str]) -> str:
    """Return "a, b och c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " och " + words[-1]


def records_end_text(ds: Dataset, t: Tertial) -> str | None:
    """Return, when the period begins after the last date of some records, how far each of them
    goes ("… är registrerade till och med december 2024"), so that a section without records for
    the period is not read as a period without activity; None when every record reaches the period."""
    ends: dict[str, list[str]] = {}
    for name, columns in RECORDS:
        dates = [
            pd.to_datetime(getattr(ds, frame)[col], errors="coerce").dropna()
            for frame, col in columns
            if getattr(ds, frame, None) is not None and col in getattr(ds, frame)
        ]
        last = max((d.max() for d in dates if len(d)), default=None)
        if last is not None and last < t.start:
            ends.setdefault(f"{MONTHS[last.month - 1]} {last.year}", []).append(name)
    staff = ds.staff
    if staff is not None and len(staff):
        last_staff = max(Tertial(int(y), int(n)) for y, n in zip(staff["year"], staff["tertial"]))
        if last_staff.end < t.start:
            month = last_staff.end
            ends.setdefault(f"{MONTHS[month.month - 1]} {month.year}", []).append("personaluppgifterna")
    if not ends:
        return None
    said = _and_list([f"{_and_list(names)} till och med {month}" for month, names in ends.items()])
    return (
        f"Underlaget når inte fram till {t.label()}: {said.replace(' till och med', ' finns registrerade till och med', 1)}. "
        "Där ett avsnitt säger att inget är registrerat för perioden betyder det att uppgifterna saknas, inte "
        "att ingen verksamhet bedrevs."
    )


def intro_part(ds: Dataset, t: Tertial, part: str) -> list:
    """Return the analysts' texts of one part of chapter 1 (viktiga händelser, framtiden), or the empty note."""
    pairs = st.texts_for(ds, t, [part])
    return _with_subheadings(pairs) or [missing_text(part)]


def _with_subheadings(pairs: list[tuple[str | None, str]]) -> list:
    out: list = []
    for heading, text in pairs:
        if heading:
            out.append(Heading(3, heading))
        out.append(text)
    return out


def staff_table(ds: Dataset, t: Tertial) -> Table | None:
    """Return årsarbetare per employment form for each tertial of the year up to `t` (1.2's table); None
    without any (`staff_text` says so)."""
    rows = []
    for n in range(1, t.number + 1):
        p = Tertial(t.year, n)
        split = stf.staff_at(ds.staff, p, "anställningsform")
        if split is not None:
            rows.append({"period": f"{t.year} - tertial {n}", **split, "total": round(sum(split.values()), 2)})
    if not rows:  # staff_text above says there are none (said once)
        return None
    frame = pd.DataFrame(rows)
    return c._table(
        "medarbetare",
        f"Antal medarbetare och anställningsformer inom Kommunal utveckling under {t.ytd_label()}",
        frame,
        {
            "period": ("År/anställningsform", "text"),
            "tjänsteköp": ("Tjänsteköp", "decimal2"),
            "tillsvidare": ("Tillsvidare", "decimal2"),
            "visstid": ("Visstid", "decimal2"),
            "total": ("Summa", "decimal2"),
        },
        note="Beräkningen är baserad på antal årsarbetare vid respektive tertials slut.",
    )


def staff_section(ds: Dataset, t: Tertial) -> list:
    """Return 1.2's sub-heading Antal medarbetare och anställningsformer with its table; nothing without
    figures (`staff_text` says there are none: no heading over an empty place)."""
    table = staff_table(ds, t)
    return [] if table is None else [Heading(3, "Antal medarbetare och anställningsformer"), table]


def _fte(x: float | None) -> str:
    return format_decimal(x, 2)


def staff_text(ds: Dataset, t: Tertial) -> str:
    """Return 1.2's sentences: årsarbetare now and the change, by activity, against the previous tertial."""
    now, prev = stf.total_fte(ds.staff, t), stf.total_fte(ds.staff, t.previous())
    if now is None:
        return f"Det finns inga uppgifter om årsarbetare för {t.label()}."
    parts = [f"Antalet årsarbetare uppgår under {t.label()} till {_fte(now)}"]
    if prev is not None:
        diff = round(now - prev, 2)
        word = "en ökning" if diff > 0 else "en minskning" if diff < 0 else "ingen förändring"
        amount = f" med {_fte(abs(diff))}" if diff else ""
        parts[0] += f", vilket är {word}{amount} jämfört med föregående {'år' if isinstance(t, Year) else 'tertial'}"
    parts[0] += "."
    act, act_prev = stf.staff_at(ds.staff, t, "verksamhet"), stf.staff_at(ds.staff, t.previous(), "verksamhet")
    if act is not None:

        def was(cat: str) -> str:
            if act_prev is None or round(act_prev[cat], 2) == round(act[cat], 2):
                return ""
            before = t.previous()
            # "(26,90 tertial 1)" within the year; "(29,60 år 2023)" for a whole year
            label = before.label() if isinstance(t, Year) else before.label().replace(f" {before.year}", "")
            return f" ({_fte(act_prev[cat])} {label})"

        parts.append(
            f"Antalet årsarbetare som arbetar med FoU-verksamhet är {_fte(act['FoU'])}{was('FoU')}. "
            f"Verksamhetens stab och ledning omfattas av {_fte(act['stab'])}{was('stab')} årsarbetare och resterande "
            f"{_fte(act['övrig verksamhet'])}{was('övrig verksamhet')} årsarbetare arbetar inom övrig verksamhet."
        )
    return " ".join(parts)


def financing_text(ds: Dataset, t: Tertial) -> str:
    """Return 1.2's financing sentence, or that the split is not given."""
    fin, now = stf.staff_at(ds.staff, t, "finansiering"), stf.total_fte(ds.staff, t)
    if fin is None:
        return f"Finansieringen av årsarbetarna är inte redovisad för {t.label()}."
    return (
        f"Av verksamhetens {_fte(now)} årsarbetare finansieras {_fte(fin['kommunerna'])} via kommunernas "
        f"grundfinansiering, medlemsavgift eller enligt särskilda avtal, {_fte(fin['externa medel'])} årsarbetare "
        "finansieras via externa medel."
    )


def staff_comments(ds: Dataset, t: Tertial) -> list:
    """Return the analysts' texts on staff changes (Avsnitt medarbetare)."""
    return _with_subheadings(st.texts_for(ds, t, ["medarbetare"]))


# --- goal chapters ---------------------------------------------------------------------------
def _cell(value: object, unit: str | None) -> str:
    return format_value(None if value is None or pd.isna(value) else float(value), unit)


def indicator_table(
    ds: Dataset, t: Tertial, goal_text: str, area: str, name: str, sc: pd.DataFrame | None = None
) -> Table | None:
    """Return the area's table Status | Mätetal | Målvärde | Resultat (with trend arrow) | Beskrivning av resultat."""
    from kuanalys.scorecard import scorecard

    ids = set(st.area_indicators(ds, goal_text, area)["indicator_id"].astype(str))
    if not ids:
        return None
    sc = scorecard(ds, t) if sc is None else sc
    year_has_targets = _year_has_targets(ds, t.year)
    sc = sc[sc["indicator_id"].astype(str).isin(ids)]
    if sc.empty:  # the area's indicators are not valid in the period's year (Första år, Sista år)
        return None
    rows, kinds = [], []
    for r in sc.to_dict("records"):
        # ej bedömt and inget resultat are said once, in the status and the table's note: the row
        # keeps only what is specific to it (its result, the comparison, a relative target's rule)
        comments = st_texts(ds, t, [r["indicator_id"]])
        generated = _without(str(r["result_text"] or ""), TARGET_SENTENCES["ej bedömt"])
        described = [_not_repeated(generated, comments), *comments]
        target = None if r["target"] is None or pd.isna(r["target"]) else float(r["target"])
        reference = r.get("target_reference")
        if target is not None and reference is not None and not pd.isna(reference):
            # "50 % av sökt belopp": the Målvärde column shows what was sought, as 003 prints it
            # ("23 460 356 kr", "9 st."); the share is in the row's rule
            target = float(reference)
        result = None if r["result"] is None or pd.isna(r["result"]) else float(r["result"])
        if target is None and isinstance(r["target_text"], str) and r["target_text"]:  # relative, no reference
            described.insert(1, f"Målvärde: {r['target_text']}, men värdet att jämföra med saknas.")
        described.append(_rule_line(r, t))
        out_of = r.get("result_of")
        shown: object = result
        if result is not None and out_of is not None and not pd.isna(out_of):  # plan 001's 1.2: "2 av 4"
            shown = format_out_of(result, out_of)
        rows.append(
            {
                "Status": f"{r['symbol']} {r['status']}",
                "Mätetal": str(r["text"]),
                "Målvärde": fm.NO_TARGET if target is None else target,  # – is kept for "inget resultat"
                "Resultat": shown,
                "Trend": r["trend"] or ("–" if result is None else ""),  # no result: – in every column
                "Beskrivning av resultat": "\n\n".join(x for x in described if x),
            }
        )
        kind = fm.UNIT_KINDS.get(str(r["unit"]), "decimal1")
        kinds.append((kind if target is not None else "text", "text" if isinstance(shown, str) else kind))
    frame = pd.DataFrame(rows).astype({"Målvärde": "object", "Resultat": "object"})
    if any(isinstance(v, str) for v in frame["Resultat"]):  # "2 av 4": the column is recorded as text, as shown
        units = [str(r["unit"]) for r in sc.to_dict("records")]
        frame["Resultat"] = [
            v if isinstance(v, str) or v is None else _cell(v, u) for v, u in zip(frame["Resultat"], units)
        ]
        kinds = [(k[0], "text") for k in kinds]
    return ScoreTable(
        name,
        f"Mätetal: {area}",
        frame,
        {"Status": "text", "Mätetal": "text", "Trend": "text", "Beskrivning av resultat": "text"},
        cell_formats={"Målvärde": [k[0] for k in kinds], "Resultat": [k[1] for k in kinds]},
        note=_indicator_note(sc, t, year_has_targets),
        statuses=[str(s) for s in sc["status"]],
    )


def _not_repeated(generated: str, comments: list[str]) -> str:
    """Return the generated description without the sentences an analyst's comment repeats: the
    comment replaces them instead of following them (003's Reko row says its target sentence once).
    Sentences are compared with their spaces normalised and kept as written (no-break spaces stay)."""
    import re

    def plain(text: str) -> str:
        return " ".join(text.replace("\u00a0", " ").split())

    said = plain(" ".join(comments))
    if not said:
        return generated
    return " ".join(x for x in re.split(r"(?<=[.!?])[ \t\n]+", generated.strip()) if x and plain(x) not in said)


def _rule_line(r: dict, t: Tertial) -> str:
    """Return the row's rule in short form and what its trend arrow compares with."""
    from kuanalys.result_text import is_year_to_date, is_yearly

    parts = []
    if isinstance(r.get("rule_short"), str) and r["rule_short"]:
        parts.append(f"Regel: {r['rule_short']}.")
    two = not isinstance(t, Year) and not (t.number == 1 and is_year_to_date(r["metric"]))
    if r.get("trend") and two and not is_yearly(r["metric"]):  # the sentence names two comparisons: which one?
        parts.append(f"Trendpilen jämför med {_trend_period(r, t)}.")
    return " ".join(parts)


def _trend_period(r: dict, t: Tertial) -> str:
    """Return the period a row's trend arrow compares with, as the row's sentence names it."""
    from kuanalys.result_text import is_year_to_date, ytd_span
    from kuanalys.scorecard import comparison_tertial

    other = comparison_tertial(t, r["comparison"], r["metric"])
    return ytd_span(other) if is_year_to_date(r["metric"]) else other.label()


def _without(text: str, sentence: str) -> str:
    """Return `text` with one boilerplate sentence taken out (no-break spaces kept)."""
    import re

    return re.sub(r"[ \t\n]+", " ", text.replace(sentence, " ")).strip()


def _year_has_targets(ds: Dataset, year: int) -> bool:
    """Return True when the Målvärden sheet gives any target for the year."""
    tg = ds.targets
    if tg is None or tg.empty:
        return False
    rows = tg[tg["year"].astype("Int64") == year]["target"]
    return bool(rows.notna().any() and rows.astype(str).str.strip().ne("").any())


def _indicator_note(sc: pd.DataFrame, t: Tertial, year_has_targets: bool) -> str | None:
    """Return what the indicator table needs said once: why rows without a target are ej bedömt, unless
    no indicator of the year has one (chapter 1 says that once). Symbols and arrows: Bilaga 1."""
    no_target = sc["target"].isna() & ~sc["target_text"].fillna("").astype(bool) & (sc["status"] == "ej bedömt")
    parts = []
    if no_target.any() and year_has_targets:
        parts.append(f"Ej bedömt: mätetalet har inget målvärde för {t.year} i verksamhetsplanen.")
    parts.append(_yearly_note(sc, t))
    parts.append(_trend_periods_note(sc, t))
    return " ".join(p for p in parts if p) or None


def _yearly_note(sc: pd.DataFrame, t: Tertial) -> str | None:
    """Return, in tertials 1 and 2, which year the table's yearly results come from (the Resultat column
    would otherwise read as the period's); None without such a row or when the year is the report's."""
    from kuanalys.periods import reported_year
    from kuanalys.result_text import is_yearly, yearly_source

    year = reported_year(t)
    if isinstance(t, Year) or year == t.year:
        return None
    rows = [r for r in sc.to_dict("records") if is_yearly(r["metric"]) and r["status"] != "inget resultat"]
    if not rows:
        return None
    sources = list(dict.fromkeys(yearly_source(r["metric"]) for r in rows))
    which, measure = ("Resultatet", "måttet") if len(rows) == 1 else ("Resultaten", "måtten")
    return (
        f"{which} från {_and_list(sources)} gäller {year}, det senaste året med resultat; {measure} tas fram "
        "en gång per år."
    )


def _trend_periods_note(sc: pd.DataFrame, t: Tertial) -> str | None:
    """Return, when the table's trend arrows compare with different periods (each mätetal's own comparison),
    that each row names its period; None when they all compare alike."""
    from kuanalys.result_text import is_yearly

    if isinstance(t, Year):
        return None
    by_period: dict[str, list[str]] = {}
    for r in sc.to_dict("records"):
        if r.get("trend") and not is_yearly(r["metric"]):
            by_period.setdefault(_trend_period(r, t), []).append(str(r["text"]).rstrip("."))
    if len(by_period) < 2:
        return None
    return (
        "Trendpilarna i tabellen jämför inte alla med samma period; varje rad säger vilken period dess pil jämför med."
    )


def st_texts(ds: Dataset, t: Tertial, targets: list[str]) -> list[str]:
    """Return the analysts' texts for these targets (any kind), in sheet order."""
    return _plain_texts(st.texts_for(ds, t, targets))


def activity_table(ds: Dataset, t: Tertial, area: str, name: str) -> Table | None:
    """Return the area's activities of the tertial: Aktiviteter | Status | Kommentar (None when there are none)."""
    a = ds.activities
    mask = (
        (a["year"].astype("Int64") == t.year)
        & (a["tertial"].astype("Int64") == t.number)
        & pd.Series([st._key(x) == st._key(area) for x in a["area"]], index=a.index)
    )
    rows = a[mask.fillna(False)]
    if rows.empty:
        return None
    frame = pd.DataFrame(
        {
            "Aktiviteter": [str(x) for x in rows["activity"]],
            "Status": [f"{ACTIVITY_SYMBOLS[str(s)]} {s}" for s in rows["status"]],
            "Kommentar": [None if pd.isna(x) else str(x) for x in rows["text"]],
        }
    )
    return ActivityTable(name, f"Aktiviteter: {area}", frame)


def meetings_per_network(ds: Dataset, t: Tertial) -> Table | None:
    """Return every network of the registry with its meetings in the tertial, those without any meeting listed as such."""
    if not c.has_meetings(ds, t):  # no meeting at all: missing, not 0 (the section's lead says so)
        return None
    rates = att.attendance_rate_by_network(ds.attendance, ds.networks, t, include_without_meetings=True)
    frame = pd.DataFrame(
        {
            "Nätverk": rates["network"].astype(str),
            "Möten": [int(m) if not pd.isna(m) else 0 for m in rates["meetings"]],
            "Närvaro": [None if pd.isna(r) else float(r) for r in rates["rate"]],
        }
    )
    frame["Närvaro"] = frame["Närvaro"].astype("object")
    frame = frame.sort_values(["Möten", "Nätverk"], ascending=[False, True], kind="stable").reset_index(drop=True)
    none = frame.loc[frame["Möten"] == 0, "Nätverk"].tolist()
    note = (
        f"Inga möten registrerades under {t.label()} för: {', '.join(none)}."
        if none
        else f"Alla nätverk i registret hade minst ett möte under {t.label()}."
    )
    return Table(
        "moten_per_natverk",
        f"Möten per nätverk, {t.label()}",
        frame,
        {"Möten": "heltal", "Närvaro": "procent"},
        note=note,
    )


def networks_higher_text(ds: Dataset, t: Tertial) -> str | None:
    """Return how many networks had a higher rate than the previous tertial and the same period last year."""
    if not c.has_meetings(ds, t):  # the section's lead says there were none
        return None
    pairs = [
        ("föregående tertial", t.previous().label()),
        ("samma period föregående år", t.same_period_last_year().label()),
    ]
    higher, none = [], []
    for comparison, label in pairs[1:] if isinstance(t, Year) else pairs:  # a year: only the year before
        changes = att.compare_networks(ds.attendance, None, t)[att._change_column(comparison)].dropna()
        if changes.empty:
            none.append(label)
        else:
            n, of = int((changes > 0).sum()), len(changes)
            higher.append((label, f"{format_count_words(n)} av {format_count(of)}"))
    out = []
    if higher:  # one sentence for both comparisons, out of the networks that met in both periods
        first = f"Jämfört med {higher[0][0]} var närvaron högre i {higher[0][1]} nätverk"
        rest = "".join(f", och jämfört med {label} i {n}" for label, n in higher[1:])
        out.append(f"{first}{rest} (räknat bland nätverk med möten under båda perioderna).")
    if none:
        out.append(f"Inget nätverk hade möten under både {t.label()} och {' eller '.join(none)}.")
    return " ".join(out)


def region_sides_text(ds: Dataset, t: Tertial) -> str:
    """Return how many Region collaboration groups rose and fell against the previous tertial and last
    year, and in how many the kommuner's representatives attended more than the Region's: each figure
    one the chart's data table shows."""
    now = att.region_group_attendance(ds.attendance, ds.networks, t).set_index("network")
    if now.empty:
        return f"Inga möten i samverkansgrupperna med regionen registrerades under {t.label()}."
    out = []
    pairs = [(t.previous(), t.previous().label()), (t.same_period_last_year(), t.same_period_last_year().label())]
    for other, label in pairs[1:] if isinstance(t, Year) else pairs:  # a year: only the year before
        before = att.region_group_attendance(ds.attendance, ds.networks, other).set_index("network")
        common = now.index.intersection(before.index)
        if common.empty:
            out.append(f"Ingen av grupperna hade möten under {label} att jämföra med.")
            continue
        out.append(
            _groups_sentence(
                _moves(_whole_percent(now.loc[common, "rate"], before.loc[common, "rate"])), len(common), label
            )
        )
    sides = _whole_percent(now["kommun_rate"], now["region_rate"])
    if len(sides):
        out.append(_sides_sentence(sides, t.label()))
    return " ".join(out)


def _sides_sentence(d: pd.Series, label: str) -> str:
    """Return in how many groups the kommuner's representatives attended more, less or as much as the
    Region's (`d`: kommun − region, whole percentage points per group)."""
    counts = [
        (w, int(n)) for w, n in (("högre", (d > 0).sum()), ("lägre", (d < 0).sum()), ("lika hög", (d == 0).sum())) if n
    ]
    start = f"Under {label} var närvaron bland kommunernas representanter"
    if len(counts) == 1:
        word = counts[0][0]
        where = {1: "den enda gruppen", 2: "båda grupperna"}.get(len(d), f"alla {format_count_words(len(d))} grupper")
        return f"{start} {word} {'som' if word == 'lika hög' else 'än'} bland regionens i {where}."
    parts = [f"{w} i {format_count_words(n)}" for w, n in counts]
    first = f"{counts[0][0]} {'som' if counts[0][0] == 'lika hög' else 'än'} bland regionens i {format_count_words(counts[0][1])}"
    return f"{start} {', '.join([first, *parts[1:-1]])} och {parts[-1]} av de {format_count_words(len(d))} grupperna."


def _whole_percent(a: pd.Series, b: pd.Series) -> pd.Series:
    """Return a − b in whole percentage points, as the tables print them (84 % → 83 % is a decrease),
    where both are known."""
    return ((a.astype("Float64") * 100).round() - (b.astype("Float64") * 100).round()).dropna()


def _moves(d: pd.Series) -> list[tuple[str, int]]:
    """Return how many rose, fell and stayed: [("högre", 1), ("lägre", 3)] (none left out)."""
    counts = (("högre", (d > 0).sum()), ("lägre", (d < 0).sum()), ("oförändrad", (d == 0).sum()))
    return [(word, int(n)) for word, n in counts if n]


def _where(moves: list[tuple[str, int]]) -> str:
    """Return the moves as a person writes them: "högre i en och lägre i tre", "lägre i alla fyra"."""
    if len(moves) == 1:
        word, n = moves[0]
        return word if n == 1 else f"{word} i alla {format_count_words(n)}"
    parts = [f"{word} i {format_count_words(n)}" for word, n in moves]
    return f"{', '.join(parts[:-1])} och {parts[-1]}"


def _groups_sentence(moves: list[tuple[str, int]], n: int, label: str) -> str:
    """Return one sentence on the groups' attendance against `label`: "Jämfört med tertial 1 2019 var
    närvaron högre i en och lägre i tre av de fyra grupper som hade möten under båda perioderna." """
    groups = "den enda grupp" if n == 1 else f"de {format_count_words(n)} grupper"
    if not moves:
        return f"Närvaron går inte att jämföra med {label} för {groups} som hade möten under båda perioderna."
    if len(moves) == 1:
        where = {1: f"i {groups}", 2: "i båda grupperna"}.get(n, f"i alla {format_count_words(n)} grupper")
        return f"Jämfört med {label} var närvaron {moves[0][0]} {where} som hade möten under båda perioderna."
    return f"Jämfört med {label} var närvaron {_where(moves)} av {groups} som hade möten under båda perioderna."


def _applications(n: int) -> str:
    return f"{format_count_words(n)} {'ansökan' if n == 1 else 'ansökningar'}"


def _funders(n: int) -> str:
    return f"{format_count_words(n)} {'finansiär' if n == 1 else 'olika finansiärer'}"


def grants_tertial_text(ds: Dataset, t: Tertial) -> str:
    """Return 2.5's sentences: applications submitted within the tertial alone (count, kr), then the
    year to date with the decisions known at its end (once when the tertial is the year to date);
    or, when the register has no application for the period, that there is no result (not 0)."""
    if not c.has_grants(ds, t):
        return (
            f"Det finns inga ansökningar registrerade för {ytd_span(t)}, så sökta och beviljade externa medel "
            "har inget resultat för perioden."
        )
    within = grt.grants_within_tertial_summary(ds.grants, t).iloc[0]
    ytd = grt.grants_summary(ds.grants, t).iloc[0]
    whole = isinstance(t, Year) or t.number == 1  # the tertial is the year to date: say it once
    if pd.isna(ytd["submitted_count"]):
        return f"Under {ytd_span(t)} skickades inga ansökningar in."
    decisions = (
        f"{format_count_words(int(ytd['rejected_count']))} har fått avslag, "
        f"{format_count_words(int(ytd['granted_count']))} har beviljats och "
        f"{format_count_words(int(ytd['waiting_count']))} väntar på besked."
        if int(ytd["waiting_count"]) != int(ytd["submitted_count"])
        else "ingen av dem har ännu fått besked."
    )
    year = (
        f"Under {ytd_span(t)} har {'' if whole else 'totalt '}{_applications(int(ytd['submitted_count']))} om "
        f"{'totalt ' if whole else ''}{format_kr(ytd['submitted_amount'])} skickats in till "
        f"{_funders(int(ytd['funders']))}; {decisions}"
    )
    if whole:
        return year
    if pd.isna(within["submitted_count"]):
        first = f"Under {t.label()} skickades inga nya ansökningar in."
    else:
        first = (
            f"Under {t.label()} har {_applications(int(within['submitted_count']))} om "
            f"{'' if int(within['submitted_count']) == 1 else 'totalt '}{format_kr(within['submitted_amount'])} "
            f"skickats in till {_funders(int(within['funders']))}."
        )
    return f"{first} {year}"


def course_shares_text(ds: Dataset, t: Tertial) -> str:
    """Return the participants of the courses and uppdrag held, year to date: how many came via each
    other part of the partnership, how many took Kurs och konferens own courses, and of those how many
    came from the kommuner."""
    from kuanalys.organisations import is_kommun

    shares = organiser_shares(ds, t)
    if shares.empty:
        return f"Inga kurser registrerades under {ytd_span(t)}."
    text = (
        f"Under {ytd_span(t)} genomförde Kurs och konferens kurser och uppdrag med totalt "
        f"{format_count(shares['participants'].sum())} deltagare."
    )
    each = [
        f"{format_count(r.participants)} ({format_percent(r.share)}) via {r.organiser}"
        for r in shares[shares["organiser"] != crs.KURS_OCH_KONFERENS].itertuples()
    ]
    if each:
        text += f" Av dem kom {each[0] if len(each) == 1 else ', '.join(each[:-1]) + ' och ' + each[-1]}."
    own = crs.participants_by_organisation(ds.courses, ds.course_participants, t)
    total_own = own["participants"].sum()
    if total_own:
        kommun = own.loc[[bool(is_kommun(x)) for x in own["org_code"].astype(str)], "participants"].sum()
        rest = shares.loc[shares["organiser"] == crs.KURS_OCH_KONFERENS, "participants"].sum()
        of_kommun = f"varav {format_count(kommun)} ({format_percent(kommun / total_own)}) från länets kommuner."
        if rest != total_own:  # Kurs och konferens also had uppdrag of its own: its courses are a part
            text += f" Kurs och konferens egna kurser hade {format_count(total_own)} deltagare, {of_kommun}"
        else:
            share = format_percent(total_own / shares["participants"].sum())
            who = f"Övriga {format_count(total_own)} ({share})" if each else "Alla"
            text += f" {who} deltog i Kurs och konferens egna kurser, {of_kommun}"
    return text


def organiser_shares(ds: Dataset, t: Tertial) -> pd.DataFrame:
    """Return participants per organiser (courses and uppdrag held, year to date) and their share of all."""
    courses = ds.courses[
        (ds.courses["course_date"] >= pd.Timestamp(t.year, 1, 1))
        & (ds.courses["course_date"] <= t.end)
        & ~ds.courses["cancelled"].astype(bool)
    ]
    per_course = crs.course_participants(courses, ds.course_participants)
    frame = pd.DataFrame(
        {
            "organiser": courses["organiser"].astype(str).to_numpy(),
            "participants": per_course.fillna(0).astype(int).to_numpy(),
        }
    )
    out = frame.groupby("organiser", sort=False)["participants"].sum().reset_index()
    out = out.sort_values("participants", ascending=False, kind="stable").reset_index(drop=True)
    total = out["participants"].sum()
    out["share"] = out["participants"] / total if total else pd.NA
    out["participants"] = out["participants"].astype(int)
    return out


def largest_arrangements(ds: Dataset, t: Tertial, n: int = 5) -> Table:
    """Return the year's largest courses and uppdrag by participants."""
    courses = ds.courses[
        (ds.courses["course_date"] >= pd.Timestamp(t.year, 1, 1))
        & (ds.courses["course_date"] <= t.end)
        & ~ds.courses["cancelled"].astype(bool)
    ].copy()
    per_course = crs.course_participants(courses, ds.course_participants)
    courses["participants"] = per_course.fillna(0).astype(int).to_numpy()
    top = courses.sort_values("participants", ascending=False, kind="stable").head(n)
    return c._table(
        "storsta_arrangemang",
        f"De största arrangemangen efter antal deltagare, {t.ytd_label()}",
        top,
        {
            "title": ("Kurs eller uppdrag", "text"),
            "organiser": ("Arrangör", "text"),
            "participants": ("Deltagare", "heltal"),
        },
    )


def income_statement(ds: Dataset, t: Tertial) -> Table | str:
    """Return Tabell 1 Resultaträkning: every line item with Utfall, Budget and Prognos in tkr, and the totals."""
    s = fnd._at(ds.income_statement, t)
    if s.empty:
        return f"Det finns ingen resultaträkning för {t.label()}."
    when = pd.Timestamp(s["reporting_date"].iloc[0])
    rows = []

    def add(label, frame):
        for r in frame.itertuples():
            rows.append({"Post": str(r.item), "o": r.outcome, "b": r.budget, "f": r.forecast})
        rows.append(
            {
                "Post": label,
                "o": frame["outcome"].sum(),
                "b": frame["budget"].sum(min_count=1),
                "f": frame["forecast"].sum(min_count=1),
            }
        )

    income = s[s["outcome"].astype("Int64") >= 0]
    costs = s[s["outcome"].astype("Int64") < 0]
    add("Summa intäkter", income)
    add("Summa kostnader", costs)
    rows.append(
        {
            "Post": "Årets resultat",
            "o": s["outcome"].sum(),
            "b": s["budget"].sum(min_count=1),
            "f": s["forecast"].sum(min_count=1),
        }
    )
    frame = pd.DataFrame(rows)
    out = pd.DataFrame(
        {
            "Post": frame["Post"],
            f"Utfall {when:%Y-%m-%d}": pd.Series([None if pd.isna(v) else int(v) for v in frame["o"]], dtype="object"),
            f"Budget {t.year}": pd.Series([None if pd.isna(v) else int(v) for v in frame["b"]], dtype="object"),
            "Årsprognos": pd.Series([None if pd.isna(v) else int(v) for v in frame["f"]], dtype="object"),
        }
    )
    note = "Intäkter är positiva och kostnader negativa. Summorna räknas från posterna."
    if fnd.is_year_end(ds.income_statement, t):  # the year is over: the outcome is the year's result
        out = out.drop(columns="Årsprognos")
        note += f" Året är slut: utfallet per {when:%Y-%m-%d} är årets resultat, så ingen prognos visas."
    return Table(
        "resultatrakning",
        f"Resultaträkning, total verksamhet, tkr, per {when:%Y-%m-%d}",
        out,
        {col: "tkr" for col in out.columns if col != "Post"},
        note=note,
    )


def budget_followup(ds: Dataset, t: Tertial) -> Table | None:
    """Return Tabell 5: per area the funds at the start of the year, received, available, budget, outcome,
    remaining and earmarked, in tkr."""
    f = fnd.budget_followup(ds.funds_available, ds.budget, t)
    if f.empty:  # without funds at the period's date, the table of available funds says so
        return None
    a = fnd.available_funds(ds.funds_available, t, with_total=False)
    funds_rows = f[f["in_funds"].astype(bool)]
    f = f.drop(columns="in_funds")
    total = f.drop(columns="area").sum(min_count=1)
    for col in ("start", "received"):  # a total only when every area has the figure
        if funds_rows[col].isna().any():
            total[col] = pd.NA
    total["budget"] = f["budget"].sum(min_count=1) if not f["budget"].isna().any() else pd.NA
    year_end = fnd.is_year_end(ds.funds_available, t)
    frame = pd.concat([f, pd.DataFrame([{"area": "Summa", **total.to_dict()}])], ignore_index=True)
    return c._table(
        "budgetuppfoljning",
        f"Budgetuppföljning av disponibla medel per {_date(a, t)}, tkr",
        frame,
        {
            "area": ("Område", "text"),
            "start": (f"Ingående medel {t.year}", "tkr"),
            "received": (f"Erhållna medel {t.year}", "tkr"),
            "available": (f"Disponibla medel {t.year}", "tkr"),
            "budget": (f"Budget förbrukning {t.year}", "tkr"),
            "used": (f"Utfall förbrukning {_date(a, t)}", "tkr"),
            "remaining": (f"Kvarvarande medel {_date(a, t)}", "tkr"),
            "earmarked": ("Varav kvarvarande fonderade statliga medel", "tkr"),
        },
        total_row=True,
        note=_followup_note(ds, t, f, total, year_end),
    )


def _followup_note(ds: Dataset, t: Tertial, f: pd.DataFrame, total: pd.Series, year_end: bool) -> str:
    """Return the budget follow-up's definitions in words, the areas it has only a budget for, and how its
    budget total compares with the income statement's budgeted costs (the difference named)."""
    parts = [
        f"Ingående medel {t.year} är de medel som fanns kvar vid föregående års slut. Det är en annan avgränsning "
        "än i redovisningen av disponibla medel, där ingående medel också omfattar årets bokförda intäkter. "
        "Erhållna medel är det som har tillförts under året, och kvarvarande medel är disponibla medel minus "
        "utfallet."
    ]
    only_budget = f.loc[f["available"].isna() & f["budget"].notna(), "area"].astype(str).tolist()
    if only_budget:
        parts.append(
            f"{' och '.join(only_budget)} har en budget men ingen rad i redovisningen av disponibla medel; "
            "raden visar därför bara budgeten."
        )
    s = fnd._at(ds.income_statement, t)
    costs = s.loc[s["outcome"].astype("Int64") < 0, "budget"].sum(min_count=1)
    if not pd.isna(total["budget"]) and not pd.isna(costs):
        diff = int(total["budget"]) - abs(int(costs))
        if round(diff / 1000) == 0:
            parts.append("Budgetens summa stämmer med resultaträkningens budgeterade kostnader.")
        else:
            parts.append(
                f"Budgetens summa ({format_tkr(total['budget'])}) är {format_tkr(abs(diff))} "
                f"{'större' if diff > 0 else 'mindre'} än resultaträkningens budgeterade kostnader "
                f"({format_tkr(abs(costs))})."
            )
    parts.extend(_against_income_statement(ds, t, year_end))
    return " ".join(parts)


def _against_income_statement(ds: Dataset, t: Tertial, year_end: bool) -> list[str]:
    """Return how the follow-up's Summa compares with the income statement's (Resultaträkning): the used
    funds against its costs, at the year's end also the received funds against its income; the difference
    named in tkr, and why the totals may differ."""
    cmp = fnd.followup_vs_income_statement(ds.funds_available, ds.budget, ds.income_statement, t)
    words = {
        "used": ("Utfallet för förbrukning", "summa kostnader"),
        "received": ("Erhållna medel", "summa intäkter"),
    }
    out, differs = [], False
    for r in cmp.to_dict("records"):
        if r["check"] == "received" and not year_end:  # mid-year the received funds are the year's, income to date
            continue
        ours, theirs = words[r["check"]]
        diff = int(r["difference"])
        if round(diff / 1000) == 0:
            out.append(f"{ours} stämmer med resultaträkningens {theirs}.")
            continue
        differs = True
        out.append(
            f"{ours} i summaraden ({format_tkr(r['followup'])}) är {format_tkr(abs(diff))} "
            f"{'högre' if diff > 0 else 'lägre'} än resultaträkningens {theirs} ({format_tkr(r['income_statement'])})."
        )
    if differs:
        out.append(
            "Tabellerna avgränsas olika: resultaträkningen gäller hela verksamheten, budgetuppföljningen bara "
            "de disponibla medlen per område. Därför behöver summorna inte vara lika."
        )
    return out


def _date(a: pd.DataFrame, t: Tertial) -> str:
    when = a["reporting_date"].dropna()
    return f"{pd.Timestamp(when.iloc[0]):%Y-%m-%d}" if len(when) else t.label()


def funds_text(ds: Dataset, t: Tertial) -> str | None:
    """Return 2.4's amounts: funds at the start of the year, received, used to date and remaining, in tkr."""
    f = fnd.budget_followup(ds.funds_available, ds.budget, t)
    if f.empty:  # said once, by the table of available funds
        return None
    f = f[f["in_funds"].astype(bool)]
    a = fnd.available_funds(ds.funds_available, t, with_total=False)
    parts = []
    if not f["start"].isna().any():
        parts.append(
            f"Vid årets början fanns {format_tkr(f['start'].sum())} kvar från tidigare år, och under året har "
            f"{format_tkr(f['received'].sum())} erhållits."
        )
    parts.append(
        f"De disponibla medlen uppgår till {format_tkr(f['available'].sum())}. Av dem har {format_tkr(f['used'].sum())} "
        f"förbrukats till och med {_date(a, t)}, och kvarvarande medel är {format_tkr(f['remaining'].sum())}, varav "
        f"{format_tkr(f['earmarked'].fillna(0).sum())} fonderade statliga medel."
    )
    return " ".join(parts)


def figures(ds: Dataset, t: Tertial, group: str) -> list:
    """Return the figures, tables and sentences of one figure group (see structure.figure_groups)."""
    if group == st.ATTENDANCE:
        return [
            c.attendance_lead(ds, t),
            c.attendance_per_network(ds, t),
            meetings_per_network(ds, t),
            c.network_comparison(ds, t),
            networks_higher_text(ds, t),
            c.kommuner_increased_text(ds, t),
            c.attendance_per_kommun(ds, t),
        ]
    if group == st.PKS:
        return [c.gender_pks(ds, t)]
    if group == st.REGION:
        return [c.region_groups(ds, t), region_sides_text(ds, t)]
    if group == st.GRANTS:
        return [grants_tertial_text(ds, t), c.grants_comparison(ds, t), c.grants_chart(ds, t), c.grants_list(ds, t)]
    if group == st.COURSES:
        if not c.has_courses(ds, t):  # last year's figures stay in the comparison; the rest is said once
            return [
                c.course_comparison(ds, t),
                f"Det finns inga kurser eller uppdrag registrerade för {ytd_span(t)}, så antal kurser och "
                "deltagare har inget resultat för perioden.",
            ]
        return [
            c.course_comparison(ds, t),
            course_shares_text(ds, t),
            c.course_participants(ds, t),
            largest_arrangements(ds, t),
            c.uppdrag(ds, t),
            c.cost_reduction(ds, t),
        ]
    if group == st.FUNDS:
        if not (c.has_funds(ds, t) or c.has_budget(ds, t) or c.has_income(ds, t)):
            return [
                f"Det finns inga ekonomiska uppgifter för {t.label()} i ekonomiunderlaget: ingen resultaträkning, "
                "ingen budgetuppföljning och ingen redovisning av disponibla medel."
            ]
        return [
            c.funds_lead(ds, t),
            funds_text(ds, t),
            income_statement(ds, t),
            None if isinstance(t, Year) else c.budget_outcome_table(ds, t),  # a year: both in Ekonomisk analys
            None if isinstance(t, Year) else c.budget_outcome(ds, t),
            c.available_funds(ds, t),
            c.available_funds_table(ds, t),
            c.financier_shares(ds, t),
            budget_followup(ds, t),
        ]
    raise ValueError(f"Okänd figurgrupp {group!r}")


def goal_chapter(ds: Dataset, t: Tertial, number: int) -> list:
    """Return the whole chapter of strategic goal `number` (1-based): heading, introduction, examples,
    own sections, one section per area (indicators, activities, figures), Ekonomisk redovisning after
    the last area with funds figures, and the analysis; numbered n.1, n.2 … in that order."""
    g = st.goal(ds, number)
    ch = g.chapter
    items: list = [Heading(1, f"{ch} {g.text}")]
    targets = st.goal_targets(g)
    summary_at = len(items)
    items += _plain_texts(st.texts_for(ds, t, targets, "inledning"))
    k = 0

    def section(title: str) -> Heading:
        nonlocal k
        k += 1
        return Heading(2, f"{ch}.{k} {title}")

    for heading, text in st.texts_for(ds, t, targets, "exempel på aktiviteter"):
        items += [section(heading or "Exempel på aktiviteter"), text]
    for heading, text in st.texts_for(ds, t, targets, "avsnitt"):
        items += [section(heading or "Avsnitt"), text]
    for heading, text in st.texts_for(ds, t, targets, "text"):
        if heading:
            items.append(section(heading))
        items.append(text)

    groups_by_area = {
        area: st.figure_groups(ds, list(st.area_indicators(ds, g.text, area)["metric"])) for area in g.areas
    }
    economy_after = [a for a in g.areas if st.FUNDS in groups_by_area[a]]
    from kuanalys.scorecard import scorecard

    ids = {str(i) for a in g.areas for i in st.area_indicators(ds, g.text, a)["indicator_id"]}
    sc = scorecard(ds, t, indicator_ids=ids) if g.areas else None  # this chapter's indicators only
    for i, area in enumerate(g.areas):
        items.append(section(area.rstrip(".")))
        name = f"mal{number}_omrade{i + 1}"
        parts = [
            indicator_table(ds, t, g.text, area, f"{name}_matetal", sc),
            activity_table(ds, t, area, f"{name}_aktiviteter"),
        ]
        parts += [x for grp in groups_by_area[area] if grp != st.FUNDS for x in figures(ds, t, grp)]
        parts += c.attendance_drivers(ds, t, g.text, area, name)  # the matrix and the drivers' sentence
        comments = [text for _, text in st.texts_for(ds, t, [area])]
        if not any(p is not None for p in parts) and not comments:
            parts = [NOTHING]
        elif comments:
            parts.append(Comments(comments, "Kommentar"))
        else:
            parts.append(missing_text(f"kommentar till området {area.rstrip('.')}"))
        items += [p for p in parts if p is not None]
        if economy_after and area == economy_after[-1]:
            items.append(section("Ekonomisk redovisning"))
            items += [x for x in figures(ds, t, st.FUNDS) if x is not None]

    if isinstance(t, Year):  # the annual report: the year's indicators per tertial and the survey
        items += annual_goal_parts(ds, t, g.text, section, first=number == st.goals(ds)[0].number)

    summary = goal_summary([i for i in items if isinstance(i, ScoreTable)], f"mal{number}_sammanfattning")
    if summary is not None:
        first = number == st.goals(ds)[0].number and not isinstance(t, Year)  # Året i korthet states it in a year
        items.insert(summary_at, summary if first else dataclasses.replace(summary, rule=""))
    analyses = st.texts_for(ds, t, targets, "analys")
    heading = next((h for h, _ in analyses if h), "Analys")
    items.append(section(heading))
    items += [text for _, text in analyses] or [
        missing_text(f"analys av målet i kapitel {ch}, {g.text.strip().rstrip('.')}")
    ]
    return items


GOAL_RULE = (
    "Målet är uppfyllt när varje mätetal med målvärde är uppfyllt, delvis uppfyllt när minst ett av "
    "dem är uppfyllt eller delvis uppfyllt, och annars ej uppfyllt. Mätetal utan målvärde eller "
    "utan resultat räknas inte; har inget mätetal både målvärde och resultat är målet ej bedömt."
)


# The indicator's rule in words (Bilaga 1 and Bilaga 3): no formula, the 80 % example in a sentence.
STATUS_RULE = (
    "Ett mätetal är uppfyllt när resultatet når målvärdet och delvis uppfyllt när det når minst tre fjärdedelar "
    "av målvärdet; ett mål på 80\u00a0% är alltså delvis uppfyllt från 60\u00a0%. Där ett lägre resultat är "
    "bättre gäller samma gränser räknat uppåt från målvärdet. Finansiellt resultat är uppfyllt bara när ekonomin "
    "är i balans, 0\u00a0kr. Verksamhetsplanen kan ange andra gränser för ett mätetal, och de rader som har ett "
    "målvärde anger sin regel i beskrivningen. Ett mätetal utan målvärde redovisas men bedöms inte."
)
# What "–" and "inget" mean in the mätetal tables, said where the symbols are explained.
DASHES = (
    f"I mätetalstabellerna betyder – att det inte finns något resultat för perioden; – betyder aldrig 0. "
    f"Ett mätetal utan målvärde har ordet {fm.NO_TARGET} i kolumnen Målvärde."
)


def goal_summary(tables: list[ScoreTable], name: str) -> GoalSummary | None:
    """Return the goal's status as a whole from its mätetal tables (GOAL_RULE), with the number of
    mätetal per status; None when the goal has no mätetal."""
    from kuanalys.scorecard import DELVIS, EJ_BEDOMT, EJ_UPPFYLLT, STATUSES, UPPFYLLT

    statuses = [s for table in tables for s in table.statuses]
    if not statuses:
        return None
    assessed = [s for s in statuses if s in (UPPFYLLT, DELVIS, EJ_UPPFYLLT)]
    if not assessed:
        status = EJ_BEDOMT
    elif all(s == UPPFYLLT for s in assessed):
        status = UPPFYLLT
    elif any(s in (UPPFYLLT, DELVIS) for s in assessed):
        status = DELVIS
    else:
        status = EJ_UPPFYLLT
    return GoalSummary(name, status, GOAL_RULE, {s: statuses.count(s) for s in STATUSES})


def goal_status(ds: Dataset, t: Tertial, number: int) -> GoalSummary | None:
    """Return strategic goal `number`'s status as a whole, from the same mätetal tables as its chapter
    (`goal_summary`, GOAL_RULE); None when the goal has no mätetal in the period."""
    from kuanalys.scorecard import scorecard

    g = st.goal(ds, number)
    ids = {str(i) for a in g.areas for i in st.area_indicators(ds, g.text, a)["indicator_id"]}
    if not ids:
        return None
    sc = scorecard(ds, t, indicator_ids=ids)
    tables = [
        indicator_table(ds, t, g.text, area, f"mal{number}_omrade{i + 1}_matetal", sc) for i, area in enumerate(g.areas)
    ]
    return goal_summary([x for x in tables if isinstance(x, ScoreTable)], f"mal{number}_sammanfattning")


def annual_goal_parts(ds: Dataset, t: Year, goal_text: str, section, first: bool = True) -> list:
    """Return the annual report's parts of a goal chapter: Mätetal under året (the tertials side
    by side, the year against the year before) and Utvärderingsenkäten (per question this year and
    last year, and per network type) when the goal's indicators read the survey."""
    from kuanalys.report import annual

    items: list = [section("Mätetal under året"), annual.annual_scorecard_table(ds, t.year, goal_text, explain=first)]
    survey = annual.survey_chart(ds, t.year, goal_text)
    if not isinstance(survey, str) or "inga svar" in survey:
        items += [section("Utvärderingsenkäten"), survey]
    return items


# --- appendices ------------------------------------------------------------------------------
def trend_rule(t: Tertial | None = None) -> str:
    """Return what the trend arrows compare with, said the same in Bilaga 1 and Bilaga 3."""
    if isinstance(t, Year):
        return "Trendpilen jämför året med året innan."
    return (
        "Trendpilen jämför med föregående tertial eller med samma period året innan, som bestämts för varje "
        "mätetal; mätetal som mäts en gång per år (utvärderingsenkäten, projektregistret och personalmåtten) "
        "jämförs med året innan. Beskrivningen av resultatet nämner perioden som pilen jämför med."
    )


def indicator_symbols(t: Tertial | None = None) -> Table:
    """Return Bilaga 1's list of indicator status symbols and trend arrows, with the rule."""
    from kuanalys.scorecard import LABELS, SYMBOLS

    frame = pd.DataFrame(
        {"Symbol": list(SYMBOLS.values()), "Status": list(SYMBOLS.keys()), "Betydelse": [LABELS[s] for s in SYMBOLS]}
    )
    return Table(
        "symboler_matetal",
        "Symbolförteckning för mätetal",
        frame,
        note=(
            f"{STATUS_RULE} {DASHES} {trend_rule(t)} ↑ eller ↓ betyder en förändring på minst 50\u00a0%, ↗ eller ↘ "
            "en mindre förändring och → oförändrat."
        ),
    )


def activity_symbols() -> Table:
    """Return Bilaga 1's list of activity status symbols."""
    frame = pd.DataFrame(
        {
            "Symbol": [ACTIVITY_SYMBOLS[s] for s in ACTIVITY_STATUSES],
            "Status": list(ACTIVITY_STATUSES),
            "Betydelse": [ACTIVITY_LABELS[s] for s in ACTIVITY_STATUSES],
        }
    )
    return Table("symboler_aktiviteter", "Symbolförteckning för aktiviteter", frame)


def bilagor(ds: Dataset, t: Tertial) -> list:
    """Return the appendices as items: Bilaga 1 (symbols), Bilaga 2 (course participants per kommun),
    Bilaga 3 (Om underlaget och beräkningarna) and Kontroll av underlaget."""
    return [
        Heading(2, "Bilaga 1: Symbolförteckning för mätetal och aktiviteter"),
        indicator_symbols(t),
        activity_symbols(),
        Heading(2, "Bilaga 2: Deltagande på kurser som arrangerats av Kurs och konferens, fördelat på länets kommuner"),
        course_participants_table(ds, t),
        course_totals_text(ds, t),
        *method_appendix(ds, t),
        Heading(3, "Kontroll av underlaget"),  # part of Bilaga 3 (the contents list it under it)
        "Rapporten räknar summor och andelar från de enskilda beloppen i underlaget. Här står om underlagets "
        "egna summor går ihop och om några texter eller uppgifter saknar plats i rapporten.",
        *source_checks(ds, t),
    ]


# Where each source comes from, in the words the chief's readers use (no file or sheet names).
SOURCES: tuple[tuple[str, str], ...] = (
    ("Verksamhetsplanen", "Målen, områdena, mätetalen och målvärdena per år, som verksamhetsplanen anger dem."),
    (
        "Närvaroregistreringen",
        "Vilka kommuner och vilken region som var inbjudna till varje möte med chefsnätverk, styrgrupper och "
        "liknande, och vilka som kom. Inga namn på personer.",
    ),
    ("Kursregistret", "Kurs och konferens register över kurser och uppdrag, med deltagare per organisation."),
    (
        "Ansökningsregistret",
        "Varje ansökan om externa medel: när den skickades in, till vilken finansiär, sökt och beviljat belopp "
        "och beslutet.",
    ),
    (
        "Ekonomiunderlaget",
        "Resultaträkningen, budget och utfall per verksamhet och redovisningen av disponibla medel, vid varje "
        "rapportdatum, från ekonomifunktionen.",
    ),
    ("Personaluppgifterna", "Årsarbetare vid varje tertials slut och årets personalmått."),
    ("Utvärderingsenkäten", "Den årliga enkäten till chefsnätverk, styrgrupper och liknande."),
    ("Projektregistret", "Årets uppdrag och projekt och om de höll budget, plan och mål."),
    (
        "Analytikernas texter",
        "Viktiga händelser, kommentarer, analyser och aktiviteternas status skrivs av verksamheten.",
    ),
)


def method_appendix(ds: Dataset, t: Tertial) -> list:
    """Return Bilaga 3, Om underlaget och beräkningarna: sources, periods, rounding and each mätetal's
    definition and rule, in plain Swedish (no file, sheet or method names)."""
    from kuanalys.scorecard import metric_definition, scorecard

    items: list = [
        Heading(2, "Bilaga 3: Om underlaget och beräkningarna"),
        Heading(3, "Underlaget"),
        Table("om_underlaget", "Underlagets källor", pd.DataFrame(SOURCES, columns=["Källa", "Innehåll"])),
        Heading(3, "Perioder och jämförelser"),
        "Ett tertial är fyra månader: januari–april, maj–augusti och september–december. Närvaron gäller "
        "tertialets egna möten. Kurser, ansökningar och ekonomi räknas från årets början till periodens slut "
        "(hittills i år, till exempel januari–augusti); texten och tabellerna säger vilka månader det gäller. "
        "Enkäten, projektregistret och personalmåtten mäts en gång per år, och en tertialrapport visar senaste "
        f"årets resultat. {trend_rule()} Verksamhetsberättelsen jämför hela året med året innan.",
        Heading(3, "Avrundning"),
        "Procent visas i hela procent, utom andelarna i Bilaga 2 som har en decimal. Belopp visas i hela "
        "kronor; resultaträkningen och budgetuppföljningen av disponibla medel visas i tusental kronor (tkr), "
        "och varje tabell anger sin enhet. Summor och andelar räknas från de oavrundade beloppen och avrundas "
        "först när de visas, så en summa kan skilja sig en enhet från summan av de avrundade raderna. Andelar "
        "som tillsammans ska bli 100\u00a0% är avrundade så att de blir det. En ökning eller minskning räknas "
        "bara när den syns i de visade siffrorna; annars är resultatet oförändrat.",
        Heading(3, "Status och mål"),
        f"{STATUS_RULE} Ett strategiskt mål som helhet bedöms från sina mätetal: {GOAL_RULE[0].lower()}{GOAL_RULE[1:]} "
        f"{DASHES}",
    ]
    sc = scorecard(ds, t)
    if len(sc):
        frame = pd.DataFrame(
            {
                "Mätetal": sc["text"].astype(str),
                "Så räknas det": [metric_definition(m) for m in sc["metric"]],
                "Regel": [r if isinstance(r, str) and r else "inget målvärde" for r in sc["rule_short"]],
            }
        ).drop_duplicates("Mätetal")
        items += [Heading(3, "Mätetalen"), Table("definitioner", f"Mätetalens definitioner, {t.label()}", frame)]
    return items


def course_participants_table(ds: Dataset, t: Tertial) -> Table | str:
    """Return Bilaga 2: course participants per kommun, Region and external, with shares (or why there is none)."""
    chart = c.course_participants(ds, t)
    return chart.data if isinstance(chart, Chart) else chart


def course_totals_text(ds: Dataset, t: Tertial) -> str | None:
    """Return Bilaga 2's closing sentence: participants and courses/events held in the year to date, and cancelled."""
    tot = crs.course_totals(ds.courses, ds.course_participants, t)
    if tot.empty or pd.isna(tot["courses_held"].iloc[0]) or not tot["courses_held"].iloc[0]:
        return None  # the participants table above says that there are none
    r = tot.iloc[0]
    own = crs.participants_by_organisation(ds.courses, ds.course_participants, t)["participants"].sum(min_count=1)
    others = int(r["participants"]) - int(own) if not pd.isna(own) else 0
    cancelled = int(r["cancelled"]) if not pd.isna(r["cancelled"]) else 0
    held = format_count_words(r["courses_held"]) if r["courses_held"] < 13 else format_count(r["courses_held"])
    cancel = (
        "Ingen kurs ställdes in."
        if cancelled == 0
        else f"{format_count_words(cancelled).capitalize()} kurs ställdes in."
        if cancelled == 1
        else f"{format_count_words(cancelled).capitalize()} kurser ställdes in."
        if cancelled < 13
        else f"Dessutom ställdes {format_count(cancelled)} kurser in."
    )
    besides = (
        f"Utöver deltagarna i tabellen deltog {format_count(others)} personer i uppdrag åt andra delar av "
        "verksamheten. "
        if others > 0
        else ""
    )
    return (
        f"{besides}Under {ytd_span(t)} deltog totalt {format_count(r['participants'])} personer i {held} kurser och "
        f"arrangemang. {cancel}"
    )


def source_checks(ds: Dataset, t: Tertial) -> list:
    """Return Kontroll av underlaget: the funds input's arithmetic, the staff splits, texts that name no heading."""
    funds = c.source_checks(ds, t)
    items: list = [funds or f"Det finns ingen redovisning av disponibla medel för {t.label()} att kontrollera."]
    loose = st.unplaced_texts(ds, t)
    if loose:
        items.append(
            "Analytikernas texter som inte hör till någon del av rapporten (visas inte): " + ", ".join(loose) + "."
        )
    plan_areas = {st._key(a) for g in st.goals(ds) for a in g.areas}
    acts = ds.activities[(ds.activities["year"] == t.year) & (ds.activities["tertial"] == t.number)]
    unknown = sorted({str(a) for a in acts["area"] if st._key(a) not in plan_areas})
    if unknown:
        items.append(
            "Aktiviteter vars område inte finns i verksamhetsplanen (visas inte under något mål): "
            + "; ".join(unknown)
            + "."
        )
    for dim in STAFF_DIMENSIONS:
        if stf.staff_at(ds.staff, t, dim) is None and stf.total_fte(ds.staff, t) is not None:
            items.append(f"Årsarbetarna per {dim} är inte redovisade för {t.label()} i personaluppgifterna.")
    if not loose and not unknown:  # said, not left out: the reader sees that the check was made
        items.append("Alla analytikernas texter och aktiviteter har sin plats i rapporten.")
    return items
