from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from aqdesk.ui.remembered import Folder, ask_folder, ask_open, ask_save


def test_folders_are_remembered_only_when_a_file_was_chosen(qtbot, monkeypatch, tmp_path):
    asked = []

    def save_dialog(_parent, _title, start, _filters):
        asked.append(start)
        return answer, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    answer = str(tmp_path / "out" / "台账.xlsx")
    assert ask_save(None, "导出", Folder.DOCUMENTS, "台账.xlsx", "") == Path(answer)
    assert Folder.DOCUMENTS.path() == tmp_path / "out"
    answer = ""  # cancelled: the folder stays
    assert ask_save(None, "导出", Folder.DOCUMENTS, "二.xlsx", "") is None
    assert asked[-1] == str(tmp_path / "out" / "二.xlsx") and Folder.DOCUMENTS.path() == tmp_path / "out"

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a: ([str(tmp_path / "in" / "a.xlsx")], ""))
    assert ask_open(None, "选择", Folder.ATTACHMENTS) == [tmp_path / "in" / "a.xlsx"]
    assert Folder.ATTACHMENTS.path() == tmp_path / "in" and Folder.IMPORT.path() == Path.home()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(tmp_path / "函"))
    assert ask_folder(None, "保存到", Folder.DOCUMENTS) == tmp_path / "函"
    assert Folder.DOCUMENTS.path() == tmp_path / "函"
