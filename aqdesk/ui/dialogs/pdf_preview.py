"""Looking at a letter or a sheet before it leaves the office, then saving or printing it.

A document that takes its number when saved (a new letter) is shown as a draft with the
number it would take; printing is offered once it is saved, so what is printed is what
was numbered and registered.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Signal
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aqdesk.errors import UserError
from aqdesk.ui.remembered import Folder, ask_folder, ask_save
from aqdesk.ui.screen_fit import fit
from aqdesk.ui.text import arg
from aqdesk.ui.widgets.elided_label import ElidedLabel
from aqdesk.ui.widgets.open_buttons import OpenButtons

Save = Callable[[Path], Path]  # writes the document to (or beside) the path chosen; returns the file


class PdfPreviewDialog(QDialog):
    """Emits ``saved(path)`` after the document was written."""

    saved = Signal(Path)

    def __init__(self, title: str, data: bytes, suggested_name: str, save: Save | None = None, *,
                 numbered_on_save: bool = False, choose_folder: bool = False, parent: QWidget | None = None,
                 side: QWidget | None = None, notice: str = ""):
        """``side``: a panel beside the pages (the letter's editable text); ``notice``: what
        the clerk must know before the document leaves (substituted fonts, □ characters)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        fit(self, 900, 1000)
        self._save, self._name, self._choose_folder = save, suggested_name, choose_folder
        self.saved_path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.note = ElidedLabel(self.tr("预览稿：保存时正式编号并登记。") if numbered_on_save else "")
        self.save_button = QPushButton(self.tr("保存…"))
        self.save_button.setEnabled(save is not None)
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setEnabled(not numbered_on_save)
        self.print_button.clicked.connect(self.print_document)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        self.open_buttons = OpenButtons()
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.open_buttons)
        for button in (self.save_button, self.print_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        self.notice = QLabel(notice)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color:#8a4b00;")
        self.notice.setVisible(bool(notice))
        layout.addWidget(self.notice)
        if side is None:
            layout.addWidget(self.view, 1)
        else:
            pane = QHBoxLayout()
            pane.addWidget(side)
            pane.addWidget(self.view, 1)
            layout.addLayout(pane, 1)
        layout.addLayout(buttons)
        self.show_pdf(data)

    def show_pdf(self, data: bytes) -> None:
        self._buffer = QBuffer(self)  # kept: the document reads from it while shown
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def save(self) -> None:
        if self._choose_folder:
            target = ask_folder(self, self.tr("保存到文件夹"), Folder.DOCUMENTS)
        else:
            target = ask_save(self, self.tr("保存 PDF"), Folder.DOCUMENTS, self._name, self.tr("PDF 文件 (*.pdf)"))
        if target is not None:
            self.save_to(target)

    def save_to(self, target: Path) -> Path | None:
        if self._save is None:  # a preview only: its 保存 button is disabled
            return None
        try:
            path = self._save(target)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return None
        self.saved_path = path
        self.show_pdf(path.read_bytes())
        self.note.setText(arg(self.tr("已保存：%1"), path))
        self.note.setToolTip(str(path))
        self.open_buttons.show_for(path)
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(True)
        self.saved.emit(path)
        return path

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFullPage(True)  # the page's origin is the paper's corner, so margins stay as laid out
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Each page rendered at the printer's resolution, at its true size (A4, no scaling)."""
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("无法打印"), self.tr("打印机未能开始打印。"))
            return
        dpi = printer.resolution()
        for page in range(self.document.pageCount()):
            if page:
                printer.newPage()
            points = self.document.pagePointSize(page)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            painter.drawImage(0, 0, self.document.render(page, size))
        painter.end()
