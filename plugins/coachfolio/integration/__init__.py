"""What the Coachfolio plugins share on the MkDocs side: templates, assets, placeholders, paths."""
