"""factory-boy factories for accounts: staff users with a known password."""

import factory

from casework.accounts.models import User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role_id = "caseworker"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def totp_device(user: User, *, confirmed: bool = True):
    """An authenticator app set up for `user` (django-otp's TOTP device, a fresh secret)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=confirmed)


def totp_code(device, *, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or `steps_ahead` 30-second steps later: still accepted, as the
    server tolerates one step of clock difference, and a step later than any code accepted before)."""
    import time

    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return str(totp.token()).zfill(device.digits)
