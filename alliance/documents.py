"""Uploaded documents (meeting papers, research outputs): which files are accepted, and how they
are served back. One rule for every app that stores a document a person uploaded."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024

# Extensions we accept and the first bytes their files start with: a renamed program or web page
# is refused, whatever its name says.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
DOCUMENT_TYPES: dict[str, tuple[bytes, str]] = {
    ".pdf": (b"%PDF", "application/pdf"),
    ".docx": (_ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": (_ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": (_ZIP, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".odt": (_ZIP, "application/vnd.oasis.opendocument.text"),
    ".doc": (_OLE, "application/msword"),
    ".xls": (_OLE, "application/vnd.ms-excel"),
    ".ppt": (_OLE, "application/vnd.ms-powerpoint"),
}
DOCUMENT_HELP = "PDF or office document, up to 10 MB."


def document_content_type(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return DOCUMENT_TYPES.get(suffix, (b"", "application/octet-stream"))[1]


def document_name(upload: UploadedFile) -> str:
    """The name the file was uploaded with, without any folder a browser sent."""
    return PurePosixPath(upload.name).name[:255]


def check_document(upload: UploadedFile) -> None:
    """Refuse (as an error on the form's ``file`` field) a file that is too large, or is not a
    PDF or office document by its extension and its first bytes."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            {"file": f"The file is larger than {DOCUMENT_MAX_BYTES // (1024 * 1024)} MB."}
        )
    suffix = PurePosixPath(upload.name).suffix.lower()
    if suffix not in DOCUMENT_TYPES:
        raise ValidationError({"file": "Upload a PDF or an office document (Word, Excel, ...)."})
    magic = DOCUMENT_TYPES[suffix][0]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError({"file": f"This file is not really a {suffix[1:].upper()} file."})


def document_response(file: FieldFile, original_name: str) -> FileResponse:
    """Serve a stored document as a download under the name it was uploaded with."""
    if not file.storage.exists(file.name):
        raise Http404("The file is missing.")
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=original_name,
        content_type=document_content_type(original_name),
    )
