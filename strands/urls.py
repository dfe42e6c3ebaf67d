from django.urls import path

from strands import views

app_name = "strands"
urlpatterns = [
    path("", views.strand_list, name="strand-list"),
    path("<slug:strand_slug>/", views.strand_detail, name="strand-detail"),
]
