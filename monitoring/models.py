"""Models of the monitoring app arrive with its issue (SPEC: see the app's section)."""
