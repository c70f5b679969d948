"""Models of collaboration (SPEC §5, guideline §IV), one module per subject."""

from .attendance import Attendance, Certificate, Evaluation
from .awards import (
    AwardAdjustment,
    AwardCertificate,
    AwardEntry,
    AwardGrant,
    AwardPeriod,
)
from .campaigns import Campaign, CampaignFeedback, CampaignKim
from .events import Event, EventFile, Invitation, Publication, Speaker
from .needs import CapacityNeed, CapacitySkill

__all__ = [
    "Attendance",
    "AwardAdjustment",
    "AwardCertificate",
    "AwardEntry",
    "AwardGrant",
    "AwardPeriod",
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
