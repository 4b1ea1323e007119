"""A server's password never reaches a clerk's screen: messages name the database with the
password hidden, whatever went wrong."""

import pytest
from sqlalchemy.engine import make_url

from aqdesk.db.database import open_database
from aqdesk.errors import UserError
from tests import servers

SECRET = "s3cret-pw"


def with_secret(url: str) -> str:
    return make_url(url).set(password=SECRET).render_as_string(hide_password=False)


@pytest.mark.parametrize("url", [
    f"postgresql+psycopg://aq:{SECRET}@127.0.0.1:1/aqdesk",  # nothing listening
    f"postgresql+psycopg://aq:{SECRET}@127.0.0.1:port/aqdesk",  # a typing slip in the port
    f"postgresql+nodriver://aq:{SECRET}@server/aqdesk",
    f"postgresql+psycopg2://aq:{SECRET}@server/aqdesk",  # a driver that is not installed
])
def test_a_failed_opening_hides_the_password(url):
    with pytest.raises(UserError) as refused:
        open_database(url)
    message = str(refused.value)
    assert SECRET not in message and "aq:***@" in message


@pytest.mark.skipif(not servers.on_server(), reason="needs AQDESK_TEST_DB")
def test_a_database_missing_on_the_server_is_named_without_the_password():
    url = make_url(with_secret(servers.SERVER)).set(database="aqdesk_no_such_office")
    with pytest.raises(UserError) as refused:
        open_database(url.render_as_string(hide_password=False))
    assert SECRET not in str(refused.value) and "aqdesk_no_such_office" in str(refused.value)


def test_the_name_shown_for_a_server_database_hides_its_password(empty_db):
    if empty_db.path is not None:
        assert empty_db.display_name == str(empty_db.path)
        return
    from aqdesk.db.addresses import shown
    assert SECRET not in shown(with_secret(empty_db.url)) and "***" in shown(with_secret(empty_db.url))
