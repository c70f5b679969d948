"""Competition and judging services: the flow from plan to published results, and the
refusals (wrong role, wrong state, wrong juror)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collaboration.choices_competitions import (
    CompetitionLevel,
    CompetitionStatus,
    ConflictKind,
    ResultStatus,
    Round,
    TieBreak,
)
from collaboration.models import Assignment, Result, ResultOverride
from collaboration.services.competitions import (
    competition_publish,
    juror_seat,
)
from collaboration.services.entries import (
    entry_check,
)
from collaboration.services.judging import (
    conflict_declare,
    result_override,
    results_compute,
    results_publish,
    round_advance,
    scores_save,
)
from kimportal.core.errors import TransitionError

from .factories import (
    enter,
    full_scores,
    judging,
    juror_account,
    make_competition,
    published,
)

pytestmark = pytest.mark.django_db


def test_competition_takes_the_office_level_and_region(kab, demo_users):
    competition = make_competition(kab)
    assert competition.level == CompetitionLevel.REGENCY
    assert competition.organiser_id == "35.07"
    assert competition.status == CompetitionStatus.PLANNED
    province = make_competition(demo_users["prov-jatim"])
    assert province.level == CompetitionLevel.PROVINCE
    assert province.organiser_id == "35"


def test_kim_and_other_office_cannot_plan_or_publish(kab, demo_users, kim_users):
    with pytest.raises(PermissionDenied):
        make_competition(kim_users["a"])
    competition = make_competition(kab)
    with pytest.raises(PermissionDenied):
        competition_publish(actor=demo_users["kota-malang"], competition=competition)
    competition_publish(actor=kab, competition=competition)
    with pytest.raises(TransitionError):
        competition_publish(actor=kab, competition=competition)


def test_entry_needs_consent_when_works_become_property(kab, kim_users):
    competition = published(kab, works_become_property=True)
    with pytest.raises(ValidationError) as error:
        enter(kim_users["a"], competition, consent_property=False)
    assert "consent_property" in error.value.message_dict
    entry = enter(kim_users["a"], competition)
    assert entry.consent_property


def test_entry_refused_before_publication_and_for_staff(kab, kim_users):
    competition = make_competition(kab)
    with pytest.raises(TransitionError):
        enter(kim_users["a"], competition)
    competition_publish(actor=kab, competition=competition)
    with pytest.raises(PermissionDenied):
        enter(kab, competition)


def test_ineligible_needs_a_reason(kab, kim_users):
    competition = published(kab)
    entry = enter(kim_users["a"], competition)
    with pytest.raises(ValidationError):
        entry_check(actor=kab, entry=entry, eligible=False)
    entry = entry_check(actor=kab, entry=entry, eligible=False, note="Durasi lebih")
    assert entry.status == "ineligible"


def test_kim_and_kim_accounts_cannot_sit_on_a_jury(kab, kim_users):
    competition = published(kab)
    with pytest.raises(ValidationError):
        juror_seat(actor=kab, competition=competition, user=kim_users["a"])


@pytest.fixture
def three_entries(kab, kim_users):
    competition = published(kab, tie_break=TieBreak.EARLIER)
    return [
        enter(kim_users[key], competition, title=f"Karya {key}")
        for key in ("a", "b", "c")
    ]


def test_full_flow_with_recusal_tie_and_override(kab, three_entries):
    jurors = [juror_account(f"juri-uji-{n}") for n in (1, 2, 3)]
    seats = judging(kab, three_entries, jurors)
    a, b, c = three_entries

    def sheet(user, entry):
        return Assignment.objects.get(juror=seats[user.username], entry=entry)

    # Entry a: 80 and 80, juror 3 recuses → 80. Entry b: 80 from all three → 80 (a tie,
    # settled by earlier submission: a first). Entry c: 60.
    for juror in jurors[:2]:
        scores_save(
            actor=juror,
            assignment=sheet(juror, a),
            scores=full_scores(a, 80, 80),
            submit=True,
        )
    conflict_declare(
        actor=jurors[2], assignment=sheet(jurors[2], a), kind=ConflictKind.FAMILY
    )
    for juror in jurors:
        scores_save(
            actor=juror,
            assignment=sheet(juror, b),
            scores=full_scores(b, 80, 80),
            submit=True,
        )
        scores_save(
            actor=juror,
            assignment=sheet(juror, c),
            scores=full_scores(c, 60, 60),
            submit=True,
        )
    results = {
        r.entry_id: r for r in results_compute(actor=kab, competition=a.competition)
    }
    assert results[a.pk].score == 80 and results[a.pk].jurors_counted == 2
    assert results[a.pk].final_rank == 1 and results[b.pk].final_rank == 2
    assert "pengiriman lebih awal" in results[b.pk].tie_note
    assert all(r.status == ResultStatus.PENDING for r in results.values())

    override = result_override(
        actor=kab, result=results[c.pk], new_rank=2, reason="Banding diterima"
    )
    assert override.previous_rank == 3 and override.by == kab
    # A recomputation keeps the override.
    results_compute(actor=kab, competition=a.competition)
    assert Result.objects.get(pk=results[c.pk].pk).final_rank == 2

    results_publish(actor=kab, competition=a.competition)
    assert set(Result.objects.values_list("status", flat=True)) == {
        ResultStatus.PUBLISHED
    }
    with pytest.raises(TransitionError):
        result_override(actor=kab, result=results[a.pk], new_rank=3, reason="x")
    assert ResultOverride.objects.count() == 1


def test_conflict_blocks_scoring_and_wrong_juror_is_refused(kab, three_entries):
    jurors = [juror_account("juri-x"), juror_account("juri-y")]
    seats = judging(kab, three_entries[:1], jurors[:1])
    entry = three_entries[0]
    assignment = Assignment.objects.get(juror=seats["juri-x"], entry=entry)
    with pytest.raises(PermissionDenied):
        scores_save(
            actor=jurors[1], assignment=assignment, scores=full_scores(entry, 1, 1)
        )
    with pytest.raises(ValidationError):
        conflict_declare(
            actor=jurors[0], assignment=assignment, kind=ConflictKind.OTHER
        )
    conflict_declare(
        actor=jurors[0], assignment=assignment, kind=ConflictKind.SAME_AREA
    )
    with pytest.raises(TransitionError):
        scores_save(
            actor=jurors[0], assignment=assignment, scores=full_scores(entry, 1, 1)
        )


def test_submit_needs_required_criteria_and_comments(kab, three_entries):
    juror = juror_account("juri-z")
    seats = judging(kab, three_entries[:1], [juror])
    entry = three_entries[0]
    assignment = Assignment.objects.get(juror=seats["juri-z"], entry=entry)
    scores = full_scores(entry, 70, 70)
    with pytest.raises(ValidationError):
        scores_save(actor=juror, assignment=assignment, scores=scores[:1], submit=True)
    scores[0]["comment"] = ""
    with pytest.raises(ValidationError):
        scores_save(actor=juror, assignment=assignment, scores=scores, submit=True)
    scores[0]["comment"] = "Pesan kuat"
    scores_save(actor=juror, assignment=assignment, scores=scores, submit=True)
    with pytest.raises(TransitionError):
        scores_save(actor=juror, assignment=assignment, scores=scores)


def test_shortlist_moves_the_best_to_the_final(kab, kim_users):
    competition = published(kab, has_shortlist=True, final_size=1)
    entries = [enter(kim_users[k], competition, title=k) for k in ("a", "b")]
    juror = juror_account("juri-s")
    seats = judging(kab, entries, [juror])
    for entry, value in zip(entries, (50, 90), strict=True):
        assignment = Assignment.objects.get(juror=seats["juri-s"], entry=entry)
        scores_save(
            actor=juror,
            assignment=assignment,
            scores=full_scores(entry, value, value),
            submit=True,
        )
    with pytest.raises(ValidationError):
        results_publish(actor=kab, competition=competition)
    results_compute(actor=kab, competition=competition)
    round_advance(actor=kab, competition=competition)
    competition.refresh_from_db()
    assert competition.current_round == Round.FINAL
    entries[1].refresh_from_db()
    entries[0].refresh_from_db()
    assert (entries[0].round, entries[1].round) == (Round.SHORTLIST, Round.FINAL)
