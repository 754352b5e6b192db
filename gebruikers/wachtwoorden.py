"""Password rules in Dutch (AUTH_PASSWORD_VALIDATORS): Django's translation of the minimum length is missing."""

from django.contrib.auth.password_validation import MinimumLengthValidator


class MinimumLengte(MinimumLengthValidator):
    """Django's minimum length (12 in the settings, ASVS level 2), with a Dutch message that says how to fix it."""

    def get_error_message(self):
        return (
            f"Dit wachtwoord is te kort: gebruik minstens {self.min_length} tekens. Een zin van een paar woorden "
            "is lang genoeg en goed te onthouden."
        )

    def get_help_text(self):
        return f"Uw wachtwoord moet minstens {self.min_length} tekens lang zijn."
