import io
import zipfile

from aqdesk.exchange.ods_merges import ods_merges

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:body><office:spreadsheet>
<table:table table:name="说明"><table:table-row><table:table-cell/></table:table-row></table:table>
<table:table table:name="双替代">
  <table:table-header-rows>
    <table:table-row><table:table-cell table:number-columns-spanned="3"/><table:covered-table-cell
      table:number-columns-repeated="2"/></table:table-row>
  </table:table-header-rows>
  <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
  <table:table-row-group>
    <table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell
      table:number-rows-spanned="3"/><table:table-cell/></table:table-row>
  </table:table-row-group>
  <table:table-row><table:table-cell table:number-columns-repeated="2"/><table:covered-table-cell/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"""


def ods(content: str, mimetype: bytes = b"application/vnd.oasis.opendocument.spreadsheet") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def test_merges_are_placed_past_repeated_rows_and_columns_and_inside_groups():
    assert ods_merges(ods(CONTENT)) == {"说明": [], "双替代": [((0, 0), (0, 2)), ((3, 2), (5, 2))]}


def test_a_workbook_that_is_not_an_ods_is_left_to_calamine():
    assert ods_merges(ods(CONTENT, b"application/vnd.oasis.opendocument.text")) is None
    assert ods_merges(ods(CONTENT.replace("-spanned=", "-x="))) == {}  # an .ods with nothing merged
