"""Renderers: JSON, Markdown and one self-contained HTML file; and atomic writing of any output."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from newsbrief.errors import OutputError, UsageError
from newsbrief.model import Brief
from newsbrief.render.html import to_html
from newsbrief.render.json import to_json
from newsbrief.render.markdown import to_markdown

FORMATS = {"json": to_json, "md": to_markdown, "html": to_html}
SUFFIXES = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

__all__ = ["FORMATS", "render", "format_for", "write_atomic", "to_html", "to_json", "to_markdown"]


def format_for(fmt: str | None, output: str | None) -> str:
    """--format wins; else the output file's suffix; else Markdown. A suffix that names another format
    ("brief.pdf", "brief.docx") is an error rather than Markdown under a misleading name."""
    if fmt:
        return fmt
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix in SUFFIXES:
            return SUFFIXES[suffix]
        if suffix in ("", ".txt"):
            return "md"
        raise UsageError(f"-o {output}: no brief format is written as {suffix}; use .json, .md or .html "
                         "(or --format json|md|html)")
    return "md"


def render(brief: Brief, fmt: str) -> str:
    return FORMATS[fmt](brief)


def write_atomic(path: str | Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`: a reader sees the old
    file or the new one, never half of one."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from err
    try:
        os.chmod(tmp, _mode_for(path))   # mkstemp makes 0600; the output should look like any file
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(err, OSError):
            raise OutputError(f"cannot write {path}: {err.strerror or err}") from err
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
