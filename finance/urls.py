from django.urls import path

from finance import views

app_name = "finance"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("settings/", views.settings_edit, name="settings"),
    path("prepare/", views.prepare, name="prepare"),
    path("drafts/", views.drafts, name="drafts"),
    path("outstanding/", views.outstanding, name="outstanding"),
    path("income/", views.income, name="income"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice-detail"),
    path("invoices/<int:pk>/invoice.pdf", views.invoice_pdf, name="invoice-pdf"),
    path("invoices/<int:pk>/void/", views.invoice_void, name="invoice-void"),
    path("invoices/<int:pk>/credit-note/", views.credit_note_new, name="credit-note-new"),
    path("invoices/<int:pk>/payments/new/", views.payment_new, name="payment-new"),
    path("invoices/<int:pk>/use-credit/", views.credit_use, name="credit-use"),
    path("invoices/<int:pk>/remind/", views.invoice_remind, name="invoice-remind"),
    path("schools/<int:pk>/", views.statement, name="statement"),
]
