"""Login, the first Administrator and the idle lock."""
