"""What happens to an exception nobody caught while the window is open.

The Windows build has no console, so a traceback on stderr is lost and the clerk sees
nothing, or sees the program vanish. Instead: the traceback goes to the log, the clerk gets a
Chinese message naming the log, and Qt carries on with its event loop (an exception in a slot
ends only that slot)."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from aqdesk import APP_TITLE, paths
from aqdesk.errors import UserError

log = logging.getLogger("aqdesk.crash")
_showing = False


def install() -> None:
    sys.excepthook = report
    threading.excepthook = _report_thread


def report(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    if isinstance(error, UserError):  # a refusal that escaped its dialog: still only a message
        text = str(error)
    else:
        log.critical("未处理的异常", exc_info=(kind, error, trace))
        text = (f"程序出现内部错误：{kind.__name__}: {error}\n\n当前操作未完成，程序可以继续使用；"
                f"如问题反复出现，请把日志文件发给维护人员：\n{paths.data_dir() / 'aqdesk.log'}")
    if _showing or QApplication.instance() is None:
        return  # an error raised while the message is open is in the log; one box at a time
    _showing = True
    try:
        QMessageBox.critical(QApplication.activeWindow(), APP_TITLE, text)
    finally:
        _showing = False


def _report_thread(args: threading.ExceptHookArgs) -> None:
    # No widget may be touched from another thread: the log keeps it.
    log.critical("线程 %s 中未处理的异常", args.thread.name if args.thread else "?",
                 exc_info=args.exc_value)
