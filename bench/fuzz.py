"""A fuzzing campaign against imports, run by hand: ``python bench/fuzz.py --cases 1000``.

Inputs start from the test fixtures and from templates generated for the demo office, then are
spoiled: byte flips; XML mutations of xlsx parts (cell types, cell references, merged ranges,
shared-string indexes, huge and non-finite values); mutations of .ods content (spans, repeats,
values) and of .xls records (rows and columns at their edges); and a column-by-column sweep of
hostile values typed into a template. Every case goes through the dry run, and, when the file may be taken, through commit and read-back on a fresh
copy of the demo database: status as strict JSON, the Excel ledger, a supervision letter for
the unit (sweep cases), undo, then SQLite's integrity and foreign-key checks.

Each case runs in a worker process under a memory limit: an exception other than ``UserError``
is a crash, a case that outlives ``--timeout`` a hang, a worker that dies (SIGABRT, out of
memory) an abort. Crashing inputs and their tracebacks are kept in ``--out``/crashes.
Prints a summary of clean / crash / hang / abort per kind of mutation; exits 1 unless all clean.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import random
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "tests" / "exchange" / "fixtures"
TEMPLATE_UNITS = ("市城管执法局", "市工业和信息化局", "安平县", "东城区")
MEMORY_LIMIT = 3 * 1024 ** 3
SLOW_SECONDS = 5.0

# What a clerk, a broken export or a malicious sender might put in a cell.
HOSTILE = [
    "", " ", "\u3000", "0", "-1", "-0", "1e20", 1e20, 2 ** 63, -(2 ** 63), 1e308, "1" * 400, "9" * 25,
    "١٢٣", "１２３４", "1,2,3", "1_000", "NaN", "inf", "-Infinity", "100%", "101%", "-5%", "0.5", "1/3",
    "=1+1", "=HYPERLINK(\"http://x\",\"点此\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "<script>alert(1)</script>",
    "𠮷家庄", "整改😀完成", "مرحبا", "שלום", "a\u202eb", "\u200b", "x" * 20_000, "长" * 5_000,
    "2026-02-30", "2026-13-01", "99999-01-01", "11月底", "0000-00-00", dt.date(1900, 1, 1),
    dt.datetime(9999, 12, 31, 23, 59), True, False, "是", "否", "√", "null", "None", "'; DROP TABLE task;--",
    "任务 2-07", "2-07", "1-01", "合计", "填表人：张三", "安平县", "不存在县", "市不存在局", "气代煤", "电代煤",
]


# ---------------------------------------------------------------- mutations

def byte_flips(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        at = rng.randrange(len(out))
        out[at] = rng.randrange(256) if rng.random() < 0.7 else out[at] ^ (1 << rng.randrange(8))
    return bytes(out)


def _rewrite(data: bytes, pick, change) -> bytes | None:
    """``data`` (a zip) with one part, chosen by ``pick`` among its names, changed."""
    with zipfile.ZipFile(io.BytesIO(data)) as old:
        names = [n for n in old.namelist() if pick(n)]
        if not names:
            return None
        target = names[0] if len(names) == 1 else names[hash(tuple(names)) % len(names)]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
            for item in old.infolist():
                content = old.read(item)
                if item.filename == target:
                    content = change(content)
                    if content is None:
                        continue  # the part is dropped
                new.writestr(item.filename, content)
    return buffer.getvalue()


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _ref(rng: random.Random) -> str:
    return rng.choice([
        f"{_column_letters(rng.randint(1, 16384))}{rng.randint(1, 1_048_576)}",
        f"B{rng.randint(10 ** 6, 10 ** 12)}", "ZZZZZ999", "XFD1048576", "A0", "A-1", "a1", "", "1A", "AAAAAAAAAA1",
        f"{_column_letters(rng.randint(1, 60))}{rng.randint(1, 40)}",
    ])


_SHEET = lambda name: re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name) is not None  # noqa: E731


def xml_cell_types(data: bytes, rng: random.Random) -> bytes | None:
    types = [b"s", b"n", b"b", b"e", b"str", b"inlineStr", b"d", b"zz", b""]

    def change(xml: bytes) -> bytes:
        xml = re.sub(rb' t="[^"]*"', lambda m: b' t="' + rng.choice(types) + b'"' if rng.random() < 0.3 else m[0], xml)
        return re.sub(rb"<c r=", lambda m: b'<c t="' + rng.choice(types) + b'" r=' if rng.random() < 0.1 else m[0], xml)
    return _rewrite(data, _SHEET, change)


def xml_refs(data: bytes, rng: random.Random) -> bytes | None:
    def change(xml: bytes) -> bytes:
        xml = re.sub(rb'<c r="[A-Z]+\d+"', lambda m: f'<c r="{_ref(rng)}"'.encode() if rng.random() < 0.08 else m[0], xml)
        return re.sub(rb'<row r="\d+"', lambda m: f'<row r="{rng.choice([0, 1, 2**31, 10**12, -3])}"'.encode()
                      if rng.random() < 0.05 else m[0], xml)
    return _rewrite(data, _SHEET, change)


def xml_merges(data: bytes, rng: random.Random) -> bytes | None:
    def change(xml: bytes) -> bytes:
        merges = "".join(f'<mergeCell ref="{_ref(rng)}:{_ref(rng)}"/>' for _ in range(rng.randint(1, 6)))
        block = f'<mergeCells count="{rng.randint(0, 9)}">{merges}</mergeCells>'.encode()
        xml = re.sub(rb"<mergeCells.*?</mergeCells>", b"", xml, flags=re.S)
        return xml.replace(b"</sheetData>", b"</sheetData>" + block, 1)
    return _rewrite(data, _SHEET, change)


def xml_shared_strings(data: bytes, rng: random.Random) -> bytes | None:
    if rng.random() < 0.3:
        return _rewrite(data, lambda n: n == "xl/sharedStrings.xml",
                        lambda xml: None if rng.random() < 0.5 else xml[: rng.randrange(len(xml))])

    def change(xml: bytes) -> bytes:
        return re.sub(rb'(t="s"[^>]*>)<v>\d+</v>',
                      lambda m: m[1] + b"<v>" + rng.choice([b"99999999", b"-1", b"x", b"", b"1e3", b"4294967296"]) + b"</v>"
                      if rng.random() < 0.2 else m[0], xml)
    return _rewrite(data, _SHEET, change)


def xml_huge_values(data: bytes, rng: random.Random) -> bytes | None:
    values = [b"1e308", b"1e309", b"-1e400", b"NaN", b"INF", b"9" * 500, b"", b"1.7976931348623157e308",
              b"99999999999999999999", b"-0", b"2958466", b"0x10"]

    def change(xml: bytes) -> bytes:
        return re.sub(rb"<v>[^<]*</v>", lambda m: b"<v>" + rng.choice(values) + b"</v>" if rng.random() < 0.15 else m[0],
                      xml)
    return _rewrite(data, _SHEET, change)


def ods_mutation(data: bytes, rng: random.Random) -> bytes | None:
    big = ["1000000000", "2147483648", "-5", "0", "x", "99999999999999999999", "1048577"]

    def change(xml: bytes) -> bytes:
        def attribute(m):
            if rng.random() > 0.2:
                return m[0]
            return m[1] + b'="' + rng.choice(big).encode() + b'"'
        xml = re.sub(rb"(table:number-(?:rows|columns)-(?:spanned|repeated))=\"[^\"]*\"", attribute, xml)
        xml = re.sub(rb'office:value="[^"]*"', lambda m: b'office:value="' + rng.choice(
            [b"1e400", b"NaN", b"-inf", b"9" * 400, b"1e20"]) + b'"' if rng.random() < 0.2 else m[0], xml)
        if rng.random() < 0.3:
            xml = xml.replace(b"<table:table-cell", b'<table:table-cell table:number-rows-spanned="1000000000"', 1)
        return xml
    return _rewrite(data, lambda n: n == "content.xml", change)


def xls_records(data: bytes, rng: random.Random) -> bytes | None:
    """Row and column fields of BIFF records (DIMENSIONS, NUMBER, LABELSST, RK, MULBLANK) set
    to edge values, found by their headers in the file's bytes."""
    out = bytearray(data)
    headers = [b"\x00\x02\x0e\x00", b"\x03\x02\x0e\x00", b"\xfd\x00\x0a\x00", b"\x7e\x02\x0a\x00",
               b"\xbe\x00"]
    places = [m.start() + 4 for h in headers for m in re.finditer(re.escape(h), data)]
    if not places:
        return None
    for at in rng.sample(places, min(len(places), rng.randint(1, 4))):
        field = at + 2 * rng.randrange(4)
        value = rng.choice([0, 1, 255, 256, 16383, 16384, 65534, 65535, rng.randrange(65536)])
        out[field:field + 2] = value.to_bytes(2, "little")
    return bytes(out)


