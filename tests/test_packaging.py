"""The one-folder build starts from a fresh database: a slow test (about a minute)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import servers

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.build  # CI runs it; skip it locally with: pytest -m "not build"
def test_pyinstaller_build_runs_init_demo_and_status(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(tmp_path / "dist"),
         "--workpath", str(tmp_path / "build"), str(ROOT / "pyinstaller.spec")],
        cwd=ROOT, check=True, capture_output=True,
    )
    folder = tmp_path / "dist" / "aqdesk"
    cli = folder / ("aqdesk-cli.exe" if os.name == "nt" else "aqdesk-cli")
    assert (folder / "_internal" / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    env = {**os.environ, "AQDESK_DATA_DIR": str(tmp_path / "data")}
    url = f"sqlite:///{(tmp_path / 'fresh.db').as_posix()}"
    subprocess.run([str(cli), "init", "--demo", "--db", url], env=env, check=True, capture_output=True)
    out = subprocess.run([str(cli), "status", "--json", "--db", url], env=env, check=True,
                         capture_output=True, text=True, encoding="utf-8").stdout
    tasks = json.loads(out)["tasks"]
    assert sum(tasks.values()) == 60 and all(tasks.values())
    # the PostgreSQL driver is in the folder: a clerk's desktop needs no Python to use a server
    assert list((folder / "_internal").glob("psycopg_binary*")) and list((folder / "_internal").glob("psycopg"))
    if servers.on_server():
        server_db = servers.create()
        try:
            subprocess.run([str(cli), "init", "--db", server_db], env=env, check=True, capture_output=True)
            out = subprocess.run([str(cli), "status", "--json", "--db", server_db], env=env, check=True,
                                 capture_output=True, text=True, encoding="utf-8").stdout
            assert json.loads(out)["tasks"] == {"red": 0, "yellow": 0, "green": 0}
        finally:
            servers.drop(server_db)
