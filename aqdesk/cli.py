"""The command line: ``aqdesk [--db URL] COMMAND ...``; without a command, the main window.

Exit codes: 0 success, 1 a user error (Chinese message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from aqdesk import APP_TITLE, __version__, logs, paths
from aqdesk.domain.enums import Color
from aqdesk.errors import UserError

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def _global_options(parser: argparse.ArgumentParser, default) -> None:
    """--db and --debug are accepted before or after the command."""
    parser.add_argument("--db", metavar="URL", default=default,
                        help="数据库地址（SQLAlchemy URL），默认读取 AQDESK_DB 或用户数据文件夹")
    parser.add_argument("--debug", action="store_true", default=default or False, help="输出调试日志")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aqdesk", description=f"{APP_TITLE}（aqdesk {__version__}）")
    _global_options(parser, None)
    parser.add_argument("--version", action="version", version=f"aqdesk {__version__}")
    parser.add_argument("--demo", action="store_true", help="打开演示数据（未指定 --db 时使用单独的演示数据库）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, parents=[common])

    command("gui", help="打开主窗口（默认）")

    p = command("init", help="创建或升级数据库")
    p.add_argument("--demo", action="store_true", dest="init_demo", help="向空数据库载入演示数据（示例市）")

    p = command("status", help="预警色统计")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")

    p = command("tasks", help="列出重点任务及其预警色和原因")
    p.add_argument("--unit", metavar="NAME", help="只列出该单位牵头或配合的任务（名称或简称）")
    p.add_argument("--color", choices=[c.value for c in Color], help="只列出该预警色的任务")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")

    p = command("backup", help="把数据库备份到文件")
    p.add_argument("file", type=Path)

    p = command("restore", help="从备份文件恢复数据库（先自动备份当前数据库）")
    p.add_argument("file", type=Path)
    return parser


def _database_url(args: argparse.Namespace) -> str:
    if args.db:
        return args.db
    if args.demo:
        return f"sqlite:///{(paths.data_dir() / 'demo.db').as_posix()}"
    return paths.default_db_url()


def cmd_init(args: argparse.Namespace) -> int:
    from aqdesk.db.database import open_database
    from aqdesk.services import calendar, demo

    db = open_database(_database_url(args))
    try:
        if args.init_demo:
            demo.load_demo(db)
            print(f"已载入演示数据（示例市）：{db.display_name}")
        else:
            with db.transaction() as session:
                calendar.seed_if_empty(session)
            print(f"数据库已就绪：{db.display_name}")
    finally:
        db.close()
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from aqdesk.db.database import open_database
    from aqdesk.services.overview import overview

    db = open_database(_database_url(args))
    try:
        summary = overview(db, args.as_of or dt.date.today())
    finally:
        db.close()
    if args.json:
        print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"截至 {summary.as_of.isoformat()}（红/黄/绿）")
    for label, counts in (("重点任务", summary.tasks), ("退城入园企业", summary.enterprises),
                          ("退城入园节点", summary.milestones), ("双替代乡镇", summary.townships),
                          ("散煤治理县区", summary.counties), ("督办单", summary.sheets)):
        print(f"  {label}：共 {counts.total}，红 {counts.red}，黄 {counts.yellow}，绿 {counts.green}")
    for kind, h in summary.households.items():
        if kind:
            print(f"  {kind}：任务 {h.target} 户，已完成 {h.completed} 户（{h.percent or 0:.1f}%），已验收 {h.accepted} 户")
    print("牵头单位（按逾期任务数）：")
    for u in summary.units:
        if u.counts.total:
            print(f"  {u.name}：红 {u.counts.red}，黄 {u.counts.yellow}，绿 {u.counts.green}")
    return EXIT_OK


def cmd_tasks(args: argparse.Namespace) -> int:
    from aqdesk.db.database import open_database
    from aqdesk.services.tasks import find_tasks

    db = open_database(_database_url(args))
    try:
        as_of = args.as_of or dt.date.today()
        rows = find_tasks(db, as_of, args.unit, Color(args.color) if args.color else None)
    finally:
        db.close()
    if args.json:
        print(json.dumps({"as_of": as_of.isoformat(), "tasks": [
            {"number": r.number, "title": r.title, "category": r.category, "lead": r.lead,
             "cooperators": list(r.cooperator_names), "deadline": r.deadline_text, "progress": r.progress,
             "status": r.status.label, "color": r.color.value, "reason": r.reason, "days_left": r.days_left,
             "postponed": r.postponed}
            for r in rows]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rows:
        print(f"{r.color.label} {r.number:<6}{r.title}｜{r.lead}｜{r.deadline_text}｜{r.progress}%｜{r.reason}")
    print(f"共 {len(rows)} 项")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from aqdesk.db.database import open_database
    from aqdesk.services import backup

    db = open_database(_database_url(args))
    try:
        target = backup.backup(db, args.file)
    finally:
        db.close()
    print(f"已备份到：{target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from aqdesk.db.database import open_database
    from aqdesk.services import backup

    db = open_database(_database_url(args))
    restored, safety = backup.restore(db, args.file)
    restored.close()
    print(f"已从“{args.file}”恢复；恢复前的数据库已备份到：{safety}")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from aqdesk.ui.app import run

    return run(_database_url(args), demo=args.demo)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui, "gui": cmd_gui, "init": cmd_init, "status": cmd_status,
    "tasks": cmd_tasks, "backup": cmd_backup, "restore": cmd_restore,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logs.configure(args.debug)
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
