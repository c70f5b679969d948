"""Models of the collaboration app arrive with its issue (SPEC: see the app's section)."""
