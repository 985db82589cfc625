"""Message understanding: what a liaison-group message means (intent, category, location)."""

from tickets.understanding.reader import Understanding
from tickets.understanding.reading import Intent, Reading

__all__ = ["Intent", "Reading", "Understanding"]
