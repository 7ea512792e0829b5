"""Reading what the reader pasted: a text file, standard input or a saved web page.

Every way input can be unusable gets one sentence naming the problem and the remedy (an
:class:`InputError`), never a traceback: empty input, binary files, files too large to be an
article, text that is not English (the extractor's patterns are English), and HTML given as
plain text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import BinaryIO

from untally.errors import UntallyError

MAX_BYTES = 2_000_000  # ~300,000 words: far beyond any article or speech
ENGLISH_FLOOR = 0.06  # share of tokens that are common English function words
COMMON_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "it",
        "at",
        "from",
        "has",
        "have",
        "had",
        "were",
        "be",
        "this",
        "which",
        "its",
        "their",
        "an",
        "are",
        "or",
        "not",
        "but",
        "been",
        "also",
        "his",
        "her",
        "they",
        "he",
        "she",
        "we",
        "our",
        "after",
        "over",
        "than",
        "more",
        "most",
        "into",
        "when",
        "while",
        "since",
        "only",
        "all",
        "every",
        "each",
        "any",
        "no",
        "never",
    ]
)
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class InputError(UntallyError):
    """Input that cannot be checked as an English text."""


def read_source(
    path: str | None, url: str | None, stdin: BinaryIO | None = None
) -> tuple[str, str]:
    """(text, source label) from a file, ``-`` (standard input) or a saved HTML page."""
    if url is not None:
        raw, label = _read_bytes(url.removeprefix("file://"), stdin)
        return html_to_text(decode(raw, label), label), label
    if path is None:
        raise InputError("nothing to check", "give a FILE, '-' for standard input, or --url PAGE")
    raw, label = _read_bytes(path, stdin)
    text = decode(raw, label)
    if looks_like_html(text):
        text = html_to_text(text, label)
    return text, label


def _read_bytes(path: str, stdin: BinaryIO | None) -> tuple[bytes, str]:
    if path == "-":
        stream = stdin or sys.stdin.buffer
        raw = stream.read(MAX_BYTES + 1)
        label = "standard input"
    else:
        if re.match(r"^https?://", path):
            raise InputError(
                f"{path} is a web address",
                "save the page first (untally reads saved pages; it does not fetch them) and "
                "pass the file with --url FILE",
            )
        file = Path(path)
        if not file.is_file():
            raise InputError(f"no file {path}", "check the path")
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{path} is {size / 1e6:.1f} MB, more than an article "
                f"(the limit is {MAX_BYTES / 1e6:.0f} MB)",
                "check one article or speech at a time",
            )
        raw = file.read_bytes()
        label = path
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"{label} is more than {MAX_BYTES / 1e6:.0f} MB, more than an article",
            "check one article or speech at a time",
        )
    return raw, label


def decode(raw: bytes, label: str) -> str:
    """UTF-8 (with or without BOM), else UTF-16 with a BOM; binary data is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:8192]:
        raise InputError(
            f"{label} is binary data, not text", "give a plain-text or HTML file of the article"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                f"{label} is not readable text (neither UTF-8 nor Windows-1252)",
                "save the article as UTF-8 text",
            ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise InputError(
            f"{label} is binary data, not text", "give a plain-text or HTML file of the article"
        )
    return text


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<p>" in head and "</p>" in head)


def html_to_text(html: str, label: str) -> str:
    """The page's readable text: scripts, styles and markup dropped (inscriptis keeps the
    block structure, so headlines, bylines and paragraphs stay on lines of their own)."""
    from inscriptis import get_text
    from inscriptis.model.config import ParserConfig

    try:
        text = get_text(html, ParserConfig(display_links=False, display_images=False))
    except Exception as exc:  # inscriptis raises lxml errors on hopeless markup
        raise InputError(
            f"{label}: the HTML could not be read ({exc})", "save the page again"
        ) from None
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def check_text(text: str, label: str) -> str:
    """The text, if it can be checked; else an :class:`InputError` saying why."""
    if not text.strip():
        raise InputError(f"{label} is empty", "give the text of an article or speech")
    words = WORD.findall(text[:20000].lower())
    if len(words) < 3:
        raise InputError(
            f"{label} has no sentences to check ({len(words)} words)",
            "give the text of an article or speech",
        )
    share = sum(w in COMMON_ENGLISH for w in words) / len(words)
    if share < ENGLISH_FLOOR and len(words) >= 8:
        language = detect_language(text[:5000])
        if language != "English":
            raise InputError(
                f"{label} looks like {language or 'a language other than English'}, "
                "and the claim checker reads English only",
                "give an English text (a translation is fine; verdicts are about the record)",
            )
    return text


def detect_language(text: str) -> str | None:
    """The most likely language, by lingua in its low-accuracy mode (fast, models shipped in
    the wheel). Only called when the cheap English test fails, to name the language."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.ENGLISH, Language.FRENCH, Language.SPANISH, Language.RUSSIAN, Language.ARABIC,
        Language.CHINESE, Language.GERMAN, Language.PORTUGUESE, Language.ITALIAN,
        Language.DUTCH, Language.TURKISH, Language.JAPANESE, Language.KOREAN, Language.HEBREW,
        Language.PERSIAN, Language.UKRAINIAN, Language.POLISH, Language.HINDI,
    ]  # fmt: skip
    detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
    found = detector.detect_language_of(text)
    return found.name.title() if found else None
