"""Reading Word drafts back as a person reads them."""

from aqdesk.domain.typography import JOINER
from aqdesk.exchange.docx.official import ZWSP


def plain(text: str) -> str:
    """What a reader of the draft sees: ``text`` without its joiners and zero-width spaces."""
    return text.replace(JOINER, "").replace(ZWSP, "")
