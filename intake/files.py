"""An uploaded report as plain text.

`read_report(filename, data)` reads
- .txt (also .text): UTF-8, UTF-16 or UTF-32 with a byte-order mark, UTF-8 with
  or without one, or a single-byte Cyrillic or Western code page (cp1251,
  KOI8-R/U, cp1252), told apart by which reading gives words;
- .html, .htm: the text of the page, without its markup, scripts and styles, one
  paragraph per block (p, div, li, h1…, tr…), line breaks kept for <br>;
- .docx: the paragraphs and table cells of the body, in order (python-docx);
- .pdf: the text of every page (pypdf), with words hyphenated across a line
  break joined again ("inter-\\nnational" → "international").

Line ends become "\\n", runs of blank lines one blank line. What it returns is
the text a proposal's excerpt is quoted from (a report's stored full text).
Anything it cannot read raises `ValueError` with a message for the person who
uploaded it (shown as a form error).
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import PurePath

__all__ = ["MAX_BYTES", "SUPPORTED", "read_report"]

MAX_BYTES = 20 * 1024 * 1024
SUPPORTED = (".txt", ".html", ".htm", ".docx", ".pdf")


def read_report(filename: str, data: bytes) -> str:
    """The text of the report uploaded as `filename` with content `data`."""
    suffix = PurePath(filename or "").suffix.lower()
    name = PurePath(filename or "").name or "the file"
    if suffix not in SUPPORTED and suffix != ".text":
        shown = suffix or "no extension"
        raise ValueError(
            f"{name}: files of this type ({shown}) cannot be read; "
            "upload a .txt, .html, .docx or .pdf file."
        )
    if not data:
        raise ValueError(f"{name} is empty.")
    if len(data) > MAX_BYTES:
        raise ValueError(
            f"{name} is too large ({len(data) // (1024 * 1024)} MB; at most "
            f"{MAX_BYTES // (1024 * 1024)} MB)."
        )
    if suffix in {".txt", ".text"}:
        text = decode_text(data, name)
    elif suffix in {".html", ".htm"}:
        text = html_to_text(decode_html(data, name))
    elif suffix == ".docx":
        text = _docx_text(data, name)
    else:
        text = _pdf_text(data, name)
    text = _tidy(text)
    if not text.strip():
        raise ValueError(f"{name} has no text to read.")
    return text


# --- Plain text -----------------------------------------------------------------

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_SINGLE_BYTE = ("cp1251", "koi8-u", "cp1252")


def _readability(text: str) -> float:
    """How much `text` reads as words: letters in lower-case runs, few oddities."""
    if not text:
        return 0.0
    odd = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0x80 <= ord(ch) < 0xA0)
    letters = [ch for ch in text if ch.isalpha() and not ch.isascii()]
    if not letters:
        return 1.0 - odd / len(text)
    lower = sum(1 for ch in letters if ch.islower())
    # Cyrillic in one of its code pages reads mostly lower case; the wrong page
    # gives capitals, symbols and accented Latin letters.
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    mixed = len(re.findall(r"[a-z][\u0400-\u04ff]|[\u0400-\u04ff][a-z]", text, re.IGNORECASE))
    return (
        lower / len(letters)
        + 0.5 * (cyrillic / len(letters))
        - 5 * odd / len(text)
        - mixed / max(1, len(letters))
    )


def decode_text(data: bytes, name: str = "the file") -> str:
    """`data` decoded by its byte-order mark, as UTF-8, or by the code page that reads best."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ValueError(f"{name} is not valid {encoding.upper()} text.") from exc
    if b"\x00" in data[:4096]:
        # UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        encoding = "utf-16-be" if even > odd else "utf-16-le"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"{name} is not a text file (it holds binary data); upload a .txt, .html, "
                ".docx or .pdf file."
            ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in _SINGLE_BYTE:
        try:
            readings.append((_readability(data.decode(encoding)), encoding))
        except UnicodeDecodeError:
            continue
    if not readings:  # pragma: no cover - cp1251 decodes nearly every byte
        raise ValueError(f"{name}: the text's encoding could not be recognised; save it as UTF-8.")
    best = max(readings)[1]
    return data.decode(best, errors="replace")


