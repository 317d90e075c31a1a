"""The one kind of error the `coachfolio` command reports as a message, not a traceback."""


class AuthoringError(Exception):
    """Something the user must change before the command can do its work."""
