"""The GDELT and ACLED importers on real-size files: records/s and peak RSS.

`python -m bench.foreign_bench --rows 100000 [--runs 3] [--work DIR]` writes an ACLED-shaped
CSV export and a GDELT-shaped events export of `--rows` rows each (seeded, so the same
files every time: a few hundred actors and a few thousand places recurring as in real
exports, blanks and NAs where real exports have them), then imports each with
`python -m app import --from …` into a fresh SQLite database, `--runs` times, one child
pinned to one core (bench.import_bench._child: wall time, CPU time, peak RSS by wait4).
Reported: rows/s by wall clock and by CPU time, and peak RSS, median and range. The figures
include starting Python and migrating the empty database. The machine may be shared: say so
beside the figures.
"""

import argparse
import csv
import os
import random
import statistics
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from bench.import_bench import Run, _child

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
    "source,source_scale,notes,fatalities,tags,timestamp"
).split(",")
ACLED_TYPES = [
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Riots", "Violent demonstration"),
    ("Strategic developments", "Strategic developments", "Arrests"),
]
INTERS = ["State forces", "Rebel group", "Political militia", "Protesters", "Civilians"]
COUNTRIES = [
    ("UKR", "804", "Ukraine", "UP"),
    ("NGA", "566", "Nigeria", "NI"),
    ("KOR", "410", "South Korea", "KS"),
    ("COL", "170", "Colombia", "CO"),
]
CAMEO = [
    "010",
    "020",
    "036",
    "042",
    "043",
    "051",
    "057",
    "061",
    "071",
    "112",
    "120",
    "130",
    "141",
    "154",
    "163",
    "173",
    "190",
    "193",
    "0874",
]


def acled_rows(count: int, rng: random.Random) -> Iterator[list[str]]:
    start = date(2024, 1, 1)
    for n in range(count):
        disorder, kind, sub = rng.choice(ACLED_TYPES)
        iso3, iso, country, _ = rng.choice(COUNTRIES)
        a1, a2 = rng.randrange(300), rng.randrange(300)
        admin1, admin2, loc = rng.randrange(20), rng.randrange(100), rng.randrange(2000)
        yield [
            f"{iso3}{n}",
            str(start + timedelta(days=n % 700)),
            "2024",
            str(rng.choice("1112")),
            disorder,
            kind,
            sub,
            f"Actor {a1} ({country})",
            f"Group {rng.randrange(50)} ({country})" if rng.random() < 0.2 else "",
            rng.choice(INTERS),
            f"Actor {a2} ({country})" if rng.random() < 0.7 else "",
            "",
            rng.choice(INTERS),
            "",
            "",
            iso,
            "Region",
            country,
            f"Admin1 {admin1}",
            f"Admin2 {admin1}-{admin2}",
            "",
            f"Town {admin1}-{admin2}-{loc}",
            f"{rng.uniform(-60, 60):.4f}",
            f"{rng.uniform(-170, 170):.4f}",
            rng.choice("123"),
            "Local outlet; National outlet",
            "National",
            f"Event {n}: what happened.",
            str(rng.choice([0, 0, 0, 1, 2, 5, 12])) if rng.random() < 0.95 else "NA",
            "",
            "",
        ]


def gdelt_rows(count: int, rng: random.Random) -> Iterator[str]:
    start = date(2022, 1, 1)
    for n in range(count):
        day = (start + timedelta(days=n % 365)).strftime("%Y%m%d")
        code = rng.choice(CAMEO)
        cells = [str(1_000_000_000 + n), day, day[:6], day[:4], f"{day[:4]}.5000"]
        for _ in (1, 2):
            cc = rng.choice(COUNTRIES)[0]
            typ = rng.choice(["", "GOV", "MIL", "BUS", "CVL"])
            cells += [cc + typ, f"NAME {rng.randrange(400)}", cc, "", "", "", "", typ, "", ""]
        cells += [
            "1",
            code,
            code[:3],
            code[:2],
            str(rng.randrange(1, 5)),
            "1.9",
            str(rng.randrange(1, 40)),
            "2",
            "10",
            f"{rng.uniform(-10, 5):.3f}",
        ]
        cells += [""] * 16  # actor geography: GDELT often leaves it blank
        _, _, country, fips = rng.choice(COUNTRIES)
        city = rng.randrange(3000)
        cells += [
            "4",
            f"City {city}, Province {city % 40}, {country}",
            fips,
            f"{fips}{city % 40:02d}",
            "",
            f"{rng.uniform(-60, 60):.4f}",
            f"{rng.uniform(-170, 170):.4f}",
            str(-city),
        ]
        cells += [day + "000000", f"https://news.example.com/{n % 20000}"]
        yield "\t".join(cells)


def write_files(work: Path, rows: int) -> tuple[Path, Path]:
    acled, gdelt = work / f"acled-{rows}.csv", work / f"gdelt-{rows}.export.CSV"
    if not acled.exists():
        with acled.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(ACLED_HEADER)
            writer.writerows(acled_rows(rows, random.Random(1)))
    if not gdelt.exists():
        gdelt.write_text("\n".join(gdelt_rows(rows, random.Random(2))) + "\n", encoding="utf-8")
    return acled, gdelt


def run(fmt: str, file: Path, work: Path, index: int) -> Run:
    db = work / f"{fmt}-{index}.db"
    db.unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    command = [sys.executable, "-m", "app", "import", "--from", fmt, str(file)]
    out, result = _child(command, env)
    if "nothing was loaded" in out:
        raise RuntimeError(f"{fmt}: the import was rejected:\n{out[:2000]}")
    return result


def _summary(name: str, rows: int, runs: list[Run]) -> str:
    def spread(values: list[float]) -> str:
        return f"{statistics.median(values):,.0f} ({min(values):,.0f} to {max(values):,.0f})"

    wall = spread([rows / r.seconds for r in runs])
    cpu = spread([rows / r.cpu for r in runs])
    peak = spread([r.peak_mb for r in runs])
    return f"{name}: {rows:,} rows, {wall} rows/s wall, {cpu} rows/s CPU, peak RSS {peak} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/foreign-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    acled, gdelt = write_files(args.work, args.rows)
    results: dict[str, list[Run]] = {"acled": [], "gdelt-events": []}
    for index in range(args.runs):  # A B A B: the two importers side by side
        results["acled"].append(run("acled", acled, args.work, index))
        results["gdelt-events"].append(run("gdelt-events", gdelt, args.work, index))
    for fmt, runs in results.items():
        print(_summary(fmt, args.rows, runs))


if __name__ == "__main__":
    main()