XLSX_MUTATIONS = {"xml-cell-types": xml_cell_types, "xml-refs": xml_refs, "xml-merges": xml_merges,
                  "xml-shared-strings": xml_shared_strings, "xml-huge-values": xml_huge_values}


# ---------------------------------------------------------------- the sweep

_FILLED = {
    "进展情况": lambda old: f"{old or ''}（本期又推进）",
    "存在问题": lambda old: "资金到位慢",
    "检查次数": lambda old: 12,
    "立案（起）": lambda old: 2,
    "配送洁净型煤（吨）": lambda old: 350.5,
}

def sweep_cell(seed: Path, rng: random.Random, target: Path) -> str:
    """A template with one data cell of one column set to a hostile value; returns what."""
    import openpyxl

    from aqdesk.exchange.workbook import read_workbook
    book = read_workbook(seed)
    table = rng.choice(book.tables)
    heading, column = rng.choice(sorted(table.columns.items()))
    row = rng.choice(table.rows).number if table.rows else table.header_row + 1
    value = rng.choice(HOSTILE)
    workbook = openpyxl.load_workbook(seed)
    for other in book.tables:  # an honest return first, so that the hostile cell is what stands out
        for source in other.rows:
            for name, filled in _FILLED.items():
                if name in other.columns:
                    cell = workbook[other.sheet].cell(row=source.number, column=other.columns[name] + 1)
                    cell.value = filled(cell.value)
    workbook[table.sheet].cell(row=row, column=column + 1, value=value)
    workbook.save(target)
    return f"{table.sheet}!{heading} row {row} = {value!r:.60}"


