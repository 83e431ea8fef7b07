"""Encryption at rest for ombudsperson cases: Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`)
with keys from the environment. OMBUDSPERSON_ENCRYPTION_KEYS lists Fernet keys, newest first: new data
is encrypted with the first, any of them decrypts, so a new key can be put in front and old data
re-encrypted with `manage.py rotate_case_keys` before the old key is dropped."""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def derive_development_key(secret: str) -> str:
    """A key for development and tests only, derived from a settings secret; production must set
    OMBUDSPERSON_ENCRYPTION_KEYS (its settings refuse to start without it)."""
    digest = hashlib.sha256(f"ombudsperson-cases:{secret}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


@cache
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("OMBUDSPERSON_ENCRYPTION_KEYS is empty: cases cannot be stored.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "OMBUDSPERSON_ENCRYPTION_KEYS must hold Fernet keys (Fernet.generate_key())."
        ) from error


def cipher() -> MultiFernet:
    return _cipher(tuple(settings.OMBUDSPERSON_ENCRYPTION_KEYS))


def encrypt_bytes(data: bytes) -> bytes:
    return cipher().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return cipher().decrypt(token)


def encrypt_text(text: str) -> str:
    return encrypt_bytes(text.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    return decrypt_bytes(token.encode("ascii")).decode()


def rotate(token: bytes) -> bytes:
    """The same plaintext, encrypted again with the newest key."""
    return cipher().rotate(token)


__all__ = [
    "InvalidToken",
    "cipher",
    "decrypt_bytes",
    "decrypt_text",
    "derive_development_key",
    "encrypt_bytes",
    "encrypt_text",
    "rotate",
]
