"""Models of collaboration (SPEC §5, guideline §IV), one module per subject."""

from .campaigns import Campaign, CampaignFeedback, CampaignKim
from .needs import CapacityNeed, CapacitySkill

__all__ = [
    "Campaign",
    "CampaignFeedback",
    "CampaignKim",
    "CapacityNeed",
    "CapacitySkill",
]
