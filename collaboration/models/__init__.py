"""Models of collaboration (SPEC §5, guideline §IV), one module per subject."""

from .attendance import Attendance, Certificate, Evaluation
from .campaigns import Campaign, CampaignFeedback, CampaignKim
from .events import Event, EventFile, Invitation, Publication, Speaker
from .needs import CapacityNeed, CapacitySkill

__all__ = [
    "Attendance",
    "Campaign",
    "CampaignFeedback",
    "CampaignKim",
    "CapacityNeed",
    "CapacitySkill",
    "Certificate",
    "Evaluation",
    "Event",
    "EventFile",
    "Invitation",
    "Publication",
    "Speaker",
]
