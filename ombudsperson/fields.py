"""Model fields whose values are encrypted before they reach the database (see crypto.py). Python code
sees plain values; the database, backups and `dumpdata` see Fernet tokens only."""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. Not searchable or sortable in the database, by design."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt_text(value)

    def value_to_string(self, obj):
        # What serialisers (dumpdata) write: the stored token, never the plain text.
        value = self.value_from_object(obj)
        return crypto.encrypt_text(value) if value else value


class EncryptedBinaryField(models.BinaryField):
    """Bytes (an attachment's content) stored as a Fernet token."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return crypto.decrypt_bytes(bytes(value))

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is not None and not prepared:
            value = crypto.encrypt_bytes(bytes(value))
        return super().get_db_prep_value(value, connection, prepared=True)

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else crypto.encrypt_bytes(bytes(value)).decode("ascii")
