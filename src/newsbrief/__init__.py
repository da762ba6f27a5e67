"""newsbrief: turn the coverage of a news story into a brief an analyst can trust.

The Python API has the same verbs as the command line:

    from newsbrief import load, analyse, brief
    loaded = load(["examples/sava-flood"])      # read + clean; skipped items are in loaded.skipped
    b = brief(loaded.articles)                   # a Brief (newsbrief.model)
"""
from newsbrief.model import SCHEMA_VERSION, Analysis, Article, Brief, Citation
from newsbrief.pipeline import Loaded, analyse, brief, load

__all__ = ["SCHEMA_VERSION", "Analysis", "Article", "Brief", "Citation", "Loaded", "analyse", "brief", "load"]
__version__ = "0.1.0"
