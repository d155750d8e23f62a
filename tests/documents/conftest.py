import pytest

from tests.factories import DocumentTypeFactory, IssuingBodyFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its files in a folder of its own, to see exactly what was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root):
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


@pytest.fixture
def ket_luan(db):
    return DocumentTypeFactory(name="Kết luận")


@pytest.fixture
def ban_bi_thu(db):
    return IssuingBodyFactory(name="Ban Bí thư")
