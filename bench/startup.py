"""Time from process start to the main window shown with the demo office.

Run by hand: ``python bench/startup.py [runs]``. Prints each run and the median.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import sys
from PySide6.QtCore import QTimer
from aqdesk.ui.app import make_app, open_for_gui
from aqdesk.ui.main_window import MainWindow
app = make_app()
window = MainWindow(open_for_gui(sys.argv[1], demo=True))
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "AQDESK_DATA_DIR": folder, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        url = f"sqlite:///{Path(folder, 'demo.db').as_posix()}"
        subprocess.run([sys.executable, str(ROOT / "main.py"), "init", "--demo", "--db", url], env=env, check=True,
                       cwd=ROOT, stdout=subprocess.DEVNULL)
        times = []
        for i in range(runs):
            start = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-c", CHILD, url], env=env, cwd=ROOT,
                                     stdout=subprocess.PIPE, text=True)
            assert child.stdout is not None
            line = child.stdout.readline()
            elapsed = time.perf_counter() - start
            child.wait()
            if line.strip() != "shown":
                sys.exit(f"run {i + 1}: the window did not show")
            times.append(elapsed)
            print(f"run {i + 1}: {elapsed:.3f} s")
    print(f"start-up to main window shown (demo data), median of {runs}: {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
