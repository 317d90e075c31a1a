"""The portable core of Coachfolio.

Everything here loads and validates the portfolio's data files (rubrics,
standards frameworks, bibliographies) into plain Python objects and turns them
into the files Coachfolio publishes. Nothing here imports MkDocs, so the core
can be tested on its own and carried to another site generator.

Its records (a rubric's criteria, a framework's indicators, a citation, a
piece of evidence) are immutable `NamedTuple`s, not frozen dataclasses: every
`mkdocs build` imports them anew, and a `NamedTuple` class is made six times as
fast (the dataclasses alone took 0.023 s of each build), and a build makes
thousands of instances, each three times as fast to make. (Python's garbage
collector still tracks them: it stops scanning plain tuples of text and
numbers, not instances of a tuple's subclasses.)
"""
