"""The command line: ``aqdesk [--db URL] COMMAND ...``; without a command, the main window.

Exit codes: 0 success, 1 a user error (Chinese message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aqdesk import APP_TITLE, __version__, cli_text, logs, paths
from aqdesk.domain import palette
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


FORMATS = {"pdf": ("pdf",), "docx": ("docx",), "both": ("pdf", "docx")}


def _saved(out: Path, kind: str) -> str:
    """The files a --format wrote beside ``out``, as saving.save_formats names them."""
    base = out.with_suffix("") if out.suffix.lower() in (".pdf", ".docx") else out
    return "、".join(str(base.with_name(f"{base.name}.{k}")) for k in FORMATS[kind])


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=list(FORMATS), default="pdf",
                        help="文件格式：pdf、docx（Word 稿，同样的公文版式）或 both，默认 pdf")


def _notify(notices: list[str]) -> None:
    """Before a document is issued: what will not print as the office expects."""
    for notice in notices:
        print(f"注意：{notice}", file=sys.stderr)


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"年度应为四位数字，如 2027：{text}")
    return int(text)


def _year_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=_year, metavar="YYYY",
                        help="计划年度，默认为统计日期所在的年度（该年计划尚未载入时为上一年度）")


def _global_options(parser: argparse.ArgumentParser, default) -> None:
    """--db and --debug are accepted before or after the command."""
    parser.add_argument("--db", metavar="URL", default=default,
                        help="数据库地址（SQLAlchemy URL），默认读取 AQDESK_DB 或用户数据文件夹")
    parser.add_argument("--debug", action="store_true", default=default or False, help="输出调试日志")


def build_parser() -> argparse.ArgumentParser:
    cli_text.use_chinese()
    parser = argparse.ArgumentParser(prog="aqdesk", description=f"{APP_TITLE}（aqdesk {__version__}）")
    _global_options(parser, None)
    parser.add_argument("--version", action="version", version=f"aqdesk {__version__}", help=cli_text.VERSION_HELP)
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
    _year_option(p)

    p = command("agenda", help="本周待办：本周和下周到期、新增逾期、持续逾期、督办单、未报送单位")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")

    p = command("chase", help="催报：列出本期未报送的单位，并可生成催报通知（PDF 或 Word）")
    p.add_argument("--period", type=_date, metavar="YYYY-MM-DD", help="报送期内任一天，默认今天")
    p.add_argument("--out", type=Path, metavar="FILE.pdf", help="生成催报通知（--format 选 PDF 或 Word）")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="成文日期，默认今天")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    _format_option(p)

    p = command("bulletin", help="月度通报：预览、印发（编号并固定数据）、重印")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="通报月份，如 2026-11")
    p.add_argument("--out", type=Path, metavar="FILE.pdf", help="保存通报（--format 选 PDF 或 Word）")
    p.add_argument("--issue", action="store_true", help="印发：取下一个通报编号并固定本期数据")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="数据截至日期，默认为月末（不晚于今天）")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="成文日期，默认为截至日期")
    p.add_argument("--opening", metavar="TEXT", help="开头段落（默认使用标准表述）")
    p.add_argument("--closing", metavar="TEXT", help="工作要求段落（默认使用标准表述）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出通报数据")
    _format_option(p)

    p = command("brief", help="领导专报（一页 A4）")
    p.add_argument("--out", type=Path, metavar="FILE.pdf", help="保存专报（--format 选 PDF 或 Word）")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")
    p.add_argument("--note", metavar="TEXT", help="开头的两三句话（默认按数据生成）")
    _format_option(p)

    p = command("air", help="空气质量：各县区优良率、PM2.5、年内剩余可超标天数、预警色和排名")
    p.add_argument("--county", metavar="NAME", help="只列出该县（区）")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")
    p.add_argument("--rank-by", choices=["综合指数", "PM2.5", "优良率", "PM2.5同比改善"], help="排名依据，默认按选项设置")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")

    p = command("air-target", help="设定县（区）或全市的年度空气质量目标")
    p.add_argument("county", metavar="NAME", help="县（区）名称；“全市”为全市目标")
    p.add_argument("--year", type=int, required=True, help="年度")
    p.add_argument("--good-rate", type=float, metavar="PERCENT", help="优良天数比例目标（%%）")
    p.add_argument("--pm25", type=float, metavar="UG", help="PM2.5 年均浓度目标（微克/立方米）")
    p.add_argument("--heavy-days", type=int, metavar="N", help="重污染天数不超过")
    p.add_argument("--stages", metavar="TEXT", help="阶段目标：截至各月底的累计优良率，如“3月60，6月70”")

    p = command("tasks", help="列出重点任务及其预警色和原因")
    p.add_argument("--unit", metavar="NAME", help="只列出该单位牵头或配合的任务（名称或简称）")
    p.add_argument("--color", choices=[c.value for c in palette.ORDER], help="只列出该预警色的任务：red 红、yellow 黄、green 绿")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    _year_option(p)

    p = command("import", help="导入计划表或单位报送表（xlsx、xls、ods）")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--unit", metavar="NAME", help="报送单位（文件不是本程序生成的模板时）")
    p.add_argument("--period", type=_date, metavar="YYYY-MM-DD", help="报送期")
    p.add_argument("--create-units", action="store_true", help="计划表中的新单位直接新建")
    p.add_argument("--accept-valid-rows", action="store_true", help="有错误的文件只导入无误的行")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--problems", type=Path, metavar="DIR", help="有问题的文件，把问题清单（Excel）存入该文件夹")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（含每条问题）")
    p.add_argument("--year", type=_year, metavar="YYYY",
                   help="计划年度：计划表标题中没有年份时必须指定；报送表默认按报送期所在年度")

    command("imports", help="列出导入批次")
    p = command("undo-import", help="撤销一个导入批次")
    p.add_argument("batch", type=int, metavar="ID")

    p = command("export", help="导出台账（Excel，含分单位汇总）")
    p.add_argument("what", choices=["ledger"], metavar="ledger", help="导出内容：ledger 台账")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="保存为该 Excel 文件")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="截至日期，默认今天")
    p.add_argument("--unit", metavar="NAME", help="只导出该单位的事项")
    _year_option(p)

    p = command("letters", help="生成督办函（PDF，编号并登记）")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--overdue", action="store_true", help="每个有逾期事项的单位一份")
    which.add_argument("--unit", metavar="NAME", help="只给该单位")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="保存到的文件夹")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="成文日期，默认为统计日期")
    p.add_argument("--requirement", metavar="TEXT", help="工作要求（默认使用标准表述）")
    _format_option(p)
    _year_option(p)

    p = command("sheet", help="交办三色督办单并生成 PDF")
    p.add_argument("--unit", metavar="NAME", required=True, help="责任单位")
    p.add_argument("--item", nargs="+", required=True, metavar="ID",
                   help="督办事项：任务编号（如 2-07）、企业信用代码或名称（代码:停产 指某一节点）、乡镇或县区名称")
    p.add_argument("--level", choices=[c.value for c in palette.ORDER], help="督办级别：red 红、yellow 黄、green 绿，默认按事项预警色建议")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="督办单保存为该文件")
    p.add_argument("--requirement", metavar="TEXT", help="整改要求")
    p.add_argument("--subject", metavar="TEXT", help="督办事项说明，默认取事项名称")
    p.add_argument("--source", metavar="TEXT", help="问题来源")
    p.add_argument("--days", type=int, metavar="N", help="办理时限天数，默认按级别取设置值")
    p.add_argument("--natural-days", action="store_true", help="办理时限按自然日计算（默认工作日）")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="交办日期，默认今天")
    _format_option(p)
    _year_option(p)

    p = command("summons", help="约谈建议名单（按本办约谈规则，列明每个单位所触发的规则）")
    p.add_argument("--out", type=Path, metavar="FILE.pdf", help="另存为 PDF 以便打印")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="统计日期，默认今天")
    _format_option(p)
    _year_option(p)

    p = command("remind", help="催办：给一张未销号的督办单发编号催办函（PDF 或 Word，登记回复时限）")
    p.add_argument("sheet", metavar="编号", help="督办单编号，如 督办〔2026〕3号")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="保存到的文件夹")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="催办日期，默认今天")
    _format_option(p)

    p = command("unit-file", help="一单位一档：某单位的任务、督办单、发文、催办、约谈、问责和督查发现问题（PDF）")
    p.add_argument("unit", metavar="NAME", help="单位名称或简称")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="档案保存为该文件")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="截至日期，默认今天")

    p = command("register", help="发文登记：列出、作废文号、登记回复、设定起始号、原样重印")
    p.add_argument("--year", type=int, help="只列出该年度")
    p.add_argument("--awaiting", action="store_true", help="只列出超过回复时限未回复的发文")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="判断是否逾期未回复的日期，默认今天")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--void", metavar="文号", help="作废该文号（须同时给出 --reason）；作废的文号不再使用")
    act.add_argument("--reply", metavar="文号", help="登记该发文已收到回复（日期用 --date）")
    act.add_argument("--reprint", metavar="文号", help="把该发文原样另存到 --out")
    act.add_argument("--start", metavar="代字", help="该代字本年度从 --first 号开始编号（年中启用本程序时）")
    p.add_argument("--reason", metavar="TEXT", help="作废原因")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="作废或回复日期，默认今天")
    p.add_argument("--first", type=int, metavar="N", help="起始号")
    p.add_argument("--out", type=Path, metavar="FILE.pdf", help="重印件保存为该文件（与 --reprint 同用）")

    p = command("template", help="生成报送表模板（Excel），供责任单位填报")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", metavar="NAME", help="为该单位生成（名称或简称）")
    who.add_argument("--all", action="store_true", help="为每个有报送内容的市直部门和县（区）各生成一份")
    p.add_argument("--period", type=_date, required=True, metavar="YYYY-MM-DD", help="报送期（截至日期）")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="保存模板的文件夹")
    _year_option(p)

    p = command("year", help="年度结转：关闭、开启年度，年终汇总")
    year_sub = p.add_subparsers(dest="year_command", metavar="ACTION", required=True)
    year_sub.add_parser("list", help="列出各年度及其状态", parents=[common])
    y = year_sub.add_parser("close", help="结转关闭一个年度（此后该年度只读）", parents=[common])
    y.add_argument("year", type=_year, metavar="YYYY")
    y.add_argument("--summary", type=Path, metavar="FILE.pdf", help="同时保存年终汇总")
    y = year_sub.add_parser("reopen", help="重新打开已关闭的年度（更正后请再次关闭）", parents=[common])
    y.add_argument("year", type=_year, metavar="YYYY")
    y = year_sub.add_parser("open", help="开启新年度，结转所选事项", parents=[common])
    y.add_argument("year", type=_year, metavar="YYYY")
    y.add_argument("--carry", nargs="*", default=[], choices=["unfinished", "standing", "enterprises"],
                   help="结转：unfinished 未完成任务，standing 长期坚持任务，enterprises 未完成的退城入园企业")
    y = year_sub.add_parser("summary", help="年终汇总（PDF）", parents=[common])
    y.add_argument("year", type=_year, metavar="YYYY")
    y.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="年终汇总保存为该文件")

    p = command("backup", help="把数据库备份到文件")
    p.add_argument("file", type=Path, metavar="FILE")

    p = command("restore", help="从备份文件恢复数据库（先自动备份当前数据库）")
    p.add_argument("file", type=Path, metavar="FILE")

    p = command("migrate-to", help="把当前数据库整体迁入一个空的服务器数据库")
    p.add_argument("url", metavar="URL", help="目标数据库地址，如 postgresql+psycopg://用户:密码@服务器/aqdesk")
    return parser


@contextmanager
def _database(args: argparse.Namespace) -> Iterator[Database]:
    from aqdesk.db.database import open_database

    db = open_database(_existing_database_url(args))
    if db.warning:
        print(f"警告：{db.warning}", file=sys.stderr)
    try:
        if args.demo:  # as the window does: the demo office is there the first time it is asked for
            from aqdesk.services import demo
            if demo.is_empty(db):
                demo.load_demo(db)
        yield db
    finally:
        db.close()


def _existing_database_url(args: argparse.Namespace) -> str:
    """The URL, refused when a chosen file lies in a folder that does not exist: a mistyped
    --db must not quietly start an empty office. ``init`` creates it on purpose."""
    from aqdesk.db.database import missing_folder

    url = _database_url(args)
    folder = missing_folder(url) if _chosen(args) else None
    if folder is not None and args.command != "init":
        raise UserError(f"数据库所在的文件夹“{folder}”不存在，请检查 --db 或 AQDESK_DB 是否写错；"
                        "如确要在此新建数据库，请先运行 aqdesk --db URL init")
    return url


def _chosen(args: argparse.Namespace) -> bool:
    """The database was named by the user, not the data folder's own (created on first run)."""
    return bool(args.db or os.environ.get(paths.DB_ENV))


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
        summary = overview(db, args.as_of or dt.date.today(), args.year)
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
    for label, ranked in (("市直部门", summary.ranking.departments), ("县（区）", summary.ranking.counties)):
        print(f"{label}排名：" + "；".join(f"{u.rank}.{u.unit} {u.score:.1f}分" for u in ranked))
    print(f"计分规则：{summary.ranking.rule}")
    if not (summary.tasks.total or summary.enterprises.total or summary.townships.total or summary.counties.total):
        print("提示：台账中还没有事项。请导入年度计划表（aqdesk import 计划表.xlsx），"
              "或先用 aqdesk --demo 查看示例市的演示数据。", file=sys.stderr)
    return EXIT_OK