# ---------------------------------------------------------------- the worker

def worker(base_db: Path, scratch: Path) -> None:
    """Cases on stdin, one JSON line each; results on the real stdout, one JSON line each."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    results = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything the program prints goes to the log, not into the results
    from aqdesk.db.database import open_database
    from aqdesk.logs import configure
    configure()
    reading = open_database(f"sqlite:///{base_db.as_posix()}")
    for line in sys.stdin:
        case = json.loads(line)
        started = time.perf_counter()
        try:
            stage = _run_case(case, reading, base_db, scratch)
            outcome, detail = "clean", stage
        except Exception:
            outcome, detail = "crash", traceback.format_exc()
        results.write(json.dumps({"id": case["id"], "outcome": outcome, "detail": detail,
                                  "seconds": time.perf_counter() - started}) + "\n")


def _run_case(case: dict, reading, base_db: Path, scratch: Path) -> str:
    """How far the case went: refused at reading, refused at checks, or read back."""
    from aqdesk.db.database import open_database
    from aqdesk.errors import UserError
    from aqdesk.services.importing.commit import commit, undo_import
    from aqdesk.services.importing.prepare import prepare
    from aqdesk.services.reports.ledger_export import export_ledgers
    from aqdesk.services.reports.overview import overview
    from aqdesk.services.supervision import letters

    path, as_of = Path(case["path"]), dt.date.fromisoformat(case["as_of"])
    kwargs = {"unit": case.get("unit"), "period": dt.date.fromisoformat(case["period"]) if case.get("period") else None,
              "create_units": True, "today": as_of}
    try:
        plan = prepare(reading, path, **kwargs)
    except UserError:
        return "refused-file"
    if not plan.committable(True) or not (plan.changes() or plan.inserts()):
        return "refused-rows" if plan.errors else "nothing-to-do"
    copy = scratch / "case.db"
    for leftover in scratch.glob("case.db*"):
        leftover.unlink()
    shutil.copy(base_db, copy)
    db = open_database(f"sqlite:///{copy.as_posix()}")
    try:
        plan = prepare(db, path, **kwargs)
        try:
            batch = commit(db, plan, accept_valid_rows=True)
        except UserError:
            return "refused-commit"
        json.dumps(overview(db, as_of).as_json(), allow_nan=False)
        export_ledgers(db, scratch / "ledger.xlsx", as_of)
        if case["mutation"] == "sweep" and plan.unit_name:
            with contextlib.suppress(UserError):
                letters.issue_letter(db, plan.unit_name, as_of, scratch / "letters")
        try:
            undo_import(db, batch)
        except UserError:
            pass  # a letter registered on top may forbid it; refusing is the contract
    finally:
        db.close()
    with contextlib.closing(sqlite3.connect(copy)) as con:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok" or con.execute(
                "PRAGMA foreign_key_check").fetchall():
            raise AssertionError("database left inconsistent")
    return "committed-and-read-back"


class Worker:
    def __init__(self, base_db: Path, scratch: Path, log: Path):
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(base_db), str(scratch)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log.open("ab"), text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "AQDESK_DATA_DIR": str(scratch / "appdata")})

    def run(self, case: dict, timeout: float) -> dict:
        self.process.stdin.write(json.dumps(case) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            self.kill()
            return {"outcome": "hang", "detail": f"no answer in {timeout:.0f} s", "seconds": timeout}
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            tail = self.log.read_text(errors="replace")[-3000:]
            return {"outcome": "abort", "detail": f"worker died ({_death(code)})\n{tail}", "seconds": 0.0}
        return json.loads(line)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        self.process.wait()


def _death(code: int) -> str:
    return f"signal {signal.Signals(-code).name}" if code < 0 else f"exit {code}"


# ---------------------------------------------------------------- the campaign

def seeds(folder: Path, base_db: Path, period: dt.date) -> dict[str, Path]:
    from aqdesk.db.database import open_database
    from aqdesk.exchange.template_xlsx import write_template
    from aqdesk.services.importing.templates import template_content
    found = {p.name: p for p in FIXTURES.iterdir() if p.suffix in (".xlsx", ".xlsm", ".xls", ".ods")
             and "encrypted" not in p.name}
    found["plan.xlsx"] = _as_xlsx(FIXTURES / "plan.xls", folder / "plan.xlsx")
    db = open_database(f"sqlite:///{base_db.as_posix()}")
    try:
        for unit in TEMPLATE_UNITS:
            path = write_template(template_content(db, unit, period), folder)
            found[path.name] = path
    finally:
        db.close()
    return found


def _as_xlsx(source: Path, target: Path) -> Path:
    """The LibreOffice plan as an .xlsx the sweep can edit."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    book, out = CalamineWorkbook.from_path(source), openpyxl.Workbook()
    out.remove(out.active)
    for name in book.sheet_names:
        sheet = out.create_sheet(name)
        for row in book.get_sheet_by_name(name).to_python():
            sheet.append(row)
    target.parent.mkdir(parents=True, exist_ok=True)
    out.save(target)
    return target


