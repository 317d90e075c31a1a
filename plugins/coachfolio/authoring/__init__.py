"""The `coachfolio` command's work: new files, checks and imports for a portfolio project."""
