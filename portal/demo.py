"""Shared helpers for the demo-data loaders that `manage.py load_demo_data` runs.

Each app may have a `demo` module with a `load(*, stdout, verbosity, dry_run)` function (see the
command's docstring for the contract). This module holds what those loaders share: deterministic
"random" numbers, pictures drawn with Pillow, and the list of files a run stored, so that a run that
does not commit (a dry run, or an error) takes its files back out of the storage.

Its own `load` fills the site's frame: the site settings, banners, lookup links and videos. Rows are
keyed on something stable (the single settings row, a banner's name, a link's title, a video's
address) and never changed once they exist.
"""

import functools
import io
import math
import unicodedata
import zlib
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from portal.models import Banner, LookupLink, SiteSettings, Video

# Pillow's built-in font has no Vietnamese letters (they would come out as boxes); DejaVu has them
# and ships with most Linux systems. Without it the text is drawn without diacritics.
_FONT_FILE = "DejaVuSans-Bold.ttf"

_written_files = []


def stable_number(key, low, high):
    """A number in [low, high] that depends only on `key`: the same on every machine and every run."""
    return low + zlib.crc32(str(key).encode()) % (high - low + 1)


def file_stored(name):
    """Record a file a loader has stored, so it is deleted again if the run is rolled back."""
    _written_files.append(name)


def stored_files_forget():
    """The run committed: the files stay."""
    _written_files.clear()


def stored_files_discard():
    """The run was rolled back: delete the files it stored, so nothing points nowhere or lies unused."""
    while _written_files:
        default_storage.delete(_written_files.pop())


@functools.cache
def _font(size):
    try:
        return ImageFont.truetype(_FONT_FILE, size), True
    except OSError:
        return ImageFont.load_default(size=size), False


def _drawable(text, font_has_vietnamese):
    if font_has_vietnamese:
        return text
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


