"""Citations: pandoc's citation syntax, bibliographies, and APA formatting through pandoc's citeproc."""
