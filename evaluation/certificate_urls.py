"""The public page a certificate's QR code leads to, outside any alliance's address: it is
short to print, and the code alone says which certificate it is."""

from django.urls import path

from evaluation import certificate_views

app_name = "certificates"
urlpatterns = [
    path("<str:code>/", certificate_views.certificate_verify, name="verify"),
]