def cmd_agenda(args: argparse.Namespace) -> int:
    from aqdesk.services.reports.agenda import agenda

    with _database(args) as db:
        result = agenda(db, args.as_of or dt.date.today())
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(result.as_text(), end="")
    return EXIT_OK


def cmd_chase(args: argparse.Namespace) -> int:
    from aqdesk.services.reports import chase

    with _database(args) as db:
        notice = chase.chase_notice(db, args.period or dt.date.today(), args.date or dt.date.today())
        if args.out:
            chase.save_chase_pdf(notice, args.out, FORMATS[args.format])
    if args.json:
        print(json.dumps(notice.as_json(), ensure_ascii=False, indent=2))
    else:
        print(notice.as_text(), end="")
    if args.out:
        print(f"已保存催报通知：{_saved(args.out, args.format)}", file=sys.stderr if args.json else sys.stdout)
    return EXIT_OK


def cmd_bulletin(args: argparse.Namespace) -> int:
    from aqdesk.services.reports import bulletin
    from aqdesk.services.reports.bulletin_figures import month_end, month_of

    with _database(args) as db:
        as_of = args.as_of or min(month_end(month_of(args.period)), dt.date.today())
        result = bulletin.draft(db, args.period, as_of, opening=args.opening, closing=args.closing,
                                issued_on=args.date)
        if args.issue:
            result, _action = bulletin.issue(db, result)
        if args.out:
            bulletin.save_pdf(result, args.out, FORMATS[args.format])
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    state = "已印发" if result.issued else "预览（未印发，编号为印发时将取得的号）"
    print(f"{result.number}　{result.title}　{state}")
    for kind, label in bulletin.KINDS:
        for u in result.figures["ranking"][kind]:
            print(f"  {label} 第{u['rank']}名　{u['unit']}　{u['score']:.1f}分　{u.get('move', '—')}")
    if args.out:
        print(f"已保存：{_saved(args.out, args.format)}")
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    from aqdesk.services.reports import brief

    with _database(args) as db:
        result = brief.brief(db, args.as_of or dt.date.today(), args.note)
    print(result.as_text(), end="")
    if args.out:
        brief.save_brief_pdf(result, args.out, FORMATS[args.format])
        print(f"已保存：{_saved(args.out, args.format)}")
    return EXIT_OK


