"""Sizing windows to the screen they open on, so no button is ever below the taskbar.

A 1366×768 laptop leaves about 728 logical pixels above the Windows taskbar, and a 1920×1080
screen at 150 % leaves 1280×720: every window is sized from ``QScreen.availableGeometry()``
less the room its title bar and borders take, never from a fixed number.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Windows 10/11 at 150 %: a 31 px title bar and 7 px invisible borders (logical), rounded up
DECORATION = QMargins(8, 40, 8, 8)


def available(widget: QWidget) -> QRect:
    """The free part of the screen the widget (or the window it belongs to) is on."""
    parent = widget.parentWidget()
    anchor = parent.window() if parent is not None else widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(widget: QWidget) -> QSize:
    """The largest client size whose window, title bar and borders included, fits the screen."""
    return available(widget).marginsRemoved(DECORATION).size()


def fit(widget: QWidget, width: int, height: int) -> None:
    """Open at the size the content likes, shrunk to the screen when it is smaller."""
    space = room(widget)
    widget.resize(min(width, space.width()), min(height, space.height()))


def scrolled(content: QWidget) -> QScrollArea:
    """A long form in a frameless scroll area, so the buttons below it stay on screen."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
