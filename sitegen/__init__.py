"""sitegen: a static site generator for bilingual (Arabic / English) news archives."""

__version__ = "0.1.0"