@functools.cache
def _background(width, height, colour):
    """A diagonal gradient from `colour` to a darker shade; cached, as it is the slow part."""
    dark = tuple(channel // 3 for channel in colour)
    vertical = Image.linear_gradient("L").resize((width, height))
    horizontal = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize((width, height))
    mask = Image.blend(vertical, horizontal, 0.5)
    return Image.composite(
        Image.new("RGB", (width, height), dark), Image.new("RGB", (width, height), colour), mask
    )


def picture_jpeg(*, colour, title="", subtitle="", seed=0, width=1600, height=900):
    """JPEG bytes of a placeholder picture: a gradient in `colour`, hills and suns, and the text given.

    The same arguments always give the same picture. With no title and no subtitle it is purely
    decorative.
    """
    image = _background(width, height, tuple(colour)).copy()
    draw = ImageDraw.Draw(image, "RGBA")
    for index in range(4):
        radius = stable_number(f"{seed}-r{index}", height // 12, height // 4)
        x = stable_number(f"{seed}-x{index}", 0, width)
        y = stable_number(f"{seed}-y{index}", 0, height // 2)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 34))
    # Two ranges of hills: the province is mountains from one border to the other.
    for layer, (base, shade) in enumerate([(0.55, 50), (0.72, 90)]):
        peaks = [(0, height)]
        for step in range(7):
            x = width * step / 6
            y = height * base + stable_number(f"{seed}-h{layer}-{step}", -height // 9, height // 9)
            peaks.append((x, y))
        peaks.append((width, height))
        draw.polygon(peaks, fill=(0, 0, 0, shade))

    margin = width // 6  # cards crop the sides to 4:3: keep the text inside what every crop shows
    y = height - margin
    if subtitle:
        font, vietnamese = _font(height // 20)
        lines = _wrap(draw, _drawable(subtitle, vietnamese), font, width - 2 * margin)[:2]
        line_height = height // 20 * 5 // 4
        for number, line in enumerate(reversed(lines), start=1):
            draw.text((margin, y - number * line_height), line, font=font, fill=(255, 255, 255, 230))
        y -= len(lines) * line_height + height // 40
    if title:
        font, vietnamese = _font(height // 10)
        draw.text((margin, y), _drawable(title, vietnamese), font=font, fill="white", anchor="ld")

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def banner_jpeg(*, colour, title, subtitle="", width=600, height=200):
    """JPEG bytes of a banner: a gradient in `colour` with a title and an optional line under it.

    The banner's text alternative should say the same words.
    """
    image = _background(width, height, tuple(colour)).copy()
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rectangle((0, height - height // 14, width, height), fill=(255, 211, 77, 255))
    margin = height // 8
    # The largest title size that fits on two lines: every word on the banner is in its alt text.
    for size in range(height // 6, height // 14, -2):
        title_font, vietnamese = _font(size)
        lines = _wrap(draw, _drawable(title, vietnamese), title_font, width - 2 * margin)
        if len(lines) <= 2:
            break
    y = margin
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill="white")
        y += size * 5 // 4
    if subtitle:
        font, vietnamese = _font(height // 10)
        draw.text(
            (margin, y + height // 20), _drawable(subtitle, vietnamese), font=font, fill=(255, 255, 255, 220)
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def icon_png(*, colour, letter, size=64):
    """PNG bytes of a small square icon with one letter: decorative beside a link's title."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=tuple(colour))
    font, vietnamese = _font(size // 2)
    draw.text((size / 2, size / 2), _drawable(letter, vietnamese), font=font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def emblem_png(size=256):
    """PNG bytes of the demo logo: a gold-rimmed red disc with a five-pointed gold star."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill=(255, 211, 77, 255))
    inset = size // 14
    draw.ellipse((inset, inset, size - 1 - inset, size - 1 - inset), fill=(196, 30, 36, 255))
    centre, outer, inner = size / 2, size * 0.33, size * 0.13
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / 5
        points.append((centre + radius * math.cos(angle), centre - radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 211, 77, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


# The demo's frame. -------------------------------------------------------------------------------

SITE_SETTINGS = {
    "agency_name_en": "Son La Province Electronic Information Portal",
    "short_name": "Ủy ban nhân dân tỉnh Sơn La",
    "logo_alt": "Biểu trưng Cổng thông tin điện tử tỉnh Sơn La",
    "address": "Trụ sở UBND tỉnh, đường Tô Hiệu, phường Tô Hiệu, tỉnh Sơn La",
    "phone": "0212 3852 100",
    "hotline": "0212 3852 111",
    "email": "bbt@cong.example",
    "responsible_editor": "Chịu trách nhiệm chính: Chánh Văn phòng UBND tỉnh Sơn La",
    "footer_text": (
        "Giấy phép thiết lập trang thông tin điện tử số 00/GP-TTĐT (dữ liệu mẫu).\n"
        "Ghi rõ nguồn “Cổng thông tin điện tử tỉnh Sơn La” khi phát hành lại thông tin từ cổng này."
    ),
    "facebook_url": "https://www.facebook.com/",
    "youtube_url": "https://www.youtube.com/",
    "zalo_url": "https://zalo.me/",
}

# title (for staff), position, words on the banner (also its alt text), second line, link, colour,
# days from now until it is shown (None: at once)
BANNERS = [
    (
        "Đầu trang: cao nguyên xanh", Banner.Position.HEADER,
        "Sơn La – Cao nguyên xanh, điểm đến hấp dẫn", "Chào mừng quý khách đến với Sơn La",
        "/chuyen-muc/du-lich/", (0, 110, 90), None,
    ),
    (
        "Cổng Dịch vụ công quốc gia", Banner.Position.SIDEBAR,
        "Cổng Dịch vụ công quốc gia", "Nộp hồ sơ trực tuyến",
        "https://dichvucong.gov.vn/", (21, 90, 170), None,
    ),
    (
        "Học tập và làm theo Bác", Banner.Position.SIDEBAR,
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "",
        "/chuyen-muc/xay-dung-dang/", (176, 24, 32), None,
    ),
    (
        "Chuyển đổi số", Banner.Position.SIDEBAR,
        "Chuyển đổi số tỉnh Sơn La", "Chính quyền số – Kinh tế số – Xã hội số",
        "", (0, 105, 120), None,
    ),
    (
        "Chúc mừng năm mới (chưa đến ngày hiện)", Banner.Position.SIDEBAR,
        "Chúc mừng năm mới", "Banner hẹn giờ: chỉ hiện từ ngày bắt đầu",
        "", (191, 90, 12), 30,
    ),
    (
        "Chân trang: Cổng TTĐT Chính phủ", Banner.Position.FOOTER,
        "Cổng thông tin điện tử Chính phủ", "chinhphu.vn",
        "https://chinhphu.vn/", (164, 22, 26), None,
    ),
    (
        "Chân trang: văn bản pháp luật", Banner.Position.FOOTER,
        "Cơ sở dữ liệu quốc gia về văn bản pháp luật", "vbpl.vn",
        "https://vbpl.vn/", (46, 80, 140), None,
    ),
    (
        "Chân trang: phản ánh, kiến nghị", Banner.Position.FOOTER,
        "Tiếp nhận phản ánh, kiến nghị", "của người dân, doanh nghiệp",
        "https://pakn.dichvucong.gov.vn/", (46, 125, 50), None,
    ),
]  # fmt: skip

# title, link, icon letter, icon colour
LOOKUP_LINKS = [
    ("Văn bản chỉ đạo, điều hành", "https://vbpl.vn/", "V", (164, 22, 26)),
    ("Thủ tục hành chính", "https://thutuc.dichvucong.gov.vn/", "T", (21, 90, 170)),
    ("Dịch vụ công trực tuyến", "https://dichvucong.gov.vn/", "D", (0, 121, 107)),
    ("Tra cứu hồ sơ", "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html", "H", (110, 40, 150)),
    ("Lịch tiếp công dân", "/chuyen-muc/thong-bao/", "L", (191, 90, 12)),
    ("Phản ánh, kiến nghị", "https://pakn.dichvucong.gov.vn/", "P", (46, 125, 50)),
]

# title, address, description, featured, colour of the poster
VIDEOS = [
    (
        "Sơn La chung sức xây dựng nông thôn mới",
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "Những đổi thay ở các bản vùng cao sau chặng đường xây dựng nông thôn mới. (Video minh họa.)",
        True,
        (46, 125, 50),
    ),
    (
        "Mùa hoa mận trên cao nguyên Mộc Châu",
        "https://vimeo.com/76979871",
        "Rừng hoa mận trắng và những điểm đến mùa xuân ở Mộc Châu. (Video minh họa.)",
        False,
        (0, 131, 143),
    ),
]


def load(*, stdout, verbosity, dry_run):
    """Create the demo site settings, banners, lookup links and videos that are missing."""
    created = {
        "site settings": _site_settings_load(stdout, verbosity),
        "banners": _banners_load(stdout, verbosity),
        "lookup links": _lookup_links_load(stdout, verbosity),
        "videos": _videos_load(stdout, verbosity),
    }
    if not any(created.values()):
        return "nothing new (site settings, banners, lookup links and videos already there)"
    return ", ".join(f"{count} {what}" for what, count in created.items()) + " created"


def _site_settings_load(stdout, verbosity):
    if SiteSettings.objects.filter(pk=1).exists():
        return 0
    site = SiteSettings(agency_name=settings.PORTAL_SITE_NAME, **SITE_SETTINGS)
    site.logo = ContentFile(emblem_png(), name="logo.png")
    site.full_clean(exclude=["logo"])
    site.save()
    file_stored(site.logo.name)
    if verbosity >= 2:
        stdout.write("  + site settings")
    return 1


def _banners_load(stdout, verbosity):
    existing = set(Banner.objects.values_list("title", flat=True))
    now = timezone.now()
    created = 0
    for order, (title, position, words, second, link, colour, starts_in) in enumerate(BANNERS, start=1):
        if title in existing:
            continue
        size = (1200, 150) if position == Banner.Position.HEADER else (600, 200)
        banner = Banner(
            title=title,
            alt_text=f"{words}: {second}" if second else words,
            link=link,
            position=position,
            order=order * 10,
            starts_at=now + timedelta(days=starts_in) if starts_in else None,
        )
        data = banner_jpeg(colour=colour, title=words, subtitle=second, width=size[0], height=size[1])
        banner.image = ContentFile(data, name="banner.jpg")
        banner.full_clean(exclude=["image"])
        banner.save()
        file_stored(banner.image.name)
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + banner [{position}] {title}")
    return created


def _lookup_links_load(stdout, verbosity):
    existing = set(LookupLink.objects.values_list("title", flat=True))
    created = 0
    for order, (title, link, letter, colour) in enumerate(LOOKUP_LINKS, start=1):
        if title in existing:
            continue
        # The icon repeats nothing the title does not say: decorative, no text alternative.
        item = LookupLink(title=title, link=link, order=order * 10)
        item.icon = ContentFile(icon_png(colour=colour, letter=letter), name="icon.png")
        item.full_clean(exclude=["icon"])
        item.save()
        file_stored(item.icon.name)
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + lookup link {title}")
    return created


def _videos_load(stdout, verbosity):
    existing = set(Video.objects.values_list("url", flat=True))
    now = timezone.now()
    created = 0
    for index, (title, url, description, featured, colour) in enumerate(VIDEOS):
        if url in existing:
            continue
        video = Video(
            title=title,
            url=url,
            description=description,
            featured=featured,
            published_at=now - timedelta(days=3 + 7 * index),
        )
        # Our own poster: nothing is fetched from YouTube or Vimeo before a visitor presses play.
        poster = picture_jpeg(colour=colour, title="Video", subtitle=title, seed=url, width=1280, height=720)
        video.poster = ContentFile(poster, name="poster.jpg")
        video.full_clean(exclude=["poster"])
        video.save()
        file_stored(video.poster.name)
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + video {title}")
    return created
