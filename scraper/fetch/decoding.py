"""Decoding HTML bytes when the page's charset declarations may be missing, wrong or at odds.

Scrapy (through w3lib) believes the first declaration it finds: a byte-order mark, then
the HTTP ``Content-Type`` charset, then ``<meta charset>``. Real sites get these wrong:
Arabic pages in windows-1256 served as ``ISO-8859-1``, Shift_JIS pages whose template
says ``<meta charset="utf-8">``, a UTF-8 file with a stray invalid byte. Believing them
turns the text into mojibake, which then ends up in the dataset.

:func:`decode_html` checks each declaration before trusting it:

1. a byte-order mark is trusted (browsers do the same);
2. each declared charset (header, then meta) must decode the bytes without errors and
   give plausible text; text is implausible when the bytes are valid UTF-8 with non-ASCII
   characters but a legacy charset is declared (legacy text is practically never valid
   UTF-8), or when its visible words look like mojibake (charset_normalizer's mess
   measure, over the text between tags);
3. a UTF-8 declaration is accepted with a few invalid bytes (they become U+FFFD): up to
   :data:`UTF8_MAX_STRAY` of them, or more when the rest is overwhelmingly valid UTF-8;
   undeclared bytes count as UTF-8 on the same terms when they also hold more valid
   multi-byte characters than invalid sequences;
4. otherwise: UTF-8 if the bytes are UTF-8, else charset_normalizer's detection on the
   first :data:`DETECT_BYTES` bytes, compared with the rejected declarations and
   windows-1252 by the same mess measure;
5. it never raises: the last resort decodes with ``errors="replace"``.

The common case (a declaration that decodes cleanly to plausible text) costs one decode
and one mess measure over at most :data:`SAMPLE_CHARS` characters; no detector runs.
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

__all__ = ["decode_html"]

MAX_MESS = 0.2
"""Text whose mess ratio (0 clean .. 1+ garbage) exceeds this is not believed as decoded."""
PREFER_MARGIN = 0.1
"""How much less messy a detected decoding must be to beat the preferred one."""
SAMPLE_CHARS = 20_000
"""Visible characters measured for plausibility: enough for a page's text, fast on huge pages."""
DETECT_BYTES = 64 * 1024
"""Bytes handed to the detector: it samples anyway, and whole multi-MB pages would be slow."""
UTF8_MAX_INVALID_RATIO = 0.02
"""A declared UTF-8 page is kept as UTF-8 while invalid sequences are at most this share of
its non-ASCII characters (a stray byte); above it the declaration is wrong."""
UTF8_MAX_STRAY = 3
"""Invalid sequences a UTF-8 page may hold whatever its share: a mostly-ASCII page with one
pasted cp1252 quote is still UTF-8 (a page that is really legacy has one per accent)."""
DEFAULT_ENCODING = "utf-8"

_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
_UTF8 = ("utf-8", "utf-8-sig")
_SCRIPT_STYLE_OPEN_RE = re.compile(r"<(script|style)\b", re.I)
_SCRIPT_STYLE_CLOSE_RE = {
    "script": re.compile(r"</script\s*>", re.I),
    "style": re.compile(r"</style\s*>", re.I),
}
_TAG_RE = re.compile(r"<[^>]*>|&[#\w]+;")
_ENTITY_RE = re.compile(r"&[#\w]+;")
_SPACES_RE = re.compile(r"\s+")
# Cut points that cannot fall inside a multi-byte character of the common CJK charsets
# (their trail bytes are >= 0x40): just before a '<'.
_SAFE_CUT = b"<"


def decode_html(body: bytes, header_encoding: str | None) -> tuple[str, str]:
    """Decode an HTML page; return ``(text, encoding used)``. Never raises.

    ``header_encoding`` is the charset of the HTTP ``Content-Type`` (a label such as
    ``"ISO-8859-1"``, or the whole header value), or None when the header gives none.
    The returned encoding is a Python codec name.
    """
    try:
        return _decode(body, header_encoding)
    except Exception:  # pragma: no cover - a defect here must not cost the page
        return body.decode(DEFAULT_ENCODING, "replace"), DEFAULT_ENCODING


