"""The `coachfolio/rubrics` MkDocs plugin: rubric files become pages, downloads and embeds."""
