"""The bundled sample data: a deterministic generator of realistic Swedish input workbooks.

Modules: `records` (real records of the published report), one module per input kind
(`networks`, `attendance`, `courses`, `grants`, `funds`, `indicators`, `comments`), the
general xlsx writer `workbook`, the attendance layouts `layouts`, and `generator`, which
puts them together. A new input kind gets a module here and a line in `generator`.

`sample_dataset(seed, scale, years)` builds the tidy frames (validated with the pandera models
of `kuanalys.schemas`) and `write_sample(out_dir, seed, scale, years)` writes them as the input
workbooks of `kuanalys.spec` (`data/raw` holds the output for seed 2019, scale 1, years 1).
`write_attendance_long` and `write_attendance_matrix` write any tidy attendance frame.

The data cover 2018 and tertial 1–2 2019 (through 2019-08-31). Where the published tertial
report T2 2019 has real records they are used as they are (`kuanalys.sample.records`): the
nine grant applications of 2019, tabell 1–3 (income statement, budget per activity, available
funds at 2019-08-31), the course fees of tabell 1, course participants per organisation
(bilaga 2) and the uppdrag totals. Attendance is synthetic.

Attendance definitions (the ones the published figures use, and the sample's tests):

* meeting rate = present seats ÷ invited seats of one meeting;
* network rate = mean of the network's meeting rates in the tertial;
* overall rate = mean of the network rates over the networks with meetings in the tertial;
* kommun/Region split of a network = present ÷ invited seats of kommuner (or of the Region)
  over the network's meetings in the tertial;
* per-kommun rate = seats the kommun attended ÷ seats it was invited to, over all networks'
  meetings in the tertial;
* gender shares = present seats by gender ÷ present seats with a known gender.

Presence is constructed, not drawn: every meeting has a fixed number of absent kommun, Region
and external seats (`_MEETINGS`), and in tertial 2 of 2018 and 2019 which kommuner were absent
is allocated from fixed per-kommun quotas (`_KOMMUN_ABSENCES`). The seeded numpy Generator
only picks which seat is absent where no figure depends on it, the gender of representatives,
and the course sizes and participant mixes. So the published figures hold for every seed:

| figure (tertial 2 2019 unless stated) | published | sample |
|---|---|---|
| overall / T1 2019 / T2 2018 | 79 / 81 / 70 % | 79 / 81 / 70 % |
| networks with meetings, ≥ 80 %, range | 18, 6, 58–100 % | 18, 6, 58–100 % |
| meetings | 21 | 21 |
| PKS (T2 2018) | 90 (85) % | 90 (85) % |
| Reko (T1 2019, T2 2018); kommun vs Region | 67 (78, 64) %; 58 vs 75 % | 67 (78, 64) %; 58 vs 75 % |
| Strategigrupp barn och unga | 83 (84, 69) % | 83 (84, 69) % |
| Strategigrupp äldre, two meetings | 76 (80, 82) % | 76 (80, 82) % |
| Strategigrupp psykiatri/missbruk | 67 (64, 64) % | 67 (64, 64) % |
| networks higher than T2 2018 | 12 | 12 |
| per kommun: range, Nässjö (T2 2018), kommuner that increased | 68–91 %, 91 (84) %, 8 | 68–91 %, 91 (83) %, 8 |
| PKS present representatives, men / women | 31 / 69 % | 31 / 69 % |

Tolerance: headline figures (overall, PKS, the four Region groups, 6 of 18) are within ±1
percentage point after rounding to whole per cent; secondary figures (kommun/Region splits,
per-kommun range, counts of increases, gender) within ±3 percentage points or ±1 count.

`scale > 1` adds `scale − 1` copies of every network (named "<nätverk> 2", "<nätverk> 3" …,
written in the long layout) for benchmarks; the real records are never scaled.

`years > 1` adds `years − 1` generated calendar years of attendance before 2018 (years=20:
1999–2017), one long-layout workbook narvaro_<år>.xlsx per year, for benchmarks. Every network
(and copy) meets 4–10 times a year by type, on weekdays outside July, in all three tertials,
with about 20–30 % empty seats (the level varies by year). The history has generators of its
own (`[seed, 3, year, network]`), so the 2018–2019 rows, every other table and so every
published figure are the same as with `years=1`. Only attendance gets history. Note that the
loaders reject dates before 2000 as implausible, so years ≤ 19 gives data that can be read in.
"""

from kuanalys.sample.attendance import FIRST_SAMPLE_YEAR, history_years
from kuanalys.sample.generator import DEFAULT_SEED, sample_dataset, write_sample
from kuanalys.sample.layouts import write_attendance_long, write_attendance_matrix
from kuanalys.sample.networks import KOMMUN_CODES, NETWORK_DEFS, NetworkDef, networks_with_copies
from kuanalys.sample.workbook import AMOUNT_FORMAT, DATE_FORMAT

__all__ = [
    "AMOUNT_FORMAT",
    "DATE_FORMAT",
    "DEFAULT_SEED",
    "FIRST_SAMPLE_YEAR",
    "KOMMUN_CODES",
    "NETWORK_DEFS",
    "NetworkDef",
    "history_years",
    "networks_with_copies",
    "sample_dataset",
    "write_attendance_long",
    "write_attendance_matrix",
    "write_sample",
]
