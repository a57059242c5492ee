"""Feeds in: fetch, parse and normalise (in worker processes), the poll cycle and its schedule."""
