"""Models of collaboration (SPEC §5, guideline §IV), one module per subject."""

from .needs import CapacityNeed, CapacitySkill

__all__ = ["CapacityNeed", "CapacitySkill"]
