"""Serializers of collaboration's API, one block per subject."""

# --- capacity needs and campaigns (collab-needs) ---------------------------------------

# --- events (collab-events) ------------------------------------------------------------
