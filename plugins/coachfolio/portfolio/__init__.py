"""The `coachfolio/portfolio` MkDocs plugin: home-page lists, series of posts, figures with credits."""
