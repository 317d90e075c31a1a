"""The portable core of Coachfolio.

Everything here loads and validates the portfolio's data files (rubrics,
standards frameworks, bibliographies) into plain Python objects and turns them
into the files Coachfolio publishes. Nothing here imports MkDocs, so the core
can be tested on its own and carried to another site generator.
"""
