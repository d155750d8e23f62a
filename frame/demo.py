"""Demo frame for `manage.py load_demo_data`: the site settings, banners, lookup links, videos, pages.

Rows are keyed on something stable (the single settings row, a banner's name, a link's title, a
video's address, a page's slug) and never changed once they exist.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from frame.models import Banner, LookupLink, Page, SiteSettings, Video
from portal.lib.demo import banner_jpeg, emblem_png, file_stored, icon_png, picture_jpeg
from portal.lib.text import slugify_vi

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


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


@dataclass(frozen=True)
class DemoPage:
    title: str
    body: str
    order: int
    menu: bool = False
    footer: bool = True
    title_en: str = ""
    body_en: str = ""


PAGES = [
    DemoPage(
        "Giới thiệu",
        paragraphs(
            "Sơn La là tỉnh miền núi vùng Tây Bắc, có 250 km đường biên giới với nước Cộng hòa Dân chủ Nhân "
            "dân Lào, là nơi sinh sống của 12 dân tộc anh em: Thái, Kinh, Mông, Mường, Dao, Khơ Mú, "
            "Xinh Mun, Lào, Kháng, La Ha, Tày và Hoa.",
            "Với cao nguyên Mộc Châu, lòng hồ thủy điện Sơn La và những vùng cây ăn quả rộng lớn, tỉnh "
            "đang phát triển mạnh nông nghiệp công nghệ cao, du lịch và năng lượng.",
            "Cổng thông tin điện tử tỉnh là kênh thông tin chính thức của Ủy ban nhân dân tỉnh trên môi "
            "trường mạng: đăng tải tin tức, văn bản chỉ đạo, điều hành, thông tin về thủ tục hành chính và "
            "tiếp nhận ý kiến của người dân, doanh nghiệp.",
        ),
        order=5,
        menu=True,
    ),
    DemoPage(
        "Cơ cấu tổ chức",
        "<p>Bộ máy chính quyền tỉnh Sơn La gồm:</p>"
        "<ul>"
        "<li><strong>Hội đồng nhân dân tỉnh</strong>: cơ quan quyền lực nhà nước ở địa phương, do cử tri "
        "trong tỉnh bầu ra;</li>"
        "<li><strong>Ủy ban nhân dân tỉnh</strong>: cơ quan hành chính nhà nước ở địa phương, do Hội đồng "
        "nhân dân tỉnh bầu, gồm Chủ tịch, các Phó Chủ tịch và các Ủy viên;</li>"
        "<li><strong>Các sở, ban, ngành</strong>: cơ quan chuyên môn giúp Ủy ban nhân dân tỉnh quản lý nhà "
        "nước trong từng lĩnh vực;</li>"
        "<li><strong>Ủy ban nhân dân các xã, phường</strong>: chính quyền cơ sở, gần dân nhất.</li>"
        "</ul>"
        "<p>Văn phòng Ủy ban nhân dân tỉnh là cơ quan thường trực của Cổng thông tin điện tử tỉnh.</p>",
        order=20,
        title_en="Organisation",
        body_en="<p>The provincial government of Sơn La is made up of:</p>"
        "<ul>"
        "<li><strong>The Provincial People's Council</strong>: the local body of state power, elected by "
        "the voters of the province;</li>"
        "<li><strong>The Provincial People's Committee</strong>: the local state administration, elected "
        "by the Council, with its Chair, Vice-Chairs and members;</li>"
        "<li><strong>Departments and agencies</strong>: specialised bodies that help the Committee manage "
        "each field;</li>"
        "<li><strong>Commune and ward People's Committees</strong>: the level of government closest to "
        "the people.</li>"
        "</ul>"
        "<p>The Office of the Provincial People's Committee runs this electronic information portal.</p>",
    ),
    DemoPage(
        "Tiếp cận thông tin",
        paragraphs(
            "Theo Luật Tiếp cận thông tin, công dân được tiếp cận thông tin do cơ quan nhà nước tạo ra, "
            "trừ những thông tin pháp luật quy định không được tiếp cận.",
            "Thông tin được công khai rộng rãi trên Cổng thông tin điện tử tỉnh: văn bản quy phạm pháp "
            "luật, quy hoạch, kế hoạch, dự toán và quyết toán ngân sách, thủ tục hành chính, kết quả "
            "giải quyết phản ánh, kiến nghị.",
            "Để yêu cầu cung cấp thông tin chưa được công khai, công dân gửi phiếu yêu cầu đến Văn phòng "
            "Ủy ban nhân dân tỉnh trực tiếp, qua bưu điện, fax hoặc thư điện tử.",
        ),
        order=30,
    ),
    DemoPage(
        "Liên hệ",
        "<p><strong>Ban biên tập Cổng thông tin điện tử tỉnh Sơn La</strong></p>"
        "<p>Địa chỉ: Trụ sở UBND tỉnh, đường Tô Hiệu, phường Tô Hiệu, tỉnh Sơn La<br>"
        "Điện thoại: 0212 3852 100 – Đường dây nóng: 0212 3852 111<br>"
        "Thư điện tử: bbt@cong.example</p>"
        "<p>Ban biên tập tiếp nhận tin, bài, ảnh cộng tác và ý kiến góp ý của bạn đọc trong giờ hành "
        "chính, từ thứ Hai đến thứ Sáu.</p>",
        order=900,
        menu=True,
        title_en="Contact",
        body_en="<p><strong>Editorial board of the Sơn La Province Electronic Information Portal</strong></p>"
        "<p>Address: Provincial People's Committee, Tô Hiệu street, Tô Hiệu ward, Sơn La province<br>"
        "Phone: +84 212 3852 100 – Hotline: +84 212 3852 111<br>"
        "Email: bbt@cong.example</p>"
        "<p>The editorial board welcomes news, articles, photos and readers' comments during office "
        "hours, Monday to Friday.</p>",
    ),
]


def load(*, stdout, verbosity, dry_run):
    """Create the demo site settings, banners, lookup links, videos and static pages that are missing."""
    created = {
        "site settings": _site_settings_load(stdout, verbosity),
        "banners": _banners_load(stdout, verbosity),
        "lookup links": _lookup_links_load(stdout, verbosity),
        "videos": _videos_load(stdout, verbosity),
        "static pages": _pages_load(stdout, verbosity),
    }
    if not any(created.values()):
        return "nothing new (site settings, banners, lookup links, videos and static pages already there)"
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


def _pages_load(stdout, verbosity):
    slugs = {demo.title: slugify_vi(demo.title, max_length=140) for demo in PAGES}
    taken = set(Page.objects.filter(slug__in=slugs.values()).values_list("slug", flat=True))
    created = 0
    for demo in PAGES:
        if slugs[demo.title] in taken:
            continue
        page = Page(
            title=demo.title,
            slug=slugs[demo.title],
            body=demo.body,
            title_en=demo.title_en,
            body_en=demo.body_en,
            order=demo.order,
            show_in_menu=demo.menu,
            show_in_footer=demo.footer,
        )
        page.full_clean()
        page.save()
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + page {page.title}")
    return created