def cmd_tasks(args: argparse.Namespace) -> int:
    from aqdesk.services.ledgers.tasks import find_tasks

    with _database(args) as db:
        as_of = args.as_of or dt.date.today()
        rows = find_tasks(db, as_of, args.unit, Color(args.color) if args.color else None, args.year)
    if args.json:
        print(json.dumps({"as_of": as_of.isoformat(), "tasks": [
            {"number": r.number, "title": r.title, "category": r.category, "lead": r.lead,
             "cooperators": list(r.cooperator_names), "shares": list(r.share_units), "deadline": r.deadline_text,
             "progress": r.progress,
             "status": r.status.label, "color": r.color.value, "reason": r.reason, "days_left": r.days_left,
             "postponed": r.postponed}
            for r in rows]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rows:
        print(f"{r.color.label} {r.number:<6}{r.title}｜{r.lead}｜{r.deadline_text}｜{r.progress}%｜{r.reason}")
    print(f"共 {len(rows)} 项")
    return EXIT_OK


def cmd_air(args: argparse.Namespace) -> int:
    from aqdesk.domain.air.ranking import rank_by
    from aqdesk.services.air.standings import air_report, only_county

    with _database(args) as db:
        as_of = args.as_of or dt.date.today()
        report = air_report(db, as_of, rank_by(args.rank_by) if args.rank_by else None)
        rows = only_county(db, report, args.county) if args.county else report.counties
    if args.json:
        print(json.dumps({"as_of": as_of.isoformat(), "rank_by": report.rank_by.label,
                          "counties": [r.as_json() for r in rows],
                          "city": report.city.as_json() if report.city else None}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"截至 {as_of.isoformat()}，按{report.rank_by.label}排名")
    for r in [*rows, *([report.city] if report.city and not args.county else [])]:
        print(r.as_text())
    return EXIT_OK


def cmd_air_target(args: argparse.Namespace) -> int:
    from aqdesk.domain.air.budget import Target, parse_stages
    from aqdesk.services.air.targets import set_target

    try:
        stages = parse_stages(args.stages or "")
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    with _database(args) as db:
        set_target(db, None if args.county == "全市" else args.county, args.year,
                   Target(args.good_rate, args.pm25, args.heavy_days, stages))
    print(f"已设定{args.county} {args.year} 年空气质量目标")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from aqdesk.services.importing.commit import commit
    from aqdesk.services.importing.prepare import prepare
    from aqdesk.services.importing.problem_list import save_into

    results, refused = [], False
    with _database(args) as db:
        if not args.dry_run:
            db.check_writable()
        for path in args.files:
            result: dict[str, Any] = {"file": str(path)}  # one file's line of the JSON report
            try:
                plan = prepare(db, path, unit=args.unit, period=args.period, create_units=args.create_units,
                               year=args.year)
            except UserError as exc:
                result.update(status="refused", errors=1, messages=[str(exc)])
                refused = True
                results.append(result)
                if not args.json:
                    print(f"{path.name}：未导入；{exc}", file=sys.stderr)
                continue
            ok = plan.committable(args.accept_valid_rows)
            result.update(unit=plan.unit_name, period=plan.period.isoformat() if plan.period else None, year=plan.year,
                          kind=plan.kind, rows_read=plan.rows_read, rows_changed=plan.rows_changed,
                          errors=len(plan.errors), warnings=len(plan.warnings),
                          skipped_rows=len(plan.skipped()) if ok and args.accept_valid_rows else 0)
            if args.json:
                result["messages"] = [{"severity": p.severity.value, "text": str(p)} for p in plan.problems]
            if args.problems and plan.problems:
                try:
                    result["problem_list"] = str(save_into(plan, args.problems))
                except UserError as exc:
                    result["problem_list_error"] = str(exc)
                    refused = True
            if not ok:
                result["status"] = "refused"
                refused = True
            elif args.dry_run:
                result["status"] = "checked"
            failure = None
            if ok and not args.dry_run:
                try:
                    result.update(status="committed", batch=commit(db, plan, args.accept_valid_rows))
                except UserError as exc:
                    failure = str(exc)
                    result.update(status="refused", messages=[*result.get("messages", []), failure])
                    refused = True
            results.append(result)
            if not args.json:
                _print_import(result, plan)
                if failure:
                    print(f"  [错误] {failure}", file=sys.stderr)
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
    if result.get("problem_list"):
        print(f"  问题清单：{result['problem_list']}")
    if result.get("problem_list_error"):
        print(f"  问题清单未能保存：{result['problem_list_error']}", file=sys.stderr)


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
        units = units_with_templates(db, args.period, args.year) if args.all else [args.unit]
        contents = [template_content(db, unit, args.period, args.year) for unit in units]
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
    db = open_database(_existing_database_url(args))
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
        path = export_ledgers(db, args.out, args.as_of or dt.date.today(), args.unit, args.year)
    print(f"已导出台账：{path}")
    return EXIT_OK


def cmd_letters(args: argparse.Namespace) -> int:
    from aqdesk.services.supervision import letters
    with _database(args) as db:
        units = None if args.overdue else [args.unit]
        as_of = args.as_of or dt.date.today()
        _notify(letters.notices(db, units, as_of, args.requirement or ""))
        for step in letters.issue_letters(db, units, as_of, args.out, issued_on=args.date,
                                          requirement=args.requirement or "", formats=FORMATS[args.format],
                                          year=args.year):
            files = "　".join(str(p) for p in step.letter.paths)
            print(f"[{step.done}/{step.total}] {step.letter.number}　{step.letter.unit}　{files}")
    return EXIT_OK


def cmd_sheet(args: argparse.Namespace) -> int:
    from aqdesk.domain.enums import DayKind
    from aqdesk.services.supervision import sheet_items, sheet_loop, sheet_print
    with _database(args) as db:
        day = args.as_of or dt.date.today()
        items = sheet_items.resolve(db, args.item, day, args.year)
        level = Color(args.level) if args.level else sheet_items.suggest_level(items)
        _notify(sheet_print.notices(db, [args.requirement or "", args.subject or "", args.source or ""]
                                    + [f"{i.label}：{i.reason}" for i in items]))
        issued = sheet_print.issue_sheet_pdf(
            db, args.out, unit=args.unit, level=level, items=items,
            requirement=args.requirement or sheet_loop.DEFAULT_REQUIREMENT, issued_on=day, days=args.days,
            day_kind=DayKind.NATURAL if args.natural_days else DayKind.WORKDAY,
            subject=args.subject or "", source=args.source or "", formats=FORMATS[args.format])
    files = "、".join(str(Path(args.out).with_suffix(f".{kind}")) for kind in FORMATS[args.format])
    print(f"已交办{level.label}色督办单 {issued.number}，办理时限至 {issued.deadline.isoformat()}：{files}")
    return EXIT_OK


def cmd_summons(args: argparse.Namespace) -> int:
    from aqdesk.services.supervision import summons
    with _database(args) as db:
        as_of = args.as_of or dt.date.today()
        listed = summons.summons_list(db, as_of)
        if args.out:
            _notify(summons.notices(db, listed))
            summons.save_summons_pdf(db, as_of, args.out, FORMATS[args.format])
    print(f"约谈建议名单：{len(listed.rows)} 个单位")
    for row in listed.rows:
        print(f"{row.unit}　{row.reason}")
    if args.out:
        print("已保存：" + "、".join(str(Path(args.out).with_suffix(f".{kind}")) for kind in FORMATS[args.format]))
    return EXIT_OK


def cmd_year(args: argparse.Namespace) -> int:
    from aqdesk.services.common import years
    from aqdesk.services.ledgers import rollover
    from aqdesk.services.reports import year_summary

    with _database(args) as db:
        if args.year_command == "list":
            with db.reading() as session:
                closed = years.closed_years(session)
                known = years.known_years(session)
            for year in known:
                print(f"{year}年度：{'已结转关闭（只读）' if year in closed else '进行中'}")
            if not known:
                print("台账中还没有任何年度的事项。")
        elif args.year_command == "close":
            rollover.close_year(db, args.year)
            print(f"{args.year}年度已结转关闭，此后只能查看。")
            if args.summary:
                print(f"年终汇总：{year_summary.save_summary_pdf(db, args.year, args.summary)}")
        elif args.year_command == "reopen":
            rollover.reopen_year(db, args.year)
            print(f"{args.year}年度已重新打开；更正后请再次结转关闭。")
        elif args.year_command == "open":
            carry = {rollover.Carry(c) for c in args.carry}
            counts = rollover.open_year(db, args.year, carry)
            print(f"已开启{args.year}年度：结转任务 {counts['tasks']} 项，退城入园企业 {counts['enterprises']} 家"
                  + (f"（{'、'.join(c.label for c in sorted(carry, key=list(rollover.Carry).index))}）" if carry else
                     "（未结转任何事项）"))
        else:
            print(f"年终汇总：{year_summary.save_summary_pdf(db, args.year, args.out)}")
    return EXIT_OK


def cmd_remind(args: argparse.Namespace) -> int:
    from aqdesk.services.supervision import escalation, sheet_list
    day = args.date or dt.date.today()
    with _database(args) as db:
        sheet = next((r for r in sheet_list.sheet_rows(db, day) if r.number == args.sheet.strip()), None)
        if sheet is None:
            raise UserError(f"找不到督办单“{args.sheet}”。")
        reminded = escalation.remind(db, sheet.id, day, args.out, formats=FORMATS[args.format])
    print(f"已催办{sheet.number}（{sheet.unit}）：{reminded.number}，限{reminded.reply_due.isoformat()}前反馈："
          + "、".join(map(str, reminded.paths)))
    return EXIT_OK


def cmd_unit_file(args: argparse.Namespace) -> int:
    from aqdesk.services.reports.unit_file import save_unit_file
    with _database(args) as db:
        path = save_unit_file(db, args.unit, args.as_of or dt.date.today(), args.out)
    print(f"已生成：{path}")
    return EXIT_OK


def cmd_register(args: argparse.Namespace) -> int:
    from aqdesk.services.supervision import register
    day = args.date or dt.date.today()
    with _database(args) as db:
        if args.start:
            if args.first is None:
                raise UserError("设定起始号须同时给出 --first N。")
            register.start_series(db, args.start, args.year or day.year, args.first)
            print(f"{args.start}{args.year or day.year}年度从{args.first}号开始编号。")
            return EXIT_OK
        number = args.void or args.reply or args.reprint
        if number:
            row = next((r for r in register.register_rows(db) if r.number == number.strip()), None)
            if row is None:
                raise UserError(f"发文登记中没有文号“{number}”。")
            if args.void:
                register.void_number(db, row.id, day, args.reason or "")
                print(f"已作废：{row.number}（该文号不再使用）")
            elif args.reply:
                register.record_reply(db, row.id, day)
                print(f"已登记回复：{row.number}，{day.isoformat()}")
            else:
                if args.out is None:
                    raise UserError("原样重印须给出 --out FILE.pdf。")
                from aqdesk.exchange import atomic
                atomic.write_bytes(args.out, register.reprint(db, row.id))
                print(f"已重印：{row.number} → {args.out}")
            return EXIT_OK
        as_of = args.as_of or dt.date.today()
        rows = (register.letters_awaiting_reply(db, as_of) if args.awaiting
                else register.register_rows(db, args.year))
    for r in rows:
        due = f"回复时限{r.reply_due.isoformat()}" if r.reply_due else ""
        print(f"{r.number}　{r.kind.label}　{r.issued_on.isoformat()}　{r.unit or '—'}　{r.title}　{due}　{r.state}")
    print(f"共 {len(rows)} 件")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from aqdesk.ui.app import run

    return run(_database_url(args), demo=args.demo, ask_to_create=_chosen(args))


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui, "gui": cmd_gui, "init": cmd_init, "status": cmd_status,
    "export": cmd_export, "letters": cmd_letters, "sheet": cmd_sheet, "summons": cmd_summons,
    "tasks": cmd_tasks, "agenda": cmd_agenda, "chase": cmd_chase,
    "bulletin": cmd_bulletin, "brief": cmd_brief, "import": cmd_import, "imports": cmd_imports, "undo-import": cmd_undo_import,
    "template": cmd_template, "backup": cmd_backup, "restore": cmd_restore, "migrate-to": cmd_migrate_to, "year": cmd_year,
    "unit-file": cmd_unit_file, "register": cmd_register, "remind": cmd_remind, "air": cmd_air,
    "air-target": cmd_air_target,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logs.configure(args.debug)
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # The reader went away (``aqdesk tasks | head -1``): nothing is left to say, and
        # Python's own flush at exit must not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