def make_case(number: int, rng: random.Random, seed_files: dict[str, Path], folder: Path) -> dict:
    names = sorted(seed_files)
    editable = [n for n in names if n.endswith("_报送表.xlsx") or n == "plan.xlsx"]
    roll = rng.random()
    if roll < 0.25:
        mutation = "sweep"
        seed = seed_files[rng.choice(editable)]
        target = folder / f"case{number}.xlsx"
        what = sweep_cell(seed, rng, target)
        return {"mutation": mutation, "path": str(target), "what": what}
    seed = seed_files[rng.choice(names)]
    data = seed.read_bytes()
    if roll < 0.45:
        mutation, mutated = "byte-flips", byte_flips(data, rng)
    elif seed.suffix == ".xls":
        mutation, mutated = "xls-records", xls_records(data, rng)
    elif seed.suffix == ".ods":
        mutation, mutated = "ods-xml", ods_mutation(data, rng)
    else:
        mutation = rng.choice(sorted(XLSX_MUTATIONS))
        mutated = XLSX_MUTATIONS[mutation](data, rng)
    if mutated is None:
        mutation, mutated = "byte-flips", byte_flips(data, rng)
    target = folder / f"case{number}{seed.suffix}"
    target.write_bytes(mutated)
    return {"mutation": mutation, "path": str(target), "what": f"from {seed.name}"}


