"""Why a file could not be read or written, said in Chinese."""

import errno

from aqdesk.cli import main
from aqdesk.errors import os_reason


def test_common_reasons_are_in_chinese_and_others_pass_through():
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "文件或文件夹不存在"
    assert "磁盘空间不足" == os_reason(OSError(errno.ENOSPC, "No space left on device"))
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"


def test_the_cli_says_why_in_chinese(capsys, tmp_path):
    assert main(["--db", f"sqlite:///{tmp_path.as_posix()}", "status"]) == 1  # a folder given as the database
    _, err = capsys.readouterr()
    assert "这是一个文件夹，不是文件" in err and "Is a directory" not in err
