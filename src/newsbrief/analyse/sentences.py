"""Sentences with character offsets into the clean text (syntok keeps the original offsets)."""
from __future__ import annotations

import syntok.segmenter as segmenter

from newsbrief.model import Span


def split_sentences(text: str) -> list[Span]:
    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            if not sentence:
                continue
            last = sentence[-1]
            spans.append(Span(sentence[0].offset, last.offset + len(last.value)))
    return spans
