"""Production serves hashed, compressed static files: every file they refer to must be there."""

from django.core.management import call_command


def test_production_collectstatic_finds_every_file_the_vendored_assets_refer_to(settings, tmp_path):
    # The manifest storage follows each CSS url() and JS sourceMappingURL: a vendored file
    # whose source map was left behind stops the whole deployment at collectstatic.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").is_file()
    assert list(tmp_path.glob("vendor/accessible-autocomplete/accessible-autocomplete.min.*.js"))
