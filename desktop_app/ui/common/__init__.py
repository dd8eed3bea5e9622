"""Building blocks every list screen shares: the lazy model, the page frame, filters, theme."""
