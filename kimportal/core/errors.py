"""Errors raised by services. Views show them as messages; the API maps them to HTTP codes."""

from django.core.exceptions import ValidationError


class TransitionError(Exception):
    """A workflow transition that the object's current state does not allow (API: 409)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


__all__ = ["TransitionError", "ValidationError"]
