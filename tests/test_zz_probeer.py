import pytest
@pytest.mark.django_db
def test_probeer():
    exec(open("/tmp/a_try.py").read())
