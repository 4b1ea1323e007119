"""The command line: ``aqdesk [--db URL] COMMAND ...``; without a command, the main window.

Exit codes: 0 success, 1 a user error (Chinese message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from aqdesk import APP_TITLE, __version__, logs, paths
from aqdesk.domain.enums import Color
from aqdesk.errors import UserError

if TYPE_CHECKING:
    from aqdesk.db.database import Database

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

    p = command("import", help="导入计划表或单位报送表（xlsx、xls、ods）")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--unit", metavar="NAME", help="报送单位（文件不是本程序生成的模板时）")
    p.add_argument("--period", type=_date, metavar="YYYY-MM-DD", help="报送期")
    p.add_argument("--create-units", action="store_true", help="计划表中的新单位直接新建")
    p.add_argument("--accept-valid-rows", action="store_true", help="有错误的文件只导入无误的行")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（含每条问题）")

    command("imports", help="列出导入批次")
    p = command("undo-import", help="撤销一个导入批次")
    p.add_argument("batch", type=int, metavar="ID")

    p = command("export", help="导出台账（Excel，含分单位汇总）")
    p.add_argument("what", choices=["ledger"], help="导出内容：ledger 台账")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="截至日期，默认今天")
    p.add_argument("--unit", metavar="NAME", help="只导出该单位的事项")

    p = command("letters", help="生成督办函（PDF，编号并登记）")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--overdue", action="store_true", help="每个有逾期事项的单位一份")
    which.add_argument("--unit", metavar="NAME", help="只给该单位")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="保存到的文件夹")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="成文日期，默认为统计日期")
    p.add_argument("--requirement", metavar="TEXT", help="工作要求（默认使用标准表述）")

    p = command("sheet", help="交办三色督办单并生成 PDF")
    p.add_argument("--unit", metavar="NAME", required=True, help="责任单位")
    p.add_argument("--item", nargs="+", required=True, metavar="ID",
                   help="督办事项：任务编号（如 2-07）、企业信用代码或名称（代码:停产 指某一节点）、乡镇或县区名称")
    p.add_argument("--level", choices=[c.value for c in Color], help="督办级别，默认按事项预警色建议")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--requirement", metavar="TEXT", help="整改要求")
    p.add_argument("--subject", metavar="TEXT", help="督办事项说明，默认取事项名称")
    p.add_argument("--source", metavar="TEXT", help="问题来源")
    p.add_argument("--days", type=int, metavar="N", help="办理时限天数，默认按级别取设置值")
    p.add_argument("--natural-days", action="store_true", help="办理时限按自然日计算（默认工作日）")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="交办日期，默认今天")

    p = command("summons", help="约谈建议名单（多次逾期反馈督办单的单位）")
    p.add_argument("--out", type=Path, metavar="FILE.pdf", help="另存为 PDF 以便打印")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")

    p = command("template", help="生成报送表模板（Excel），供责任单位填报")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", metavar="NAME", help="为该单位生成（名称或简称）")
    who.add_argument("--all", action="store_true", help="为每个有报送内容的市直部门和县（区）各生成一份")
    p.add_argument("--period", type=_date, required=True, metavar="YYYY-MM-DD", help="报送期（截至日期）")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="保存模板的文件夹")

    p = command("backup", help="把数据库备份到文件")
    p.add_argument("file", type=Path)

    p = command("restore", help="从备份文件恢复数据库（先自动备份当前数据库）")
    p.add_argument("file", type=Path)

    p = command("migrate-to", help="把当前数据库整体迁入一个空的服务器数据库")
    p.add_argument("url", metavar="URL", help="目标数据库地址，如 postgresql+psycopg://用户:密码@服务器/aqdesk")
    return parser


@contextmanager
def _database(args: argparse.Namespace) -> Iterator[Database]:
    from aqdesk.db.database import open_database

    db = open_database(_database_url(args))
    if db.warning:
        print(f"警告：{db.warning}", file=sys.stderr)
    try:
        yield db
    finally:
        db.close()


def _database_url(args: argparse.Namespace) -> str:
    if args.db:
        return args.db
    if args.demo:
        return f"sqlite:///{(paths.data_dir() / 'demo.db').as_posix()}"
    return paths.default_db_url()


def cmd_init(args: argparse.Namespace) -> int:
    from aqdesk.services import demo
    from aqdesk.services.common import workdays
    with _database(args) as db:
        if args.init_demo:
            demo.load_demo(db)
            print(f"已载入演示数据（示例市）：{db.display_name}")
        else:
            with db.transaction() as session:
                workdays.seed_if_empty(session)
            print(f"数据库已就绪：{db.display_name}")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from aqdesk.services.reports.overview import overview

    with _database(args) as db:
        summary = overview(db, args.as_of or dt.date.today())
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
    from aqdesk.services.ledgers.tasks import find_tasks

    with _database(args) as db:
        as_of = args.as_of or dt.date.today()
        rows = find_tasks(db, as_of, args.unit, Color(args.color) if args.color else None)
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


def cmd_import(args: argparse.Namespace) -> int:
    from aqdesk.services.importing.commit import commit
    from aqdesk.services.importing.prepare import prepare

    results, refused = [], False
    with _database(args) as db:
        for path in args.files:
            result = {"file": str(path)}
            try:
                plan = prepare(db, path, unit=args.unit, period=args.period, create_units=args.create_units)
            except UserError as exc:
                result.update(status="refused", errors=1, messages=[str(exc)])
                refused = True
                results.append(result)
                continue
            ok = plan.committable(args.accept_valid_rows)
            result.update(unit=plan.unit_name, period=plan.period.isoformat() if plan.period else None,
                          kind=plan.kind, rows_read=plan.rows_read, rows_changed=plan.rows_changed,
                          errors=len(plan.errors), warnings=len(plan.warnings),
                          skipped_rows=len(plan.skipped()) if ok and args.accept_valid_rows else 0)
            if args.json:
                result["messages"] = [{"severity": p.severity.value, "text": str(p)} for p in plan.problems]
            if not ok:
                result["status"] = "refused"
                refused = True
            elif args.dry_run:
                result["status"] = "checked"
            else:
                try:
                    result.update(status="committed", batch=commit(db, plan, args.accept_valid_rows))
                except UserError as exc:
                    result.update(status="refused", messages=[*result.get("messages", []), str(exc)])
                    refused = True
            results.append(result)
            if not args.json:
                _print_import(result, plan)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return EXIT_USER_ERROR if refused else EXIT_OK


def _print_import(result: dict, plan) -> None:
    status = {"committed": f"已导入（批次 {result.get('batch')}）", "checked": "检查通过（未写入）",
              "refused": "未导入"}[result["status"]]
    print(f"{plan.file_name}：{status}；单位 {result.get('unit') or '—'}，报送期 {result.get('period') or '—'}，"
          f"读取 {result['rows_read']} 行，变更 {result['rows_changed']} 行，错误 {result['errors']}，"
          f"警告 {result['warnings']}" + (f"，跳过 {result['skipped_rows']} 行" if result.get("skipped_rows") else ""))
    for problem in plan.problems[:50]:
        print(f"  [{problem.severity.label}] {problem}", file=sys.stderr if problem.is_error else sys.stdout)
    if len(plan.problems) > 50:
        print(f"  ……另有 {len(plan.problems) - 50} 条问题（用 --json 查看全部）")


def cmd_imports(args: argparse.Namespace) -> int:
    from aqdesk.services.importing.batches import batch_rows

    with _database(args) as db:
        rows = batch_rows(db)
    for b in rows:
        print(f"{b.id:>4}  {b.committed_at:%Y-%m-%d %H:%M}  {'已撤销' if b.undone else '已导入'}  {b.kind}  "
              f"{b.unit or '—'}  {b.period or '—'}  {b.file_name}  读取{b.rows_read}行 变更{b.rows_changed}行")
    if not rows:
        print("还没有导入记录。")
    return EXIT_OK


def cmd_undo_import(args: argparse.Namespace) -> int:
    from aqdesk.services.importing.commit import undo_import

    with _database(args) as db:
        undo_import(db, args.batch)
    print(f"已撤销导入批次 {args.batch}。")
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    from aqdesk.exchange.template_xlsx import write_template
    from aqdesk.services.importing.templates import template_content, units_with_templates

    with _database(args) as db:
        units = units_with_templates(db) if args.all else [args.unit]
        contents = [template_content(db, unit, args.period) for unit in units]
    if not contents:
        raise UserError("台账中还没有任何单位需要报送的任务、企业或乡镇，未生成报送表")
    for content in contents:
        print(f"已生成：{write_template(content, args.out)}")
    if args.all:
        print(f"共 {len(contents)} 份")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from aqdesk.services.common import backup
    with _database(args) as db:
        target = backup.backup(db, args.file)
    print(f"已备份到：{target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from aqdesk.db.database import open_database
    from aqdesk.services.common import backup
    db = open_database(_database_url(args))
    restored, safety = backup.restore(db, args.file)
    restored.close()
    print(f"已从“{args.file}”恢复；恢复前的数据库已备份到：{safety}")
    return EXIT_OK


def cmd_migrate_to(args: argparse.Namespace) -> int:
    from aqdesk.services.common import backup
    with _database(args) as db:
        target = backup.move_to(db, args.url)
        target.close()
        print(f"已把“{db.display_name}”迁入“{target.display_name}”。请把各台电脑的数据库地址（AQDESK_DB）改为新地址。")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from aqdesk.services.reports.ledger_export import export_ledgers

    with _database(args) as db:
        path = export_ledgers(db, args.out, args.as_of or dt.date.today(), args.unit)
    print(f"已导出台账：{path}")
    return EXIT_OK


def cmd_letters(args: argparse.Namespace) -> int:
    from aqdesk.services.supervision import letters
    with _database(args) as db:
        units = None if args.overdue else [args.unit]
        for step in letters.issue_letters(db, units, args.as_of or dt.date.today(), args.out,
                                          issued_on=args.date, requirement=args.requirement or ""):
            print(f"[{step.done}/{step.total}] {step.letter.number}　{step.letter.unit}　{step.letter.path}")
    return EXIT_OK


def cmd_sheet(args: argparse.Namespace) -> int:
    from aqdesk.domain.enums import DayKind
    from aqdesk.services.supervision import sheet_items, sheet_loop, sheet_print
    with _database(args) as db:
        day = args.as_of or dt.date.today()
        items = sheet_items.resolve(db, args.item, day)
        level = Color(args.level) if args.level else sheet_items.suggest_level(items)
        issued = sheet_print.issue_sheet_pdf(
            db, args.out, unit=args.unit, level=level, items=items,
            requirement=args.requirement or sheet_loop.DEFAULT_REQUIREMENT, issued_on=day, days=args.days,
            day_kind=DayKind.NATURAL if args.natural_days else DayKind.WORKDAY,
            subject=args.subject or "", source=args.source or "")
    print(f"已交办{level.label}色督办单 {issued.number}，办理时限至 {issued.deadline.isoformat()}：{args.out}")
    return EXIT_OK


def cmd_summons(args: argparse.Namespace) -> int:
    from aqdesk.services.supervision import summons
    with _database(args) as db:
        as_of = args.as_of or dt.date.today()
        listed = summons.summons_list(db, as_of)
        if args.out:
            summons.save_summons_pdf(db, as_of, args.out)
    print(f"约谈建议名单（{listed.rule}）：{len(listed.rows)} 个单位")
    for row in listed.rows:
        print(f"{row.unit}　{row.reason}　{row.numbers}")
    if args.out:
        print(f"已保存：{args.out}")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from aqdesk.ui.app import run

    return run(_database_url(args), demo=args.demo)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui, "gui": cmd_gui, "init": cmd_init, "status": cmd_status,
    "export": cmd_export, "letters": cmd_letters, "sheet": cmd_sheet, "summons": cmd_summons,
    "tasks": cmd_tasks, "import": cmd_import, "imports": cmd_imports, "undo-import": cmd_undo_import,
    "template": cmd_template, "backup": cmd_backup, "restore": cmd_restore, "migrate-to": cmd_migrate_to,
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
