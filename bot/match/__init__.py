"""Who wants a story: topics, keyword filters, the term index, spans, and the audience."""
