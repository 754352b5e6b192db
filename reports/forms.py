from django import forms

from register.klok import vandaag
from reports import services
from reports.services import EERSTE_JAAR
from reports.varianten import VARIANTEN, mag_genereren


class GenereerForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", min_value=EERSTE_JAAR, help_text="Het jaar waarover het overzicht gaat.")
    peildatum = forms.DateField(
        label="Peildatum",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text="Het register zoals vastgelegd aan het einde van deze dag. Leeg = vandaag.",
    )
    variant = forms.ChoiceField(label="Variant", choices=[])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variant"].choices = [(v, v) for v in VARIANTEN if mag_genereren(user, v)]
        self.fields["jaar"].max_value = vandaag().year
        self.fields["jaar"].initial = vandaag().year - 1
        self.fields["peildatum"].initial = services.standaard_peildatum()


def _datumveld(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=help_text,
    )


class AanleidingenForm(forms.Form):
    """The aanleidingenoverzicht's choices: the rules (van on or before tot, sane dates, the default van) are the
    service's (reports/services.py), which the view asks."""

    van = _datumveld("Van", "De eerste dag van de periode (telt mee). Standaard: de einddatum van het vorige "
                            "gearchiveerde aanleidingenoverzicht.")
    tot = _datumveld("Tot en met", "De laatste dag van de periode (telt mee). Leeg = vandaag.")
    peildatum = _datumveld("Peildatum", "Het register zoals vastgelegd aan het einde van deze dag. Leeg = vandaag.")
    variant = forms.ChoiceField(label="Variant", choices=[])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variant"].choices = [(v, v) for v in VARIANTEN if mag_genereren(user, v)]
        self.fields["van"].initial = services.standaard_van()
        self.fields["tot"].initial = vandaag()
        self.fields["peildatum"].initial = services.standaard_peildatum()
