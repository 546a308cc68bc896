"""Recovery codes made before they were hashed: replace each plain code by its keyed hash (what
`casework.accounts.mfa.services.hashed_recovery_code` stores). A stored hash is 16 characters, a plain code 8, so
a code already hashed is left alone and the migration can run twice. Not reversible: the codes are not kept."""

from base64 import b32encode

from django.db import migrations
from django.utils.crypto import salted_hmac

SALT = "casework.accounts.mfa.recovery_code"  # services.RECOVERY_CODE_SALT
HASHED_LENGTH = 16


def _hashed(code: str) -> str:
    plain = "".join(code.split()).replace("-", "").lower()
    digest = salted_hmac(SALT, plain, algorithm="sha256").digest()
    return b32encode(digest[:10]).decode().lower()


def hash_plain_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.exclude(token__regex=rf"^[a-z2-7]{{{HASHED_LENGTH}}}$").iterator():
        StaticToken.objects.filter(pk=token.pk).update(token=_hashed(token.token))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_model_names"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop, elidable=True)]
