import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", list(admin.site._registry), ids=lambda m: f"{m._meta.app_label}.{m._meta.model_name}"
)
def test_it_opens_every_admin_list_for_a_superuser(model, login):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = login("superuser").get(url)
    assert response.status_code == 200
    assert opts.verbose_name_plural.lower() in response.content.decode().lower()
