"""Alerts out: rendering, the outbox sender, rate limits, digests and quiet hours."""
