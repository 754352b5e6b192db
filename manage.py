#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "register.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A setting that is missing or wrong (register/settings.py says which, in Dutch): one line, no traceback.
        print(f"Het register kan niet starten: {exc} (zie README, \"Instellingen (omgevingsvariabelen)\")", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
