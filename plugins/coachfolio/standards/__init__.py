"""The `coachfolio/standards` MkDocs plugin: alignment, evidence pages and the coverage matrix."""
