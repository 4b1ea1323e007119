"""Every PDF the demo office can print, checked against GB/T 9704-2012. Run by hand:
``python bench/paper_all.py [--keep DIR] [--checker PATH]``.

Builds the demo office in a fresh database, makes each document the way a clerk would (the
CLI where it has a command, the service the window calls otherwise), runs the paper
checker on each and prints, per file, the FAILs that are not about typefaces (the official
fonts are missing on most build machines, so those FAIL whatever the layout).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKER = next((p for p in (ROOT.parent / "shared/tools/paper.py", Path("/work/shared/tools/paper.py")) if p.exists()),
               ROOT.parent / "shared/tools/paper.py")
AS_OF = "2026-11-26"
# a unit with enough enterprises for a sheet that runs onto a 续页
LONG_SHEET_UNIT = "东城区"
DEMO_LETTERS = ("示例市大气办督〔2026〕1号", "示例市大气办催〔2026〕1号", "示例市大气办约〔2026〕1号")


def cli(db: str, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", db, *args], env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"aqdesk {' '.join(args)} failed:\n{done.stderr}")


def through_services(url: str, out: Path) -> None:
    """Documents the window makes with no CLI command of their own."""
    sys.path.insert(0, str(ROOT))
    from aqdesk.db.database import open_database
    from aqdesk.services.reports.agenda import agenda
    from aqdesk.services.supervision import chain, summons_records
    from aqdesk.services.supervision.escalation import raise_sheet
    from aqdesk.services.supervision.sheet_list import sheet_rows
    from aqdesk.services.supervision.sheet_loop import sheet_detail
    from aqdesk.services.supervision.sheet_print import sheet_pdf

    day = dt.date.fromisoformat(AS_OF)
    db = open_database(url)
    try:
        records = summons_records.summons_records(db, day)
        held = next(r for r in records if r.held_on)
        (out / "约谈记录.pdf").write_bytes(summons_records.record_pdf(db, held.id, day))
        planned = next(r for r in records if not r.notice_number)
        summons_records.issue_notice(db, planned.id, day, out)
        (out / "督办升级情况.pdf").write_bytes(chain.chain_pdf(db, held.unit, day))
        (out / "本周待办.pdf").write_bytes(agenda(db, day).pdf())
        green = next(s for s in sheet_rows(db, day) if s.level.value == "green" and not s.closed)
        raised = raise_sheet(db, green.id, sheet_detail(db, green.id).version, day, new_sheet=True)
        (out / "升级督办单.pdf").write_bytes(sheet_pdf(db, raised.new_sheet.sheet_id, day))
    finally:
        db.close()


def make_all(folder: Path) -> list[Path]:
    out = folder / "out"
    out.mkdir()
    url = f"sqlite:///{(folder / 'demo.db').as_posix()}"
    cli(url, "init", "--demo")
    cli(url, "letters", "--overdue", "--out", str(out / "督办函"))
    cli(url, "sheet", "--unit", "石桥县", "--item", "5-06", "--level", "red", "--as-of", AS_OF, "--out",
        str(out / "督办单-红.pdf"))
    cli(url, "sheet", "--unit", "龙泉县", "--item", "9-01", "--level", "yellow", "--as-of", AS_OF, "--out",
        str(out / "督办单-黄.pdf"))
    cli(url, "sheet", "--unit", "石桥县", "--item", "4-07", "--level", "green", "--as-of", AS_OF, "--out",
        str(out / "督办单-绿.pdf"))
    cli(url, "sheet", "--unit", LONG_SHEET_UNIT, "--item", *_enterprises(folder / "demo.db", LONG_SHEET_UNIT),
        "--level", "red", "--as-of", AS_OF, "--out", str(out / "督办单-续页.pdf"))
    cli(url, "summons", "--out", str(out / "约谈建议名单.pdf"))
    cli(url, "remind", "督办〔2026〕3号", "--date", AS_OF, "--out", str(out))
    cli(url, "unit-file", "石桥县", "--out", str(out / "一单位一档.pdf"))
    cli(url, "year", "summary", "2026", "--out", str(out / "年终汇总.pdf"))
    cli(url, "bulletin", "--period", "2026-11", "--as-of", AS_OF, "--out", str(out / "通报.pdf"))
    cli(url, "brief", "--as-of", AS_OF, "--out", str(out / "专报.pdf"))
    cli(url, "chase", "--out", str(out / "催报通知.pdf"))
    for number in DEMO_LETTERS:  # the demo's own register, as the window reprints it
        cli(url, "register", "--reprint", number, "--out", str(out / f"重印 {number}.pdf"))
    through_services(url, out)
    return sorted(out.rglob("*.pdf"))


def _enterprises(db_path: Path, county: str) -> list[str]:
    import sqlite3
    with sqlite3.connect(db_path) as c:
        return [n for (n,) in c.execute("SELECT e.name FROM enterprise e JOIN unit u ON u.id = e.county_id "
                                        "WHERE u.name = ? ORDER BY e.id", (county,))]


def kind_of(path: Path) -> str:
    """What the checker should judge a file as: its own guess takes a 催办函 that names a
    督办单 for a sheet."""
    if "督办单" in path.name:
        return "sheet"
    if path.parent.name == "督办函" or any(w in path.name for w in ("催办函", "约谈通知", "通报", "重印")):
        return "letter"
    return "listing"


def typeface_only(row: dict) -> bool:
    """A FAIL that only says the official font is missing on this machine."""
    return "typeface" in row["check"] or (row["check"] == "office name line" and row["measured"].startswith("22.0 pt"))


def check(files: list[Path], checker: Path) -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("letter", "sheet", "listing"):
            group = [str(f) for f in files if kind_of(f) == kind]
            if group:
                report = Path(tmp) / f"{kind}.json"
                subprocess.run([sys.executable, str(checker), "--quiet", "--kind", kind, "--json", str(report), *group],
                               capture_output=True, text=True)
                rows += json.loads(report.read_text(encoding="utf-8"))["rows"]
    total = 0
    for path in files:
        fails = [r for r in rows if r["doc"] == path.name and r["verdict"] == "FAIL" and not typeface_only(r)]
        total += len(fails)
        print(f"{len(fails)}  {path.name}")
        for r in fails:
            print(f"     {r['check']}: {r['measured']}")
    print(f"non-typeface FAILs: {total} in {len(files)} PDFs")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="make the documents in this (empty) folder and keep them")
    parser.add_argument("--checker", type=Path, default=CHECKER)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("AQDESK_DATA_DIR", str(folder / "data"))
        files = make_all(folder)
        return 1 if check(files, args.checker) else 0


if __name__ == "__main__":
    raise SystemExit(main())
