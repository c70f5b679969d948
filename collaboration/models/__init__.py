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
from .competitions import Category, Competition, Criterion, Entry
from .events import Event, EventFile, Invitation, Publication, Speaker
from .judging import Assignment, Conflict, Juror, Result, ResultOverride, Score
from .needs import CapacityNeed, CapacitySkill
from .nominations import Nomination, NominationNote

__all__ = [
    "Assignment",
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
    "Category",
    "Certificate",
    "Competition",
    "Conflict",
    "Criterion",
    "Entry",
    "Evaluation",
    "Event",
    "EventFile",
    "Invitation",
    "Juror",
    "Nomination",
    "NominationNote",
    "Publication",
    "Result",
    "ResultOverride",
    "Score",
    "Speaker",
]
