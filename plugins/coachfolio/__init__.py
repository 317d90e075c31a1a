"""Coachfolio: MkDocs plugins that publish an instructional coach's portfolio."""

__version__ = "0.1.0"
