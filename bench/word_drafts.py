"""Word drafts against the paper check. Run by hand: ``python bench/word_drafts.py [OUT_DIR]``.

Builds the demo office, writes every document kind as PDF and Word draft, converts the
drafts with ``soffice --headless --convert-to pdf`` and runs /work/shared/tools/paper.py on
both; prints, per document, the FAILs other than typefaces (the machine lacks the office's
fonts) for the PDF and for the converted draft.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from aqdesk.cli import main as cli
from aqdesk.db.database import open_database
from aqdesk.services import demo
from aqdesk.services.supervision import summons_records

PAPER = Path("/work/shared/tools/paper.py")
LONG = "请你单位对照问题清单逐项制定整改方案，明确责任人和完成时限，" * 14


def typeface(row: dict) -> bool:
    """A FAIL only for want of the office's fonts (the sheet's office line is judged on size,
    centring and typeface at once: a typeface FAIL when the first two hold)."""
    check = row["check"]
    if check == "office name line":
        centre = re.search(r"centre ([\d.]+) mm", row["measured"])
        return row["measured"].startswith("22.0 pt") and centre is not None and abs(float(centre[1]) - 106) <= 1
    return "typeface" in check or "page-number type" in check


def make(folder: Path) -> None:
    anchor = demo.anchor_day()
    url = f"sqlite:///{(folder / 'demo.db').as_posix()}"
    (folder / "demo.db").unlink(missing_ok=True)  # a run again into the same folder starts afresh
    db = open_database(url)
    demo.load_demo(db, today=anchor)
    db.close()
    day, both = ["--db", url], ["--format", "both"]
    runs = [
        ["letters", "--overdue", "--out", str(folder / "letters"), "--as-of", anchor.isoformat()],
        ["sheet", "--unit", "石桥县", "--item", "5-06", "--out", str(folder / "sheet.pdf"), "--as-of", anchor.isoformat()],
        ["sheet", "--unit", "东城区", "--item", "1-01", "--out", str(folder / "sheet-long.pdf"), "--requirement", LONG,
         "--as-of", anchor.isoformat()],
        ["summons", "--out", str(folder / "summons.pdf"), "--as-of", anchor.isoformat()],
        ["chase", "--period", anchor.isoformat(), "--date", anchor.isoformat(), "--out", str(folder / "chase.pdf")],
        ["bulletin", "--period", anchor.strftime("%Y-%m"), "--as-of", anchor.isoformat(), "--issue",
         "--out", str(folder / "bulletin.pdf")],
        ["brief", "--as-of", anchor.isoformat(), "--out", str(folder / "brief.pdf")],
        ["remind", f"督办〔{anchor.year}〕3号", "--out", str(folder), "--date", anchor.isoformat()],
    ]
    for argv in runs:
        if cli([*argv, *both, *day]) != 0:
            print("failed:", argv, file=sys.stderr)
    db = open_database(url)  # the 约谈通知 has no command of its own
    try:
        sid, _ = summons_records.save_summons(db, None, 0, unit="安平县", planned_on=anchor, place="市政府第三会议室",
                                              matters="气代煤工程进度滞后，2026年11月20日前应完成的3个村未开工")
        summons_records.issue_notice(db, sid, anchor, folder, formats=("pdf", "docx"))
    finally:
        db.close()


def convert(drafts: list[Path], out: Path) -> None:
    out.mkdir(exist_ok=True)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, drafts)],
                   capture_output=True, timeout=600, check=True)


def fails(pdfs: list[Path]) -> dict[str, list[dict]]:
    # a 催办函 names the 督办单 it chases in large type, which paper.py's guess takes for a sheet
    letters = [p for p in pdfs if "催办函" in p.name]
    rows = paper(letters, "letter") + paper([p for p in pdfs if p not in letters], "auto")
    found: dict[str, list[dict]] = {p.name: [] for p in pdfs}
    for row in rows:
        if row["verdict"] == "FAIL" and not typeface(row):
            found[row["doc"]].append(row)
    return found


def paper(pdfs: list[Path], kind: str) -> list[dict]:
    if not pdfs:
        return []
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run([sys.executable, str(PAPER), "--quiet", "--kind", kind, "--json", report.name, *map(str, pdfs)],
                       capture_output=True, timeout=900)
        return json.loads(Path(report.name).read_text())["rows"]


def run(folder: Path, verbose: bool) -> None:
    make(folder)
    drafts = sorted(folder.rglob("*.docx"))
    converted = folder / "converted"
    convert(drafts, converted)
    printed = fails(sorted(p for p in folder.rglob("*.pdf") if converted not in p.parents))
    word = fails([converted / d.with_suffix(".pdf").name for d in drafts])
    tally: Counter = Counter()
    for draft in drafts:
        name = draft.with_suffix(".pdf").name
        got = word[name]
        print(f"{name}: PDF {len(printed.get(name, []))}, Word draft {len(got)} non-typeface FAILs")
        for row in got:
            tally[row["check"]] += 1
            if verbose:
                print(f"    {row['check']} | want {row['required']} | got {row['measured'][:160]}")
    print(f"total {sum(tally.values())}:", dict(tally.most_common()))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-q"]
    if args:
        target = Path(args[0])
        target.mkdir(parents=True, exist_ok=True)
        run(target, "-q" not in sys.argv)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), "-q" not in sys.argv)
