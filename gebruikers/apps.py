from django.apps import AppConfig


class GebruikersConfig(AppConfig):
    name = "gebruikers"
    verbose_name = "Gebruikers en rollen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from gebruikers.services import vereis_verwijderbaar

        # Django has no other hook on deleting a row of a model we do not own (auth.User), and the
        # history tables point to it with SET_NULL. The rule itself is vereis_verwijderbaar.
        def weiger_verwijderen(sender, instance, **kwargs):
            vereis_verwijderbaar(instance)

        from django.contrib.auth.signals import user_logged_in

        from gebruikers.sessies import sessie_begonnen

        from gebruikers import tokencache

        tokencache.verbinden()
        user_logged_in.connect(sessie_begonnen, dispatch_uid="gebruikers-sessie-begonnen")
        pre_delete.connect(
            weiger_verwijderen, sender=get_user_model(), weak=False, dispatch_uid="gebruikers-niet-verwijderen"
        )
