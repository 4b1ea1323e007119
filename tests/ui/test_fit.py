"""Every page and every dialog fits a 1366×768 laptop (728 px above the taskbar) and a 1920×1080
screen at 150 % (1280×720 logical), with each push button wholly visible.

The screen size is fixed when Qt starts, so each size runs ``fit_probe`` in its own process.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("width,height", [(1366, 728), (1280, 720)])
def test_every_window_fits_the_screen_with_its_buttons_visible(_demo_template, tmp_path, width, height):
    db = tmp_path / "demo.db"
    db.write_bytes(_demo_template.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT), "AQDESK_DATA_DIR": str(tmp_path / "appdata")}
    png_dir = os.environ.get("AQDESK_FIT_PNG")  # set it to look at every screen as rendered
    args = [sys.executable, "-m", "tests.ui.fit_probe", str(width), str(height), str(db), *([png_dir] if png_dir else [])]
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    problems = json.loads(done.stdout.strip().splitlines()[-1])
    assert problems == []
