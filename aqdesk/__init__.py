"""aqdesk — 大气污染防治督办台账."""

__version__ = "0.1.0"
APP_NAME = "aqdesk"
APP_TITLE = "大气污染防治督办台账"
