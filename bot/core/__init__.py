"""The shared bottom: plain data, errors, the clock, settings, text folding and the message
catalogues. Imports nothing above it."""
