"""Dutch error messages of the API's fields, written for a client that can act on them: dates in ISO
form, enum values as the API names them, no English fragments.

DRF's own messages are partly untranslated ("Date has wrong format", "Must be a valid boolean") and name
neither the accepted form nor the allowed values. ``nederlands(veld)`` gives one field (and the fields
inside it) the messages below; the serializers apply it to every field they build."""

from __future__ import annotations

from rest_framework import fields, relations, serializers

DATUM_VOORBEELD = "2025-09-16"
TIJDSTIP_VOORBEELD = "2025-09-16T12:00:00Z"

# Per field class (the most specific class that matches wins): error code -> message. Placeholders in
# braces are filled in by DRF ({input}, {max_length}, …).
MELDINGEN: list[tuple[type, dict[str, str]]] = [
    (fields.DateTimeField, {
        "invalid": f"Ongeldig tijdstip; gebruik ISO 8601 met tijdzone, bijvoorbeeld {TIJDSTIP_VOORBEELD}.",
        "date": f"Geef een tijdstip met datum en tijd, bijvoorbeeld {TIJDSTIP_VOORBEELD}.",
        "make_aware": "Dit tijdstip bestaat niet in de tijdzone {timezone}; geef het in UTC (met 'Z').",
        "overflow": "Dit tijdstip ligt buiten het bereik van de kalender.",
    }),
    (fields.DateField, {
        "invalid": f"Ongeldige datum; gebruik de vorm JJJJ-MM-DD, bijvoorbeeld {DATUM_VOORBEELD}.",
        "datetime": f"Geef alleen een datum (JJJJ-MM-DD), zonder tijd, bijvoorbeeld {DATUM_VOORBEELD}.",
    }),
    (fields.BooleanField, {"invalid": "Gebruik true of false (zonder aanhalingstekens)."}),
    (fields.CharField, {"invalid": "Geef tekst tussen aanhalingstekens (een JSON-tekenreeks)."}),
    (fields.IntegerField, {
        "invalid": "Geef een geheel getal, bijvoorbeeld 2025.",
        "max_string_length": "Dit getal is te lang.",
    }),
    (fields.DecimalField, {
        "invalid": "Geef een getal, met een punt als decimaalteken (bijvoorbeeld 12.5).",
        "max_string_length": "Dit getal is te lang.",
    }),
    (fields.ListField, {
        "not_a_list": "Geef een lijst (JSON-array), geen {input_type}.",
        "min_length": "Geef minstens {min_length} elementen.",
        "max_length": "Geef hoogstens {max_length} elementen.",
    }),
    (fields.MultipleChoiceField, {"not_a_list": "Geef een lijst (JSON-array), geen {input_type}."}),
    (relations.ManyRelatedField, {"not_a_list": "Geef een lijst (JSON-array) van id's, geen {input_type}."}),
    (relations.PrimaryKeyRelatedField, {
        "does_not_exist": "Er is geen registratie met id {pk_value}.",
        "incorrect_type": "Geef een id als geheel getal, geen {data_type}.",
    }),
    (relations.SlugRelatedField, {
        "does_not_exist": "Er bestaat geen registratie met {slug_name} '{value}'.",
        "invalid": "Geef de sleutel als tekst.",
    }),
    (serializers.ListSerializer, {
        "not_a_list": "Geef een lijst (JSON-array), geen {input_type}.",
        "min_length": "Geef minstens {min_length} elementen.",
        "max_length": "Geef hoogstens {max_length} elementen.",
    }),
    (serializers.Serializer, {"invalid": "Geef een JSON-object, geen {datatype}."}),
]


def _keuzemelding(veld: fields.ChoiceField) -> str:
    waarden = ", ".join(f"'{waarde}'" for waarde in veld.choices)
    waarden = waarden.replace("{", "{{").replace("}", "}}")
    return "'{input}' is geen geldige waarde; kies uit " + waarden + "."


def _standaard(veld, code: str):
    """DRF's own message for ``code`` on this field class (before any message given to the field itself)."""
    for klasse in type(veld).__mro__:
        if code in getattr(klasse, "default_error_messages", {}):
            return klasse.default_error_messages[code]
    return None


def _vervang(veld, meldingen: dict[str, str]) -> None:
    for code, melding in meldingen.items():
        huidig = veld.error_messages.get(code)
        if huidig is None or huidig == _standaard(veld, code):  # a message given to the field itself stays
            veld.error_messages[code] = melding


def nederlands(veld):
    """Give ``veld`` (a field or a serializer, and the fields it carries) the Dutch messages."""
    for klasse, meldingen in MELDINGEN:
        if isinstance(veld, klasse):
            _vervang(veld, meldingen)
    if isinstance(veld, fields.ChoiceField):
        _vervang(veld, {"invalid_choice": _keuzemelding(veld)})
    for binnen in (getattr(veld, "child", None), getattr(veld, "child_relation", None)):
        if isinstance(binnen, fields.Field):
            nederlands(binnen)
    return veld


class NederlandseMeldingen:
    """Serializer mixin: the serializer and every field it builds get the Dutch messages, when they validate input.
    A serializer that only writes out (no ``data``, also not its root's: a read, a nested object of a read) builds
    its fields without them: messages are only for refusing input, and giving them costs a read of a page of 100
    records as much as a query per field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        nederlands(self)

    def get_fields(self):
        velden = super().get_fields()
        if not hasattr(self.root, "initial_data"):
            return velden
        return {naam: nederlands(veld) for naam, veld in velden.items()}
