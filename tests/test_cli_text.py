"""argparse's own words in Chinese: help and the messages for a mistyped command."""

import pytest

from aqdesk.cli import main


def _exit(capsys, *argv):
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    out, err = capsys.readouterr()
    return stopped.value.code, out, err


def test_help_is_in_chinese(capsys):
    code, out, _ = _exit(capsys, "--help")
    assert code == 0
    assert out.startswith("用法：aqdesk") and "选项" in out and "显示本帮助并退出" in out and "显示版本号并退出" in out
    assert "show this help" not in out and "usage:" not in out


@pytest.mark.parametrize("argv,said", [
    (("tasks", "--color", "purple"), "参数 --color：无效的值 'purple'"),
    (("export", "--out", "x.xlsx"), "缺少必需的参数：ledger"),
    (("letters", "--out", "x"), "须指定以下参数之一：--overdue --unit"),
    (("year", "close"), "缺少必需的参数：YYYY"),
    (("tasks", "--bogus"), "无法识别的参数：--bogus"),
])
def test_a_mistyped_command_is_told_in_chinese(capsys, argv, said):
    code, _, err = _exit(capsys, *argv)
    assert code == 2
    assert said in err and "错误：" in err and "error:" not in err and "Traceback" not in err
