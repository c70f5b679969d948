import pytest
from django.core.management import CommandError, call_command

from kimportal.accounts.models import OfficeKind, Role, User


def test_create_ministry_user_makes_active_ministry_account(db, capsys):
    call_command(
        "create_ministry_user",
        "admin-ikp",
        "admin@kominfo.go.id",
        "--password=Rahasia-Kuat-2026",
        "--full-name=Budi Santoso",
    )

    user = User.objects.get(username="admin-ikp")
    assert user.role == Role.MINISTRY
    assert user.is_active
    assert user.office.kind == OfficeKind.MINISTRY
    assert user.get_full_name() == "Budi Santoso"
    assert user.check_password("Rahasia-Kuat-2026")
    assert user.has_perm("accounts.decide_application")
    assert "dibuat" in capsys.readouterr().out


def test_create_ministry_user_reads_password_from_environment(db, monkeypatch):
    monkeypatch.setenv("MINISTRY_USER_PASSWORD", "Dari-Lingkungan-2026")

    call_command("create_ministry_user", "admin-env", "env@kominfo.go.id")

    assert User.objects.get(username="admin-env").check_password("Dari-Lingkungan-2026")


def test_second_ministry_user_joins_the_same_office(db):
    call_command(
        "create_ministry_user", "a1", "a1@kominfo.go.id", "--password=Kuat-Sekali-2026"
    )
    call_command(
        "create_ministry_user", "a2", "a2@kominfo.go.id", "--password=Kuat-Sekali-2026"
    )

    first, second = User.objects.filter(username__in=["a1", "a2"]).order_by("username")
    assert first.office_id == second.office_id


def test_create_ministry_user_refuses_taken_username(db):
    call_command(
        "create_ministry_user", "a1", "a1@kominfo.go.id", "--password=Kuat-Sekali-2026"
    )

    with pytest.raises(CommandError, match="sudah dipakai"):
        call_command(
            "create_ministry_user",
            "A1",
            "b@kominfo.go.id",
            "--password=Kuat-Sekali-2026",
        )


def test_create_ministry_user_refuses_weak_password(db):
    with pytest.raises(CommandError, match="password"):
        call_command("create_ministry_user", "a1", "a1@kominfo.go.id", "--password=123")

    assert not User.objects.filter(username="a1").exists()


def test_create_ministry_user_without_password_and_terminal_fails(db, monkeypatch):
    monkeypatch.delenv("MINISTRY_USER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    with pytest.raises(CommandError, match="Kata sandi belum diberikan"):
        call_command("create_ministry_user", "a1", "a1@kominfo.go.id")
