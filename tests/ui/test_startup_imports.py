"""Start-up stays short because the main window loads only what 本周待办 needs: the PDF, workbook
and import machinery behind the other screens loads when the clerk first goes there."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys
from aqdesk.ui.app import make_app, open_for_gui
from aqdesk.ui.main_window import MainWindow
app = make_app()
window = MainWindow(open_for_gui(sys.argv[1], demo=True))
window.show()
app.processEvents()
heavy = ("reportlab", "openpyxl", "docx", "python_calamine", "aqdesk.services.importing", "aqdesk.exchange.pdf")
print("loaded:" + ",".join(name for name in heavy if name in sys.modules))
"""


def test_opening_the_demo_office_loads_no_document_or_import_machinery(tmp_path):
    url = f"sqlite:///{(tmp_path / 'demo.db').as_posix()}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "AQDESK_DATA_DIR": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, str(ROOT / "main.py"), "init", "--demo", "--db", url], env=env, check=True,
                   cwd=ROOT, capture_output=True)
    done = subprocess.run([sys.executable, "-c", CHILD, url], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "loaded:"