# --- HTML -----------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, name: str = "the file") -> str:
    """An HTML file's bytes as text: its byte-order mark, its <meta charset>, or as text."""
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        m = _META_CHARSET.search(data[:4096])
        if m:
            encoding = m.group(1).decode("ascii", "replace")
            try:
                codecs.lookup(encoding)
                return data.decode(encoding, errors="replace")
            except LookupError:
                pass
    return decode_text(data, name)


_BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol p pre section summary table tbody td tfoot th thead title tr ul""".split()
)
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.pre = 0
        self.title: list[str] = []
        self.in_title = False

    def _break(self, text: str) -> None:
        self.parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP and tag not in _VOID:
            self.skip += 1
            return
        if tag == "title":
            self.in_title = True
        if self.skip:
            return
        if tag == "br":
            self._break("\n")
        elif tag in _BLOCK:
            self._break("\n\n")
            if tag == "li":
                self.parts.append("– ")
        if tag == "pre":
            self.pre += 1
        if tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skip:
            self._break("\n")
        elif tag == "hr" and not self.skip:
            self._break("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and tag not in _VOID:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
        if self.skip:
            return
        if tag in _BLOCK:
            self._break("\n\n")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        if self.pre:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(html: str) -> str:
    """The readable text of an HTML document, a paragraph per block."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient; this is a last resort
        raise ValueError(f"The page could not be read as HTML ({exc}).") from exc
    body = "".join(parser.parts)
    # A list item's own dash stays the only one.
    body = re.sub(r"– (\s*)([-–—•*])\s", r"\1\2 ", body)
    title = " ".join("".join(parser.title).split())
    if title and title not in body:
        body = title + "\n\n" + body
    return body


# --- DOCX -----------------------------------------------------------------------


def _docx_text(data: bytes, name: str) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is in requirements.txt
        raise ValueError(".docx files cannot be read here (python-docx is missing).") from exc
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError(
            f"{name} is not a Word document (.docx); an old .doc must be saved as .docx."
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ValueError(f"{name} could not be read as a Word document (.docx).") from exc

    blocks: list[str] = []

    def paragraph_text(p: Paragraph) -> str:
        text = p.text
        style = (p.style.name if p.style is not None else "") or ""
        numbered = p._p.pPr is not None and p._p.pPr.numPr is not None
        if text.strip() and (numbered or style.lower().startswith("list")):
            if not re.match(r"\s*(?:[-–—•*]|\d{1,3}[.)])\s", text):
                text = "– " + text
        return text

    def walk(container: object) -> None:
        for item in container.iter_inner_content():  # type: ignore[attr-defined]
            if isinstance(item, Paragraph):
                blocks.append(paragraph_text(item))
            elif isinstance(item, Table):
                for row in item.rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        cell_text = "\n".join(p.text for p in cell.paragraphs).strip()
                        if cell_text and (not cells or cells[-1] != cell_text):
                            cells.append(cell_text)  # merged cells repeat
                    if cells:
                        blocks.append("\n".join(cells))

    walk(document)
    return "\n\n".join(b for b in blocks if b.strip())


# --- PDF ------------------------------------------------------------------------


def _pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is in requirements.txt
        raise ValueError(".pdf files cannot be read here (pypdf is missing).") from exc
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ValueError(f"{name} is not a PDF file.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:
                raise ValueError(f"{name} is password-protected; upload it unprotected.") from exc
            if not ok:
                raise ValueError(f"{name} is password-protected; upload it unprotected.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ValueError:
        raise
    except (PdfReadError, Exception) as exc:
        raise ValueError(f"{name} could not be read as a PDF ({type(exc).__name__}).") from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise ValueError(
            f"{name} has no text layer (a scanned image?); upload a version with text, "
            "or its text as .txt."
        )
    return join_hyphenated(text)


def join_hyphenated(text: str) -> str:
    """Words broken across lines with a hyphen, joined: "inter-\\nnational" → "international".

    Only when the line goes on in lower case, so "Ales\\n-" lists and "Human-\\nRights"
    compounds stay as they are; soft hyphens at a line end are removed as well."""
    text = re.sub(r"(\w)\u00ad[ \t]*\n[ \t]*(\w)", r"\1\2", text)
    return re.sub(r"(\w)[-‐][ \t]*\n[ \t]*([a-zа-яёіўїєґ])", r"\1\2", text)


# --- Common ---------------------------------------------------------------------


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"
