"""Import, template and export of historic records, under /admin/historisch/ (admin login required)."""

from django.contrib import admin
from django.urls import path

from historisch import views

app_name = "historisch"
urlpatterns = [
    path("<slug:soort>/importeren/", admin.site.admin_view(views.importeren_view), name="importeren"),
    path("<slug:soort>/sjabloon.<str:formaat>", admin.site.admin_view(views.sjabloon_view), name="sjabloon"),
    path("<slug:soort>/exporteren.<str:formaat>", admin.site.admin_view(views.exporteren_view), name="exporteren"),
]
