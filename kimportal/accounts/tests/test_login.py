import re

from django.urls import reverse

from conftest import DEMO_PASSWORD

from .signin import sign_in


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failed_logins_lock_out_even_the_right_password(client, demo_users):
    for _attempt in range(5):
        response = login(client, "kab-malang", "salah-sandi")
        assert response.status_code in (200, 429)

    response = login(client, "kab-malang", DEMO_PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Akun terkunci sementara" in page
    assert "Coba lagi dalam 15 menit" in page
    assert reverse("accounts:password-reset") in page
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_so_other_accounts_still_log_in(client, demo_users):
    for _attempt in range(5):
        login(client, "kab-malang", "salah-sandi")

    response = login(client, "kota-malang", DEMO_PASSWORD)

    assert response.status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(client, demo_users):
    for _attempt in range(4):
        response = login(client, "kab-malang", "salah-sandi")
        assert "Masukkan" in response.content.decode()

    response = login(client, "kab-malang", DEMO_PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_login_page_links_to_application_and_reset(client, regions):
    page = client.get(reverse("login")).content.decode()

    assert "Masuk ke BerMiTRA" in page
    assert reverse("accounts:apply") in page
    assert reverse("accounts:password-reset") in page


def test_password_reset_sends_indonesian_email_whose_link_sets_a_new_password(
    client, demo_users, mailoutbox
):
    page = client.get(reverse("accounts:password-reset"))
    assert "Lupa kata sandi" in page.content.decode()

    response = client.post(
        reverse("accounts:password-reset"), {"email": "kab-malang@kominfo.example"}
    )

    assert response.url == reverse("accounts:password-reset-done")
    assert "Periksa email Anda" in client.get(response.url).content.decode()
    [message] = mailoutbox
    assert message.subject == "[BerMiTRA] Atur ulang kata sandi"
    assert "Nama pengguna: kab-malang" in message.body
    path = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body)[1]
    form = client.get(path, follow=True)
    assert "Buat kata sandi baru" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Sandi-Baru-2026!", "new_password2": "Sandi-Baru-2026!"},
        follow=True,
    )
    assert "Kata sandi tersimpan" in done.content.decode()
    assert login(client, "kab-malang", "Sandi-Baru-2026!").status_code == 302


def test_used_or_forged_reset_link_says_it_is_no_longer_valid(client, regions):
    response = client.get(
        reverse(
            "accounts:password-reset-confirm",
            kwargs={"uidb64": "MQ", "token": "abc-def"},
        )
    )

    assert "Tautan tidak berlaku" in response.content.decode()


def test_password_change_needs_the_old_password(client, demo_users):
    sign_in(client, "kab-malang", DEMO_PASSWORD)
    url = reverse("accounts:password-change")
    assert "Ubah kata sandi" in client.get(url).content.decode()

    wrong = client.post(
        url,
        {
            "old_password": "bukan-ini",
            "new_password1": "Sandi-Baru-2026!",
            "new_password2": "Sandi-Baru-2026!",
        },
    )
    right = client.post(
        url,
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Sandi-Baru-2026!",
            "new_password2": "Sandi-Baru-2026!",
        },
        follow=True,
    )

    assert "Sandi lama Anda yang dimasukkan salah" in wrong.content.decode()
    assert "Kata sandi diubah" in right.content.decode()
    demo_users["kab-malang"].refresh_from_db()
    assert demo_users["kab-malang"].check_password("Sandi-Baru-2026!")
