"""The domain's tests, and the fixtures they share, load no Qt: a developer without a
display (or without PySide6) can run ``pytest -p no:pytestqt tests/domain``."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_domain_tests_and_shared_fixtures_import_no_qt():
    modules = ["tests.conftest", *(f"tests.domain.{p.stem}" for p in (ROOT / "tests" / "domain").glob("test_*.py")),
               *(f"aqdesk.domain.{p.stem}" for p in (ROOT / "aqdesk" / "domain").glob("*.py"))]
    script = ("import importlib, sys\n"
              f"for name in {modules!r}: importlib.import_module(name)\n"
              "qt = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
              "assert not qt, qt\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
