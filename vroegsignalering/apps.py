from django.apps import AppConfig


class VroegsignaleringConfig(AppConfig):
    name = "vroegsignalering"
    verbose_name = "Vroegsignalering (meldingen van signalen)"

    def ready(self):
        # Every write of a domain model leaves a historical record (django-simple-history, in the write's
        # transaction): that is the one moment to note which GI's signals may have changed (vroegsignalering/triggers.py).
        from simple_history.signals import post_create_historical_record

        from vroegsignalering import triggers

        post_create_historical_record.connect(triggers.wijziging_genoteerd, dispatch_uid="vroegsignalering")
