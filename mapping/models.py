"""Models of the mapping app arrive with its issue (SPEC: see the app's section)."""
