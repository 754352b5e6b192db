"""No page asks for an icon that is not there: /favicon.ico leads to the register's icon, and the public pages and
the admin name it."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_favicon_ico_leidt_naar_het_icoon_van_het_register():
    client = Client()
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icoon = client.get(response["Location"])
    assert icoon.status_code == 200
    assert b"<svg" in b"".join(icoon.streaming_content if icoon.streaming else [icoon.content])


@pytest.mark.django_db
@pytest.mark.parametrize("pad", ["/", "/admin/login/", "/bestaat-niet"])
def test_elke_pagina_noemt_het_icoon(pad):
    html = Client().get(pad).content.decode()
    assert '<link rel="icon" href="/static/register/favicon.svg"' in html