def _decode(body: bytes, header_encoding: str | None) -> tuple[str, str]:
    if not body:
        return "", _resolve_header(header_encoding) or DEFAULT_ENCODING
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        encoding = codecs.lookup(bom_encoding).name
        return body[len(bom):].decode(encoding, "replace"), encoding

    utf8 = _Utf8Check(body)
    declared = _declared(body, header_encoding)
    rejected: list[tuple[str, str]] = []  # (encoding, strictly decoded text) judged implausible
    for encoding in declared:
        if encoding in _UTF8:
            if utf8.declared_ok:
                return utf8.text(), "utf-8"
            continue
        if utf8.ascii and encoding not in _WIDE:
            return body.decode(encoding, "replace"), encoding  # ASCII reads the same in all of them
        text = _strict(body, encoding)
        if text is None:
            continue
        if encoding in _WIDE:
            if body.count(b"\x00") * 10 >= len(body):  # UTF-16/32 markup is full of NUL bytes
                return text, encoding
            continue
        if utf8.valid:
            continue  # non-ASCII bytes that happen to be valid UTF-8: it is UTF-8
        if _mess(text) <= MAX_MESS:
            return text, encoding
        rejected.append((encoding, text))

    if utf8.acceptable:
        return utf8.text(), "utf-8"
    return _detect(body, rejected, declared)


class _Utf8Check:
    """How UTF-8-like the bytes are: pure ASCII, valid, nearly valid or not UTF-8."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.ascii = body.isascii()
        self._text: str | None = None
        self.valid = False
        self.acceptable = False
        self.declared_ok = False
        """Good enough for a page that declares UTF-8 (a few stray bytes)."""
        if self.ascii:
            self.valid = self.acceptable = self.declared_ok = True
            return
        try:
            self._text = body.decode("utf-8")
            self.valid = self.acceptable = self.declared_ok = True
        except UnicodeDecodeError:
            replaced = body.decode("utf-8", "replace")
            invalid = replaced.count("\ufffd") - body.count(b"\xef\xbf\xbd")
            # counted in C: a Python loop over a 16 MiB page takes seconds
            non_ascii = len(replaced) - len(replaced.encode("ascii", "ignore")) - invalid
            if invalid <= max(UTF8_MAX_STRAY, non_ascii * UTF8_MAX_INVALID_RATIO):
                self._text = replaced
                self.declared_ok = True
                self.acceptable = non_ascii > invalid

    def text(self) -> str:
        if self._text is None:
            self._text = self.body.decode("utf-8", "replace")
        return self._text


def _resolve_header(header_encoding: str | None) -> str | None:
    if not header_encoding:
        return None
    label = header_encoding.strip()
    if ";" in label or "/" in label or "=" in label:
        found = http_content_type_encoding(label)
    else:
        found = resolve_encoding(label)
    return _python_name(found)


def _python_name(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def _declared(body: bytes, header_encoding: str | None) -> list[str]:
    """Declared encodings, header first, then ``<meta>`` / XML declaration; no repeats."""
    found: list[str] = []
    header = _resolve_header(header_encoding)
    if header:
        found.append(header)
    try:
        meta = _python_name(html_body_declared_encoding(body))
    except Exception:  # pragma: no cover - w3lib on very odd bytes
        meta = None
    if meta in _WIDE:
        meta = "utf-8"  # a meta tag read as ASCII cannot be UTF-16; HTML says treat it as UTF-8
    if meta and meta not in found:
        found.append(meta)
    return found


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _visible(text: str) -> str:
    """The page's words, roughly: no scripts, styles, tags or entities. Linear time."""
    text = _without_scripts(text[: SAMPLE_CHARS * 20])
    # '<' with no '>' after it stays, as the regex leaves it; matching only up to the last
    # '>' keeps each failed '<' from rescanning the rest (quadratic on '<<<<...')
    last = text.rfind(">") + 1
    text = _TAG_RE.sub(" ", text[:last]) + _ENTITY_RE.sub(" ", text[last:])
    return _SPACES_RE.sub(" ", text)[:SAMPLE_CHARS]


