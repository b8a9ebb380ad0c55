"""Which languages a build writes in, and what their files are named."""

from __future__ import annotations

import pytest

from handouts import languages
from handouts.errors import UsageError
from handouts.model import Branding, LanguageTags, Units
from handouts.validate import load_content
from tests.conftest import REPO


def test_a_language_or_two_joined_for_one_file() -> None:
    assert languages.parse("es") == ("es",)
    assert languages.parse("EN, es") == ("en", "es")
    assert languages.parse("es , en") == ("es", "en")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "fr",
            "--lang: expected en (English) or es (Spanish), or both separated by a comma "
            "(en,es), but got 'fr'",
        ),
        ("es,es", "--lang: expected each language once (like en,es) but got 'es,es'"),
    ],
)
def test_an_unknown_or_repeated_language_is_refused(value: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        languages.parse(value)
    assert str(raised.value) == message


def test_file_names_show_the_language_but_english_alone() -> None:
    assert languages.suffix(("en",)) == ""
    assert languages.suffix(("es",)) == "-es"
    assert languages.suffix(("en", "es")) == "-en-es"


def test_the_catalogue_follows_the_clinics_tag_and_units() -> None:
    content = load_content(REPO / "content")
    _, spanish = languages.written_in(content, "es")
    assert (spanish.lang, spanish.tag, spanish.metric) == ("es", "es-US", False)
    branding = Branding(units=Units.METRIC, language_tags=LanguageTags(es="es-MX"))
    clinic = type(content)(content.topics, content.program, branding, content.folder)
    same, mexican = languages.written_in(clinic, "en")
    assert same.topic("backward-walking") is clinic.topic("backward-walking")  # no speed
    treadmill = same.topic("reverse-treadmill-walking").steps[2].text
    assert "0.8–1.6 km/h" in treadmill  # the content's 0.5–1.0 mph, in the clinic's unit
    assert languages.written_in(content, "en")[0] is content  # mph already: as it is
    assert (mexican.tag, mexican.metric) == ("en-US", True)
    _, mexican = languages.written_in(clinic, "es")
    assert (mexican.tag, mexican.metric) == ("es-MX", True)
