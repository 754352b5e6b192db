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