def _without_scripts(text: str) -> str:
    """``<script>``/``<style>`` elements blanked out; an unclosed one is left as it is.

    Same result as ``re.sub(r"<(script|style)\\b.*?</\\1\\s*>", " ", text, flags=re.I | re.S)``,
    which rescans to the end for every unclosed opening tag (50,000 of them: a minute).
    Here a closing tag found missing once is never looked for again.
    """
    parts: list[str] = []
    kept = 0  # text[kept:] not yet copied
    unclosed: set[str] = set()  # no closing tag for these after the current position
    pos = 0
    while True:
        opening = _SCRIPT_STYLE_OPEN_RE.search(text, pos)
        if opening is None:
            break
        name = opening.group(1).lower()
        pos = opening.end()
        if name in unclosed:
            continue
        closing = _SCRIPT_STYLE_CLOSE_RE[name].search(text, pos)
        if closing is None:
            unclosed.add(name)
            if len(unclosed) == len(_SCRIPT_STYLE_CLOSE_RE):
                break
            continue
        parts.append(text[kept:opening.start()])
        parts.append(" ")
        kept = pos = closing.end()
    parts.append(text[kept:])
    return "".join(parts)


def _mess(text: str) -> float:
    """0 for clean text; higher for mojibake. Only non-ASCII text can be messed up."""
    sample = _visible(text)
    if sample.isascii():
        return 0.0
    try:
        from charset_normalizer.md import mess_ratio
    except ImportError:  # pragma: no cover - shipped with Scrapy and requests
        return 0.0
    return float(mess_ratio(sample, maximum_threshold=1.0))


def _detect(body: bytes, rejected: list[tuple[str, str]], declared: list[str]) -> tuple[str, str]:
    """No declaration fits: the least messy of detection, the rejected ones and windows-1252."""
    options: list[tuple[float, int, str, str]] = []  # (mess, preference, encoding, text)
    guess = _guess(body)
    if guess is not None:
        text = _strict(body, guess)
        if text is None:
            text = body.decode(guess, "replace")
        options.append((_mess(text), 1, guess, text))
    for encoding, text in rejected:
        options.append((_mess(text), 2, encoding, text))
    if not any(encoding == "cp1252" for _, _, encoding, _ in options):
        text = _strict(body, "cp1252")
        if text is not None:
            options.append((_mess(text), 0, "cp1252", text))  # the web's legacy default
    if options:
        # Only a much more plausible text beats the preferred options (windows-1252, then
        # the detector): near-ties between Latin code pages are noise.
        least = min(mess for mess, _, _, _ in options)
        _, _, encoding, text = min(
            (o for o in options if o[0] <= least + PREFER_MARGIN), key=lambda o: (o[1], o[0])
        )
        return text, encoding
    encoding = next((e for e in declared if e not in _UTF8), DEFAULT_ENCODING)
    return body.decode(encoding, "replace"), encoding


def _guess(body: bytes) -> str | None:
    """charset_normalizer's best guess on the first bytes (cut before a ``<``)."""
    sample = body
    if len(sample) > DETECT_BYTES:
        sample = body[:DETECT_BYTES]
        cut = sample.rfind(_SAFE_CUT)
        if cut > DETECT_BYTES // 2:
            sample = sample[:cut]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # pragma: no cover - ImportError or a detector defect
        return None
    if best is None:
        return None
    return _python_name(best.encoding)