def campaign(cases: int, seed: int, out: Path, timeout: float) -> int:
    from aqdesk.db.database import open_database
    from aqdesk.services import demo

    out.mkdir(parents=True, exist_ok=True)
    crashes = out / "crashes"
    with tempfile.TemporaryDirectory(prefix="aqdesk-fuzz-") as temp:
        temp = Path(temp)
        os.environ["AQDESK_DATA_DIR"] = str(temp / "appdata")
        base_db = temp / "base.db"
        as_of = demo.anchor_day()
        db = open_database(f"sqlite:///{base_db.as_posix()}")
        demo.load_demo(db, today=as_of)
        db.close()
        seed_files = seeds(temp / "seeds", base_db, as_of)
        (temp / "cases").mkdir()
        scratch = temp / "scratch"
        scratch.mkdir()
        worker = Worker(base_db, scratch, out / "worker.log")
        tally: dict[str, Counter] = defaultdict(Counter)
        stages: Counter = Counter()
        slow: list[tuple[float, str]] = []
        started = time.perf_counter()
        for number in range(cases):
            rng = random.Random(seed * 1_000_003 + number)
            case = make_case(number, rng, seed_files, temp / "cases")
            case.update(id=number, as_of=as_of.isoformat())  # unit and period: the files' own metadata
            result = worker.run(case, timeout)
            outcome = result["outcome"]
            tally[case["mutation"]][outcome] += 1
            if outcome == "clean":
                stages[result["detail"]] += 1
                if result["seconds"] > SLOW_SECONDS:
                    slow.append((result["seconds"], f"case {number} {case['mutation']} {case['what']}"))
            else:
                crashes.mkdir(exist_ok=True)
                kept = crashes / f"{number:05d}-{outcome}-{case['mutation']}{Path(case['path']).suffix}"
                shutil.copy(case["path"], kept)
                kept.with_suffix(kept.suffix + ".txt").write_text(
                    f"{case['what']}\n\n{result['detail']}", encoding="utf-8")
                if outcome in ("hang", "abort"):
                    worker = Worker(base_db, scratch, out / "worker.log")
            Path(case["path"]).unlink(missing_ok=True)
            if (number + 1) % 100 == 0:
                print(f"… {number + 1} cases, {time.perf_counter() - started:.0f} s", flush=True)
        worker.process.stdin.close()
        worker.process.wait()
    elapsed = time.perf_counter() - started
    totals = sum(tally.values(), Counter())
    summary = {"cases": cases, "seed": seed, "seconds": round(elapsed, 1), "totals": dict(totals),
               "by_mutation": {k: dict(v) for k, v in sorted(tally.items())}, "clean_stages": dict(stages),
               "slow_cases": [f"{s:.1f} s: {what}" for s, what in sorted(slow, reverse=True)[:20]]}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\n{cases} cases in {elapsed:.0f} s (seed {seed}):")
    print("  " + "  ".join(f"{k} {totals.get(k, 0)}" for k in ("clean", "crash", "hang", "abort")))
    for mutation, counts in sorted(tally.items()):
        print(f"  {mutation:<20}" + "  ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("  clean cases ended: " + "，".join(f"{k} {v}" for k, v in stages.most_common()))
    if slow:
        print(f"  slower than {SLOW_SECONDS:.0f} s: {len(slow)} (see summary.json)")
    if totals.get("clean", 0) != cases:
        print(f"  crashing inputs: {crashes}")
    return 0 if totals.get("clean", 0) == cases else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"))
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a case counts as a hang")
    parser.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0
    return campaign(args.cases, args.seed, args.out, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
