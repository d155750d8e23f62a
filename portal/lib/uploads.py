"""Uploads kept across a form that came back with errors (portal.models.PendingUpload).

An admin form with a file field loses the chosen file whenever the form is sent back (a missing
text alternative, someone else's save): browsers never fill a file input again. A file that passed
its own field's checks is kept instead, for the person who chose it and for a day, and the form
says so beside the field ("đã giữ lại"); saving again uses it. A file too large to keep (a video) is
not kept, and the form says, in red, that it must be chosen again.
"""

import secrets
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.models import PendingUpload

KEEP_FOR = timedelta(days=1)
# Larger files (a long MP4) are asked for again rather than held in the database.
KEEP_MAX_BYTES = 20 * 1024 * 1024
# The hidden input beside a file input that names the kept file: "<field's html name>__pending".
PENDING_SUFFIX = "__pending"


def upload_keep(*, user, field_key, file):
    """Keep `file` (an upload of the field `field_key`, "app.model.field") for `user`; the
    PendingUpload, or None when the file is too large to keep. Older pending uploads are cleaned."""
    if file.size is None or file.size > KEEP_MAX_BYTES:
        return None
    pending_clean()
    file.seek(0)
    data = file.read()
    file.seek(0)
    return PendingUpload.objects.create(
        token=secrets.token_urlsafe(32),
        user=user,
        field=field_key,
        name=file.name[:255],
        content_type=(getattr(file, "content_type", "") or "")[:100],
        data=data,
        size=len(data),
    )


def upload_kept(*, user, field_key, token):
    """The kept file as a new upload, if `token` names one `user` kept for `field_key` within a day."""
    pending = PendingUpload.objects.filter(
        token=token, user=user, field=field_key, created_at__gte=timezone.now() - KEEP_FOR
    ).first()
    if pending is None:
        return None
    file = SimpleUploadedFile(pending.name, bytes(pending.data), pending.content_type)
    file.pending = pending
    return file


def upload_forget(pending):
    PendingUpload.objects.filter(pk=pending.pk).delete()


def pending_clean(*, now=None):
    """Forget what was kept longer than a day ago; the number of pending uploads removed."""
    deleted, _by_model = PendingUpload.objects.filter(
        created_at__lt=(now or timezone.now()) - KEEP_FOR
    ).delete()
    return deleted
