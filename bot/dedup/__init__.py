"""Near-duplicates: fingerprints of titles, their similarity, the window of recent stories."""
