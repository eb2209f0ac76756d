"""Where an uploaded spreadsheet waits between its preview and the editor's confirmation.

At most UPLOAD_LIFETIME (an hour): a catalog file left unconfirmed is stale, and uploads must not pile
up. With a shared cache (Redis) the file is kept there, since a load balancer may send the
confirmation to another app server; without one, in the system's temp folder, which every worker
of one server shares. Either way a confirmation after the hour is told to upload the file again.
"""

import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from import_export.tmp_storages import CacheStorage, TempFolderStorage

UPLOAD_LIFETIME = getattr(settings, "IMPORT_UPLOAD_LIFETIME", 60 * 60)


class UploadExpired(Exception):
    def __str__(self):
        return (
            f"The uploaded file is no longer kept (files wait {UPLOAD_LIFETIME // 60} minutes for confirmation). "
            "Nothing was imported: upload it again."
        )


class ExpiringCacheStorage(CacheStorage):
    CACHE_LIFETIME = UPLOAD_LIFETIME
    CACHE_PREFIX = "pickwise-import-"

    def read(self):
        data = super().read()
        if data is None:
            raise UploadExpired
        return data


class ExpiringTempFolderStorage(TempFolderStorage):
    """Temp files with a prefix of their own, so a confirmation can only name one of these."""

    PREFIX = "pickwise-import-"

    def save(self, data):
        self._remove_expired()
        with tempfile.NamedTemporaryFile(prefix=self.PREFIX, delete=False) as file:
            file.write(data)
            self.name = os.path.basename(file.name)

    def read(self):
        path = Path(self.get_full_path())
        if not path.name.startswith(self.PREFIX):
            raise UploadExpired  # not one of ours: never read another program's temp file
        if not path.is_file() or self._expired(path):
            path.unlink(missing_ok=True)
            raise UploadExpired
        return super().read()

    def remove(self):
        path = Path(self.get_full_path())
        if path.name.startswith(self.PREFIX):
            path.unlink(missing_ok=True)

    @staticmethod
    def _expired(path: Path) -> bool:
        return time.time() - path.stat().st_mtime > UPLOAD_LIFETIME

    def _remove_expired(self) -> None:
        for path in Path(tempfile.gettempdir()).glob(f"{self.PREFIX}*"):
            try:
                if self._expired(path):
                    path.unlink()
            except OSError:
                pass  # another worker removed it first
