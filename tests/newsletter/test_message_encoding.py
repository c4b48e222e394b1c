"""A batch assembles each reader's message from parts quoted-printable
encoded once (newsletter/emails.py, QuotedPrintable: encoding a 3 kB HTML
part per reader cost more than a tenth of sending it). The bytes must be
exactly those of encoding each reader's filled-in message whole."""

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsletter import emails
from newsletter.claims import _Recipient
from newsletter.emails import EMAIL, EMAIL_HTML, PREFERENCES_URL, UNSUBSCRIBE_URL, QuotedPrintable, _fill, quoted_printable
from newsletter.models import Edition

# What makes quoted-printable depend on its surroundings: line ends (and
# carriage returns), trailing blanks, lone dots, "=", long lines (soft
# breaks), non-ASCII, and placeholders anywhere among them.
PIECES = ["a", " ", "\t", "=", ".", "\n", "\r", "\r\n", "é", "€", "x" * 80, "  \n", ".\n", "%%", EMAIL, EMAIL_HTML, PREFERENCES_URL, UNSUBSCRIBE_URL]
VALUES = st.text(alphabet=st.characters(blacklist_characters="\r\n%", blacklist_categories=("Cs",)), max_size=120)


@hypothesis_settings(max_examples=400, deadline=None)
@given(body=st.lists(st.sampled_from(PIECES), max_size=60).map("".join), email=VALUES, unsubscribe=VALUES, preferences=VALUES)
def test_parts_encoded_once_are_the_bytes_of_each_message_encoded_whole(body, email, unsubscribe, preferences):
    replacements = ((EMAIL_HTML, email), (EMAIL, email), (PREFERENCES_URL, preferences), (UNSUBSCRIBE_URL, unsubscribe))
    assert QuotedPrintable(body).encode(replacements) == quoted_printable(_fill(body, replacements))


def test_a_real_edition_is_encoded_once_and_sends_the_same_bytes(db, site_tree):
    edition = Edition(subject="Pacing — on a bad day", intro="Plan the day around your energy.\r\nRest before you need to.", url="http://localhost/pacing/")
    rendered = emails.for_edition(edition)
    reader = _Recipient(7, "o'neil+news@example.org")
    unsubscribe, preferences = rendered.links.for_subscriber(reader)

    text, html = rendered.filled(reader.email, unsubscribe, preferences)
    assert rendered._encoded_bodies(reader.email, unsubscribe, preferences) == (quoted_printable(text), quoted_printable(html))
    html_part = rendered._encoded[1]
    assert sum(isinstance(piece, bytes) for piece in html_part.pieces) >= 2  # the unchanging lines, encoded once
    assert sum(len(piece) for piece in html_part.pieces if isinstance(piece, str)) < len(rendered.html) / 4
