from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Paginering(PageNumberPagination):
    """count / next / previous / results; ?page=N&pageSize=M."""

    page_size = 50
    page_size_query_param = "pageSize"
    page_size_query_description = "Aantal resultaten per pagina (hoogstens 200)."
    page_query_description = "Paginanummer (vanaf 1)."
    max_page_size = 200
    invalid_page_message = "Deze pagina bestaat niet; kies een paginanummer tussen 1 en het laatste."

    def get_page_size(self, request):
        waarde = request.query_params.get(self.page_size_query_param)
        if waarde is not None and not (waarde.isdigit() and 1 <= int(waarde) <= self.max_page_size):
            raise ValidationError({self.page_size_query_param: [f"Geef een paginagrootte van 1 tot en met {self.max_page_size}."]})
        return super().get_page_size(request)

    def get_page_number(self, request, paginator):
        waarde = request.query_params.get(self.page_query_param)
        if waarde is not None and not waarde.isdigit():
            raise ValidationError({self.page_query_param: ["Geef een paginanummer: een positief geheel getal."]})
        return super().get_page_number(request, paginator)
