"""Vigie: watch news feeds, fold near-duplicates, alert the chats that follow them."""

__version__ = "0.1.0"
