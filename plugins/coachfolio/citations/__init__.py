"""The `coachfolio/citations` MkDocs plugin: citation keys become APA citations and reference lists."""
