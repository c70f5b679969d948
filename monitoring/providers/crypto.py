"""Credentials at rest: Fernet with a key derived from METRICS_CREDENTIALS_KEY (or, in
development, SECRET_KEY). Secrets are dicts (api_key, access_token, refresh_token, …)."""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    material = getattr(settings, "METRICS_CREDENTIALS_KEY", "") or settings.SECRET_KEY
    digest = hashlib.sha256(f"kimportal-metrics:{material}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def secret_encrypt(secret: dict) -> bytes:
    return _fernet().encrypt(json.dumps(secret).encode())


def secret_decrypt(token: bytes | memoryview) -> dict:
    try:
        return json.loads(_fernet().decrypt(bytes(token)))
    except (InvalidToken, ValueError) as exc:
        # Never say more: the text could end up in a log.
        raise ValueError("credential cannot be decrypted") from exc
