"""Corpus and story work over many articles: dating undated articles from their story (more to come:
shared passages, story clustering)."""
from newsbrief.group.dating import date_undated

__all__ = ["date_undated"]
