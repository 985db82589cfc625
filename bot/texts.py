"""Everything the bot says, in Chinese and English. Code asks for a key; never writes a sentence.

Values are HTML templates for `str.format`; every value put into them from users or the config
is escaped by the caller (bot/rendering.py) before formatting. Both languages must have the same
keys and the same placeholders: tests/bot/test_texts.py checks that.
"""

from __future__ import annotations

from typing import Literal

from bot.texts_en import EN
from bot.texts_zh import ZH

Language = Literal["zh", "en"]


CATALOGUES: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}


class Texts:
    """One language's catalogue. A missing key is a programming error, never a silent blank."""

    def __init__(self, language: str) -> None:
        if language not in CATALOGUES:
            raise ValueError(f"no texts for language {language!r}")
        self.language = language
        self._catalogue = CATALOGUES[language]

    def __call__(self, key: str, **values: object) -> str:
        return self._catalogue[key].format(**values)

    def get(self, key: str, default: str) -> str:
        """The text for a key made from data (a state read from the database), or `default`
        when the catalogue has none: an old or newer value is shown as it is, not lost."""
        text = self._catalogue.get(key)
        return default if text is None else text
