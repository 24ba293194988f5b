"""The one shape every collector produces, so intake never cares where a mention came from."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_NON_WORD_RE = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Mention:
    """A post or feed entry found outside the bot's DMs.

    `external_id` is stable per `source` (entry id, link or content hash), so storage can keep
    (source, external_id) unique and re-polling a feed never notifies twice. `published` is an
    aware UTC datetime when the source gave one. `source_title` is the feed's own title (its
    `<channel><title>`), so a card can say which feed this is in words rather than a URL.
    """

    source: str
    external_id: str
    author: str | None
    text: str
    link: str | None
    published: datetime | None
    title: str | None = None
    source_title: str | None = None

    @property
    def searchable(self) -> str:
        """Title and body together: brands often appear only in a review's headline."""
        if self.title and self.title not in self.text:
            return f"{self.title}\n{self.text}"
        return self.text


def normalise_for_key(text: str) -> str:
    """Reduce text to what a human would call 'the same words'.

    Links are dropped because a cross-post usually differs only in the URL it points to.
    """
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = _URL_RE.sub(" ", text)
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


def dedupe_key(text: str) -> str:
    """Hash of the normalised text, so one complaint cross-posted to two feeds is one ticket."""
    return hashlib.sha1(normalise_for_key(text).encode("utf-8")).hexdigest()


def tidy_text(text: str) -> str:
    """Spaces collapsed, at most one blank line in a row: how text is shown in a card."""
    lines = (" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines())
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
