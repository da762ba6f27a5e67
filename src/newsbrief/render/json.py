"""The brief as JSON: the contract's schema "newsbrief/1"."""
from __future__ import annotations

import json

from newsbrief.model import Analysis, Brief


def to_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"


def analysis_line(analysis: Analysis) -> str:
    """One line of `newsbrief analyse`."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n"
