"""A kind's commit through a service per row: every row is tried, refusals are named by
row, and any refusal fails the whole commit (the import's transaction rolls back)."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from kimportal.imports.kinds import CommitError, commit_each


def _file(entry):
    number, value = entry
    if value < 0:
        raise ValidationError(["Nilai tidak boleh negatif.", "Periksa baris ini."])
    return SimpleNamespace(pk=value * 10)


def test_the_ids_of_every_saved_record_in_plan_order():
    assert commit_each([(2, 1), (3, 2), (5, 3)], _file) == [10, 20, 30]


def test_every_refused_row_is_named_and_the_commit_fails():
    tried = []

    def file_row(entry):
        tried.append(entry[0])
        return _file(entry)

    with pytest.raises(CommitError) as raised:
        commit_each([(2, 1), (3, -1), (4, 2), (7, -5)], file_row)

    assert tried == [2, 3, 4, 7]
    assert [error.as_dict() for error in raised.value.errors] == [
        {
            "row": 3,
            "column": "",
            "message": "Nilai tidak boleh negatif. Periksa baris ini.",
        },
        {
            "row": 7,
            "column": "",
            "message": "Nilai tidak boleh negatif. Periksa baris ini.",
        },
    ]
