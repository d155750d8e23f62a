"""Demo categories and articles for `manage.py load_demo_data`: the news of a province, Sơn La.

Rows are keyed on their slug: a category or article whose slug exists (or, for articles, used
to exist) is left alone, so a second run creates nothing, draws no picture and stores no file.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, ArticleSlugHistory, Category
from portal.lib.demo import file_stored, picture_jpeg, stable_number
from portal.lib.text import slugify_vi

JOURNALIST = "phongvien"  # created by the command before any app loader runs
PUBLISHED_OVER_DAYS = 60

# name, parent, description, colour of its cover pictures
CATEGORIES = [
    (
        "Tin tức - Sự kiện",
        None,
        "Hoạt động của lãnh đạo tỉnh, các sở, ngành, địa phương và những sự kiện nổi bật.",
        (0, 105, 120),
    ),
    (
        "Tin trong tỉnh",
        "Tin tức - Sự kiện",
        "Tin hoạt động của các cơ quan, đơn vị và địa phương trên địa bàn tỉnh Sơn La.",
        (0, 121, 107),
    ),
    (
        "Tin trong nước",
        "Tin tức - Sự kiện",
        "Thời sự trong nước, chủ trương và chính sách mới của Trung ương.",
        (2, 119, 189),
    ),
    (
        "Xây dựng Đảng",
        None,
        "Công tác tổ chức, kiểm tra, tuyên giáo, dân vận và xây dựng hệ thống chính trị.",
        (176, 24, 32),
    ),
    (
        "Kinh tế",
        None,
        "Đầu tư, sản xuất, kinh doanh, tài chính - ngân sách và phát triển hạ tầng.",
        (21, 90, 170),
    ),
    (
        "Nông nghiệp",
        "Kinh tế",
        "Trồng trọt, chăn nuôi, cây ăn quả và xuất khẩu nông sản của Sơn La.",
        (85, 139, 47),
    ),
    (
        "Du lịch",
        "Kinh tế",
        "Điểm đến, lễ hội và dịch vụ du lịch trên cao nguyên và lòng hồ.",
        (0, 131, 143),
    ),
    (
        "Văn hóa - Xã hội",
        None,
        "Văn hóa các dân tộc, giáo dục, y tế, thể thao và an sinh xã hội.",
        (110, 40, 150),
    ),
    (
        "Nông thôn mới",
        None,
        "Chương trình mục tiêu quốc gia xây dựng nông thôn mới và sản phẩm OCOP.",
        (46, 125, 50),
    ),
    (
        "Thông báo",
        None,
        "Thông báo, lịch tiếp công dân, tuyển dụng và thông tin chỉ đạo, điều hành.",
        (191, 90, 12),
    ),
]

BYLINES = ["Như Thuỷ", "Minh Hằng", "Quang Huy", "Thu Trang", "Hoàng Anh", "Văn Ngọc"]
SOURCES = ["Báo Sơn La", "Cổng TTĐT tỉnh", "Báo Sơn La", "Đài PT-TH tỉnh"]


@dataclass(frozen=True)
class DemoArticle:
    title: str
    category: str
    summary: str
    body: str
    photo: str = ""  # what the cover shows (drawn on it, and its alt text); empty: no cover
    byline: str = ""  # empty: one of BYLINES
    source: str = ""  # empty: one of SOURCES
    featured: bool = False
    state: str = "public"  # or "draft", or "scheduled" (published, publish time in the future)
    decorative: bool = False  # a cover that only decorates: no photo, no text on it, no alt text


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


ARTICLES = [
    # Xây dựng Đảng
    DemoArticle(
        "Đảng bộ tỉnh Sơn La triển khai nhiệm vụ trọng tâm những tháng cuối năm",
        "Xây dựng Đảng",
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh Sơn La đánh giá kết quả lãnh đạo thực hiện nhiệm vụ chính "
        "trị và thống nhất các giải pháp để hoàn thành toàn diện các chỉ tiêu của năm.",
        "<p>Ban Chấp hành Đảng bộ tỉnh Sơn La đã tổ chức hội nghị đánh giá kết quả lãnh đạo, chỉ đạo "
        "thực hiện nhiệm vụ chính trị thời gian qua và bàn giải pháp cho những tháng cuối năm. Đồng chí "
        "Bí thư Tỉnh ủy chủ trì hội nghị.</p>"
        "<h2>Nhiều chỉ tiêu đạt và vượt kế hoạch</h2>"
        "<p>Theo báo cáo, kinh tế của tỉnh tiếp tục tăng trưởng; <strong>thu ngân sách nhà nước đạt "
        "trên 85% dự toán</strong>; các chương trình mục tiêu quốc gia được triển khai đồng bộ. Công tác "
        "xây dựng Đảng và hệ thống chính trị được quan tâm, quốc phòng, an ninh được giữ vững.</p>"
        "<p>Hội nghị thống nhất tập trung vào các nhiệm vụ trọng tâm:</p>"
        "<ul>"
        "<li>Hoàn thành các chỉ tiêu kinh tế - xã hội, đẩy nhanh giải ngân vốn đầu tư công;</li>"
        "<li>Nâng cao chất lượng tổ chức cơ sở đảng và đội ngũ đảng viên;</li>"
        "<li>Đẩy mạnh cải cách hành chính, chuyển đổi số trong cơ quan đảng, chính quyền;</li>"
        "<li>Chủ động phòng, chống thiên tai, bảo đảm đời sống nhân dân vùng cao.</li>"
        "</ul>"
        "<p>Kết luận hội nghị, đồng chí Bí thư Tỉnh ủy đề nghị các cấp ủy, tổ chức đảng bám sát cơ sở, "
        "nói đi đôi với làm, kịp thời tháo gỡ khó khăn để người dân được hưởng lợi từ các chính sách.</p>",
        photo="Quang cảnh hội nghị Ban Chấp hành Đảng bộ tỉnh",
        byline="Quang Huy",
        featured=True,
    ),
    DemoArticle(
        "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Xây dựng Đảng",
        "Các cấp ủy, tổ chức đảng trong tỉnh gắn việc học tập và làm theo Bác với giải quyết những việc "
        "khó, việc mới ở từng cơ quan, đơn vị.",
        paragraphs(
            "Ban Tuyên giáo và Dân vận Tỉnh ủy vừa tổ chức hội nghị sơ kết việc thực hiện chuyên đề học tập "
            "và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
            "Nhiều mô hình hay đã được nhân rộng: cán bộ “ba cùng” với dân ở bản đặc biệt khó khăn, chi bộ "
            "đăng ký “mỗi tháng một việc tốt”, đoàn viên giúp đồng bào làm nhà, làm đường.",
            "Thời gian tới, các cấp ủy sẽ đưa nội dung học tập vào sinh hoạt chi bộ định kỳ, gắn với việc "
            "đánh giá, xếp loại đảng viên cuối năm.",
        ),
        photo="Cán bộ, đảng viên dự hội nghị chuyên đề học tập và làm theo Bác",
    ),
    DemoArticle(
        "Đảng ủy xã Chiềng Mai kết nạp 12 đảng viên mới",
        "Xây dựng Đảng",
        "Các đảng viên mới phần lớn là đoàn viên thanh niên và người có uy tín trong bản, nhiều người là "
        "đồng bào dân tộc Thái, Mông.",
        paragraphs(
            "Đảng ủy xã Chiềng Mai vừa tổ chức lễ kết nạp 12 quần chúng ưu tú vào Đảng Cộng sản Việt Nam. "
            "Đây là kết quả của quá trình bồi dưỡng, giới thiệu từ các chi bộ bản.",
            "Phát biểu tại buổi lễ, đồng chí Bí thư Đảng ủy xã đề nghị các đảng viên mới tiếp tục rèn luyện, "
            "gương mẫu đi đầu trong lao động sản xuất và vận động gia đình, bà con thực hiện tốt chủ trương "
            "của Đảng, chính sách của Nhà nước.",
            "Đến nay, Đảng bộ xã có 28 chi bộ trực thuộc, 100% bản có chi bộ và có đảng viên.",
        ),
        photo="Lễ kết nạp đảng viên mới tại xã Chiềng Mai",
        byline="Như Thuỷ",
    ),
    DemoArticle(
        "Nâng cao chất lượng sinh hoạt chi bộ ở vùng đồng bào dân tộc thiểu số",
        "Xây dựng Đảng",
        "Sinh hoạt chuyên đề, nói tiếng dân tộc trong sinh hoạt và bàn những việc cụ thể của bản giúp "
        "đảng viên vùng cao tham gia tích cực hơn.",
        paragraphs(
            "Nhiều chi bộ bản đã đổi mới cách sinh hoạt: nội dung ngắn gọn, bàn thẳng vào việc của bản như "
            "làm đường, giữ rừng, phòng chống ma túy.",
            "Ở những chi bộ có đông đảng viên là đồng bào dân tộc, bí thư chi bộ phổ biến nghị quyết bằng "
            "tiếng Thái, tiếng Mông để mọi người cùng hiểu, cùng làm.",
            "Chi bộ bản Nà Sản mỗi quý tổ chức một buổi sinh hoạt chuyên đề; mỗi đảng viên nhận giúp đỡ ít "
            "nhất một hộ khó khăn trong bản.",
        ),
        photo="Chi bộ bản Nà Sản sinh hoạt chuyên đề",
        byline="Văn Ngọc",
    ),
    DemoArticle(
        "Ủy ban Kiểm tra Tỉnh ủy giải quyết dứt điểm đơn thư đúng thời hạn",
        "Xây dựng Đảng",
        "Các đơn thư thuộc thẩm quyền đều được xem xét, kết luận và thông báo công khai đến người có đơn "
        "trong thời hạn quy định.",
        paragraphs(
            "Ủy ban Kiểm tra Tỉnh ủy đã tiếp nhận và xử lý các đơn thư thuộc thẩm quyền đúng quy định, "
            "không để tồn đọng, kéo dài.",
            "Các trường hợp đủ điều kiện đều được xem xét, giải quyết dứt điểm; kết quả được thông báo "
            "công khai đến người có đơn.",
        ),
        photo="Cuộc họp thường kỳ của Ủy ban Kiểm tra Tỉnh ủy",
        state="draft",
    ),
    # Tin trong tỉnh
    DemoArticle(
        "Kỳ họp HĐND tỉnh Sơn La thông qua 18 nghị quyết quan trọng",
        "Tin trong tỉnh",
        "Sau hai ngày làm việc, kỳ họp thường lệ của Hội đồng nhân dân tỉnh đã hoàn thành chương trình và "
        "thông qua 18 nghị quyết về kinh tế - xã hội, đầu tư công và ngân sách.",
        "<p>Kỳ họp thường lệ của <strong>Hội đồng nhân dân tỉnh Sơn La</strong> đã bế mạc sau hai ngày "
        "làm việc khẩn trương, dân chủ. Các đại biểu đã thảo luận, chất vấn và thông qua 18 nghị "
        "quyết.</p>"
        "<h2>Dành nhiều thời gian cho chất vấn</h2>"
        "<p>Phiên chất vấn tập trung vào tiến độ các dự án giao thông, việc sắp xếp trường lớp ở vùng "
        "cao và giải quyết việc làm cho lao động nông thôn. Lãnh đạo các sở, ngành đã trả lời thẳng vào "
        "vấn đề và nhận trách nhiệm với những việc còn chậm.</p>"
        "<p>Các nghị quyết được thông qua gồm:</p>"
        "<ul>"
        "<li>Kế hoạch đầu tư công và dự toán ngân sách địa phương năm tới;</li>"
        "<li>Chính sách hỗ trợ phát triển cây ăn quả, dược liệu theo chuỗi giá trị;</li>"
        "<li>Mức hỗ trợ học sinh bán trú ở xã, bản đặc biệt khó khăn.</li>"
        "</ul>"
        "<p>Bế mạc kỳ họp, Chủ tịch HĐND tỉnh đề nghị UBND tỉnh sớm cụ thể hóa các nghị quyết để đi vào "
        "cuộc sống.</p>",
        photo="Đại biểu biểu quyết thông qua nghị quyết tại kỳ họp",
        byline="Minh Hằng",
        featured=True,
    ),
    DemoArticle(
        "UBND tỉnh đối thoại với doanh nghiệp, tháo gỡ khó khăn về đất đai và thủ tục đầu tư",
        "Tin trong tỉnh",
        "Hơn 150 doanh nghiệp, hợp tác xã đã nêu kiến nghị trực tiếp với lãnh đạo tỉnh và các sở, ngành "
        "tại hội nghị đối thoại.",
        paragraphs(
            "Tại hội nghị, các doanh nghiệp phản ánh khó khăn về thủ tục giao đất, cho thuê đất, cấp phép "
            "xây dựng và tiếp cận vốn vay.",
            "Lãnh đạo UBND tỉnh yêu cầu các sở, ngành trả lời từng kiến nghị bằng văn bản trong 15 ngày, "
            "công khai kết quả trên Cổng thông tin điện tử tỉnh.",
            "“Doanh nghiệp thành công thì tỉnh mới phát triển”, đồng chí Chủ tịch UBND tỉnh nhấn mạnh.",
        ),
        photo="Lãnh đạo tỉnh trao đổi với cộng đồng doanh nghiệp",
        byline="Hoàng Anh",
    ),
    DemoArticle(
        "Sơn La chủ động ứng phó mưa lũ, sạt lở đất",
        "Tin trong tỉnh",
        "Ban Chỉ huy Phòng thủ dân sự tỉnh yêu cầu các địa phương rà soát khu dân cư ven suối, dưới taluy "
        "cao và sẵn sàng di dời người dân đến nơi an toàn.",
        paragraphs(
            "Do ảnh hưởng của mưa lớn kéo dài, trên địa bàn tỉnh đã xảy ra một số điểm sạt lở taluy dương "
            "trên quốc lộ 6 và các tuyến đường liên xã.",
            "Lực lượng chức năng đã huy động máy móc khắc phục, bảo đảm giao thông thông suốt; không có "
            "thiệt hại về người.",
            "Người dân cần theo dõi thông tin dự báo thời tiết, không đi qua ngầm tràn khi nước chảy xiết "
            "và báo ngay cho chính quyền khi thấy dấu hiệu nứt đất.",
        ),
        photo="Lực lượng chức năng khắc phục điểm sạt lở trên quốc lộ 6",
        byline="Quang Huy",
    ),
    DemoArticle(
        "Tổng đài tiếp nhận phản ánh, kiến nghị của người dân hoạt động cả ngày nghỉ",
        "Tin trong tỉnh",
        "Người dân có thể gọi điện, nhắn tin hoặc gửi phản ánh trên ứng dụng; mọi phản ánh đều được "
        "chuyển đến cơ quan có thẩm quyền và theo dõi đến khi có kết quả.",
        paragraphs(
            "Tổng đài do Trung tâm Phục vụ hành chính công tỉnh vận hành, tiếp nhận phản ánh về thủ tục "
            "hành chính, trật tự đô thị, môi trường và dịch vụ công.",
            "Mỗi phản ánh được cấp một mã số để người dân tra cứu tiến độ xử lý trên Cổng thông tin điện tử "
            "tỉnh.",
        ),
        photo="Cán bộ tổng đài tiếp nhận cuộc gọi của người dân",
        source="Cổng TTĐT tỉnh",
    ),
    DemoArticle(
        "Lãnh đạo tỉnh thăm, tặng quà gia đình chính sách tại xã Sốp Cộp",
        "Tin trong tỉnh",
        "Đoàn công tác đã thăm hỏi, động viên và trao 50 suất quà cho gia đình chính sách, hộ nghèo ở "
        "vùng biên giới.",
        paragraphs(
            "Tại các gia đình, đồng chí Phó Chủ tịch UBND tỉnh ân cần hỏi thăm sức khỏe, đời sống và ghi "
            "nhận những đóng góp của các gia đình cho sự nghiệp cách mạng.",
            "Đoàn cũng làm việc với Đảng ủy, UBND xã Sốp Cộp về tình hình sản xuất, đời sống nhân dân và "
            "công tác bảo đảm an ninh biên giới.",
        ),
        photo="Lãnh đạo tỉnh trao quà cho gia đình chính sách",
        byline="Thu Trang",
    ),
    # Tin trong nước
    DemoArticle(
        "Chính phủ chỉ đạo đẩy nhanh giải ngân vốn đầu tư công",
        "Tin trong nước",
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành, địa phương coi giải ngân vốn đầu tư công là nhiệm vụ "
        "chính trị hàng đầu, gắn trách nhiệm của người đứng đầu.",
        paragraphs(
            "Tại hội nghị trực tuyến với các địa phương, Thủ tướng Chính phủ đánh giá tỷ lệ giải ngân vốn "
            "đầu tư công có chuyển biến nhưng chưa đồng đều.",
            "Các địa phương được yêu cầu tháo gỡ vướng mắc về giải phóng mặt bằng, nguồn vật liệu và điều "
            "chuyển vốn từ dự án chậm sang dự án có khả năng giải ngân tốt.",
            "Tỉnh Sơn La dự hội nghị tại điểm cầu trực tuyến của tỉnh.",
        ),
        photo="Công trường thi công một dự án giao thông trọng điểm",
        source="Báo Điện tử Chính phủ",
        byline="PV",
    ),
    DemoArticle(
        "Đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính",
        "Tin trong nước",
        "Nhiều thủ tục hành chính đã được thực hiện trực tuyến toàn trình, người dân không phải đi lại, "
        "không phải nộp giấy tờ đã có trong cơ sở dữ liệu.",
        paragraphs(
            "Việc kết nối Cơ sở dữ liệu quốc gia về dân cư với các hệ thống giải quyết thủ tục hành chính "
            "giúp giảm đáng kể giấy tờ phải nộp.",
            "Người dân có thể theo dõi hồ sơ, thanh toán phí, lệ phí và nhận kết quả điện tử ngay trên "
            "Cổng Dịch vụ công quốc gia.",
        ),
        photo="Người dân nộp hồ sơ trực tuyến tại bộ phận một cửa",
        source="TTXVN",
    ),
    DemoArticle(
        "Hội nghị toàn quốc về phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số",
        "Tin trong nước",
        "Hội nghị đánh giá kết quả thực hiện chương trình mục tiêu quốc gia và đề ra giải pháp thu hẹp "
        "khoảng cách giữa các vùng.",
        paragraphs(
            "Các đại biểu thống nhất cần ưu tiên nguồn lực cho hạ tầng thiết yếu, đào tạo nghề và hỗ trợ "
            "sinh kế bền vững cho đồng bào.",
            "Đại diện tỉnh Sơn La chia sẻ kinh nghiệm phát triển cây ăn quả trên đất dốc, giúp nhiều hộ "
            "đồng bào thoát nghèo.",
        ),
        photo="Đại biểu dự hội nghị toàn quốc tại Hà Nội",
        source="TTXVN",
    ),
    # Kinh tế
    DemoArticle(
        "Thu ngân sách nhà nước trên địa bàn tỉnh đạt khá so với dự toán",
        "Kinh tế",
        "Nhiều khoản thu lớn đạt và vượt tiến độ; cơ quan thuế đẩy mạnh hóa đơn điện tử và thu hồi nợ "
        "đọng thuế.",
        paragraphs(
            "Tổng thu ngân sách nhà nước trên địa bàn tỉnh ước đạt trên 85% dự toán, tăng so với cùng kỳ "
            "năm trước.",
            "Các khoản thu từ doanh nghiệp nhà nước, thu từ khu vực ngoài quốc doanh và thu tiền sử dụng đất "
            "đều tăng khá.",
            "Cơ quan thuế tiếp tục hướng dẫn hộ kinh doanh sử dụng hóa đơn điện tử khởi tạo từ máy tính "
            "tiền, bảo đảm thu đúng, thu đủ.",
        ),
        photo="Người nộp thuế làm thủ tục tại cơ quan thuế",
        byline="Minh Hằng",
    ),
    DemoArticle(
        "Sơn La thu hút thêm 5 dự án đầu tư vào khu công nghiệp Mai Sơn",
        "Kinh tế",
        "Các dự án chế biến nông sản, sản xuất bao bì và kho lạnh có tổng vốn đăng ký hơn 1.200 tỷ đồng, "
        "dự kiến tạo việc làm cho khoảng 1.500 lao động.",
        "<p>Ban Quản lý các khu công nghiệp tỉnh cho biết đã trao quyết định chủ trương đầu tư cho "
        "<strong>5 dự án mới</strong> tại Khu công nghiệp Mai Sơn.</p>"
        "<h2>Ưu tiên chế biến sâu nông sản</h2>"
        "<p>Phần lớn các dự án tập trung vào chế biến sâu hoa quả, cà phê và rau, tận dụng vùng nguyên "
        "liệu lớn của tỉnh. Một dự án kho lạnh giúp kéo dài thời gian bảo quản xoài, nhãn, mận để xuất "
        "khẩu.</p>"
        "<ul>"
        "<li>Nhà máy chế biến hoa quả sấy và nước ép;</li>"
        "<li>Nhà máy rang xay cà phê Arabica;</li>"
        "<li>Hệ thống kho lạnh và trung tâm logistics nông sản.</li>"
        "</ul>"
        "<p>Tỉnh cam kết đồng hành, giải quyết thủ tục nhanh nhất cho nhà đầu tư.</p>",
        photo="Một góc Khu công nghiệp Mai Sơn",
        byline="Hoàng Anh",
        featured=True,
    ),
    DemoArticle(
        "Doanh nghiệp nhỏ và vừa được hỗ trợ chuyển đổi số, mở rộng thị trường",
        "Kinh tế",
        "Chương trình hỗ trợ giúp doanh nghiệp đưa sản phẩm lên sàn thương mại điện tử, dùng phần mềm kế "
        "toán và hóa đơn điện tử.",
        paragraphs(
            "Sở Công Thương phối hợp với các nền tảng thương mại điện tử tập huấn cho hơn 200 doanh nghiệp, "
            "hợp tác xã về cách chụp ảnh, viết mô tả và bán hàng trực tuyến.",
            "Nhiều sản phẩm như chè, cà phê, mật ong, thịt trâu gác bếp đã có mặt trên các sàn lớn và được "
            "khách hàng cả nước đặt mua.",
        ),
        photo="Doanh nghiệp giới thiệu sản phẩm trên sàn thương mại điện tử",
    ),
    # Nông nghiệp
    DemoArticle(
        "Xoài Sơn La xuất khẩu sang thị trường Úc, Mỹ",
        "Nông nghiệp",
        "Nhờ vùng trồng được cấp mã số và quy trình sản xuất đạt chuẩn, xoài Sơn La đã vào được những thị "
        "trường khó tính nhất.",
        paragraphs(
            "Năm nay, sản lượng xoài của tỉnh ước đạt hơn 100.000 tấn; nhiều lô xoài đã được chiếu xạ và "
            "xuất khẩu sang Úc, Mỹ.",
            "Các hợp tác xã áp dụng quy trình VietGAP, bao trái, ghi chép nhật ký sản xuất để truy xuất "
            "nguồn gốc.",
            "Ngành nông nghiệp đề nghị nông dân tiếp tục giữ chất lượng, không chạy theo sản lượng, để giữ "
            "uy tín cho thương hiệu xoài Sơn La.",
        ),
        photo="Nông dân thu hoạch xoài tại Yên Châu",
        byline="Như Thuỷ",
        featured=True,
    ),
    DemoArticle(
        "Nông dân Mộc Châu thu hoạch chè vụ thu",
        "Nông nghiệp",
        "Giá chè búp tươi ổn định giúp người trồng chè trên cao nguyên yên tâm chăm sóc và mở rộng diện "
        "tích chè sạch.",
        paragraphs(
            "Những đồi chè xanh mướt trên cao nguyên Mộc Châu đang vào vụ thu hoạch. Mỗi ngày, các hộ thu "
            "hái từ 1 đến 2 tạ búp tươi.",
            "Các doanh nghiệp bao tiêu sản phẩm với giá ổn định, đặc biệt chè được chứng nhận hữu cơ có giá "
            "cao hơn từ 20 đến 30%.",
        ),
        photo="Người dân hái chè trên đồi chè Mộc Châu",
        byline="Thu Trang",
    ),
    DemoArticle(
        "Phát triển vùng trồng cà phê Arabica đạt chứng nhận bền vững",
        "Nông nghiệp",
        "Diện tích cà phê đạt chứng nhận bền vững tăng nhanh, giúp cà phê Sơn La bán được giá cao hơn.",
        paragraphs(
            "Sơn La hiện là một trong những vùng trồng cà phê Arabica lớn của cả nước.",
            "Người trồng cà phê được hướng dẫn thu hái quả chín, sơ chế ướt và phơi trên giàn để nâng cao "
            "chất lượng hạt.",
            "Một số hợp tác xã đã có sản phẩm cà phê đặc sản được chấm điểm cao tại các cuộc thi trong nước.",
        ),
        photo="Vườn cà phê Arabica vào mùa thu hoạch",
    ),
    DemoArticle(
        "Mở rộng diện tích cây ăn quả trên đất dốc theo hướng hữu cơ",
        "Nông nghiệp",
        "Chuyển đổi từ ngô, sắn sang cây ăn quả giúp giữ đất, chống xói mòn và tăng thu nhập cho người dân.",
        paragraphs(
            "Trên những sườn đồi trước đây chỉ trồng ngô, nay đã phủ xanh nhãn, xoài, mận, bơ.",
            "Người dân được hướng dẫn trồng theo đường đồng mức, trồng cỏ chống xói mòn và dùng phân hữu "
            "cơ vi sinh.",
        ),
        photo="Vườn nhãn, mận trên đất dốc trồng theo đường đồng mức",
        byline="Văn Ngọc",
    ),
    DemoArticle(
        "Bò sữa Mộc Châu: chuỗi giá trị khép kín từ trang trại đến bàn ăn",
        "Nông nghiệp",
        "Các hộ chăn nuôi liên kết với doanh nghiệp, được hỗ trợ giống, kỹ thuật và bao tiêu toàn bộ sản "
        "lượng sữa.",
        paragraphs(
            "Đàn bò sữa trên cao nguyên được chăm sóc theo quy trình hiện đại, sữa được vắt bằng máy và "
            "làm lạnh ngay tại trang trại.",
            "Nhờ liên kết chặt chẽ, nhiều hộ chăn nuôi có thu nhập hàng trăm triệu đồng mỗi năm.",
        ),
        photo="Đàn bò sữa tại một trang trại ở Mộc Châu",
    ),
    # Du lịch
    DemoArticle(
        "Cao nguyên Mộc Châu đón đông đảo du khách mùa hoa mận",
        "Du lịch",
        "Những rừng hoa mận trắng muốt cùng các lễ hội văn hóa đã thu hút hàng chục nghìn lượt khách đến "
        "Mộc Châu.",
        paragraphs(
            "Mùa hoa mận, các tuyến đường lên cao nguyên nhộn nhịp xe du lịch. Các homestay, khu nghỉ "
            "dưỡng đều kín phòng vào dịp cuối tuần.",
            "Chính quyền địa phương tăng cường kiểm tra giá dịch vụ, vệ sinh an toàn thực phẩm và bố trí "
            "điểm đỗ xe, bảo đảm an toàn giao thông.",
            "Du khách được khuyến cáo không bẻ cành hoa, không xả rác và tôn trọng vườn mận của người dân.",
        ),
        photo="Du khách chụp ảnh giữa rừng hoa mận trắng",
        byline="Minh Hằng",
        featured=True,
    ),
    DemoArticle(
        "Phát triển du lịch cộng đồng ở bản Áng, bản Hua Tạt",
        "Du lịch",
        "Người dân tự làm homestay, giữ nếp nhà truyền thống và đưa ẩm thực, nghề thủ công vào phục vụ du "
        "khách.",
        paragraphs(
            "Bản Hua Tạt của đồng bào Mông nổi tiếng với nghề rèn và dệt lanh; bản Áng của đồng bào Thái có "
            "rừng thông và hồ nước trong lành.",
            "Các hộ làm du lịch được tập huấn kỹ năng đón khách, nấu ăn và giới thiệu văn hóa của dân tộc "
            "mình.",
        ),
        photo="Homestay của đồng bào Mông ở bản Hua Tạt",
        byline="Hoàng Anh",
    ),
    DemoArticle(
        "Lòng hồ thủy điện Sơn La - điểm đến mới của du lịch sinh thái",
        "Du lịch",
        "Du lịch lòng hồ mở ra sinh kế mới cho người dân tái định cư, với các tour thuyền, câu cá và khám "
        "phá đảo nhỏ giữa hồ.",
        paragraphs(
            "Mặt hồ rộng hàng trăm km² bao quanh bởi núi non hùng vĩ là tiềm năng lớn cho du lịch sinh thái.",
            "Tỉnh đang kêu gọi đầu tư bến thuyền, điểm dừng chân và quảng bá sản phẩm du lịch gắn với nuôi "
            "cá lồng của người dân.",
        ),
        photo="Thuyền du lịch trên lòng hồ thủy điện Sơn La",
    ),
    # Văn hóa - Xã hội
    DemoArticle(
        "Đặc sắc Lễ hội Hoa Ban tỉnh Sơn La",
        "Văn hóa - Xã hội",
        "Lễ hội tôn vinh vẻ đẹp của hoa ban và bản sắc văn hóa các dân tộc, với màn xòe đoàn kết của hàng "
        "nghìn người.",
        "<p>Lễ hội Hoa Ban là dịp để đồng bào các dân tộc tỉnh Sơn La giới thiệu <strong>nét đẹp văn hóa "
        "truyền thống</strong> với du khách trong và ngoài nước.</p>"
        "<h2>Nhiều hoạt động hấp dẫn</h2>"
        "<ul>"
        "<li>Thi người đẹp Hoa Ban và trình diễn trang phục dân tộc;</li>"
        "<li>Hội chợ sản phẩm OCOP, ẩm thực vùng cao;</li>"
        "<li>Thi đấu các môn thể thao dân tộc: đẩy gậy, kéo co, ném còn.</li>"
        "</ul>"
        "<p>Khép lại lễ hội là màn xòe đoàn kết với hàng nghìn người dân và du khách cùng nắm tay quanh "
        "đống lửa.</p>",
        photo="Màn trình diễn xòe Thái tại Lễ hội Hoa Ban",
        byline="Như Thuỷ",
        featured=True,
    ),
    DemoArticle(
        "Bảo tồn nghệ thuật Xòe Thái gắn với phát triển du lịch",
        "Văn hóa - Xã hội",
        "Các câu lạc bộ xòe ở bản được duy trì thường xuyên; nghệ nhân truyền dạy các điệu xòe cổ cho thế "
        "hệ trẻ.",
        paragraphs(
            "Nghệ thuật Xòe Thái đã được UNESCO ghi danh là di sản văn hóa phi vật thể đại diện của nhân "
            "loại.",
            "Nhiều bản đã đưa xòe vào phục vụ du khách, vừa giữ gìn di sản vừa tăng thu nhập cho người dân.",
        ),
        photo="Các nghệ nhân truyền dạy điệu xòe cho thế hệ trẻ",
        byline="Thu Trang",
    ),
    DemoArticle(
        "Học sinh vùng cao bước vào năm học mới với nhiều đổi mới",
        "Văn hóa - Xã hội",
        "Các trường học được sửa chữa, bổ sung phòng học và nhà bán trú, bảo đảm học sinh vùng cao có nơi "
        "ăn, ở an toàn.",
        paragraphs(
            "Ngành giáo dục đã chuẩn bị đủ sách giáo khoa, đồ dùng học tập và bố trí giáo viên cho các điểm "
            "trường lẻ.",
            "Các trường phổ thông dân tộc bán trú tổ chức bữa ăn đủ dinh dưỡng, có giáo viên trông nom học "
            "sinh buổi tối.",
        ),
        photo="Học sinh trường phổ thông dân tộc bán trú trong giờ học",
    ),
    DemoArticle(
        "Bệnh viện Đa khoa tỉnh đẩy mạnh khám chữa bệnh bằng thẻ căn cước",
        "Văn hóa - Xã hội",
        "Người bệnh chỉ cần xuất trình thẻ căn cước hoặc ứng dụng định danh điện tử thay cho thẻ bảo hiểm y "
        "tế giấy.",
        paragraphs(
            "Việc dùng thẻ căn cước giúp rút ngắn thời gian làm thủ tục, giảm giấy tờ cho người bệnh.",
            "Bệnh viện cũng triển khai thanh toán không dùng tiền mặt và sổ sức khỏe điện tử.",
        ),
        photo="Người bệnh làm thủ tục khám bằng thẻ căn cước",
        byline="Quang Huy",
    ),
    DemoArticle(
        "Trao 200 suất học bổng cho học sinh nghèo vượt khó",
        "Văn hóa - Xã hội",
        "Mỗi suất học bổng trị giá 2 triệu đồng, dành cho học sinh có hoàn cảnh khó khăn, học tập tốt ở các "
        "xã vùng cao.",
        paragraphs(
            "Chương trình do Quỹ Khuyến học tỉnh phối hợp với các nhà tài trợ tổ chức.",
            "Nhiều em đã vượt qua hoàn cảnh mồ côi, bệnh tật để đạt thành tích cao trong học tập.",
        ),
        photo="Đại diện nhà tài trợ trao học bổng cho học sinh",
    ),
    DemoArticle(
        "Sôi nổi Đại hội Thể dục thể thao các dân tộc tỉnh Sơn La",
        "Văn hóa - Xã hội",
        "Hơn 1.000 vận động viên tranh tài ở 8 môn thể thao, trong đó có nhiều môn thể thao truyền thống "
        "của đồng bào các dân tộc.",
        paragraphs(
            "Đại hội thu hút hơn 1.000 vận động viên đến từ các xã, phường trong tỉnh.",
            "Các môn thi đấu gồm bóng chuyền, điền kinh, đẩy gậy, kéo co, bắn nỏ và ném còn.",
        ),
        photo="Vận động viên thi đấu đẩy gậy tại đại hội",
        state="draft",
    ),
    # Nông thôn mới
    DemoArticle(
        "Sơn La có thêm 8 xã đạt chuẩn nông thôn mới",
        "Nông thôn mới",
        "UBND tỉnh đã quyết định công nhận thêm 8 xã đạt chuẩn nông thôn mới, nâng tổng số xã đạt chuẩn "
        "của tỉnh lên gần một nửa số xã.",
        "<p>Các xã được công nhận đều đạt đủ 19 tiêu chí, trong đó <strong>tiêu chí thu nhập và hộ "
        "nghèo</strong> được thẩm định chặt chẽ.</p>"
        '<figure class="table"><table>'
        "<thead><tr><th>Xã</th><th>Số tiêu chí đạt</th>"
        "<th>Thu nhập bình quân (triệu đồng/người/năm)</th><th>Tỷ lệ hộ nghèo (%)</th></tr></thead>"
        "<tbody>"
        "<tr><td>Chiềng Mai</td><td>19/19</td><td>52,4</td><td>2,8</td></tr>"
        "<tr><td>Mường Bú</td><td>19/19</td><td>49,1</td><td>3,5</td></tr>"
        "<tr><td>Tô Múa</td><td>19/19</td><td>47,6</td><td>4,2</td></tr>"
        "<tr><td>Chiềng Hặc</td><td>19/19</td><td>50,3</td><td>3,1</td></tr>"
        "<tr><td>Phiêng Pằn</td><td>19/19</td><td>46,8</td><td>4,6</td></tr>"
        "<tr><td>Mường Giàng</td><td>19/19</td><td>48,2</td><td>3,9</td></tr>"
        "<tr><td>Tân Lang</td><td>19/19</td><td>51,0</td><td>2,9</td></tr>"
        "<tr><td>Chiềng Khương</td><td>19/19</td><td>53,7</td><td>2,4</td></tr>"
        "</tbody></table></figure>"
        "<p>Văn phòng Điều phối nông thôn mới tỉnh đề nghị các xã tiếp tục duy trì, nâng cao chất lượng "
        "các tiêu chí, hướng tới nông thôn mới nâng cao.</p>",
        photo="Đường bê tông liên bản tại một xã nông thôn mới",
        byline="Văn Ngọc",
    ),
    DemoArticle(
        "Đường giao thông nông thôn thay đổi diện mạo bản làng vùng cao",
        "Nông thôn mới",
        "Với phương châm “Nhà nước và nhân dân cùng làm”, hàng trăm km đường bê tông đã về tới các bản.",
        paragraphs(
            "Nhà nước hỗ trợ xi măng, người dân góp cát, đá, ngày công và hiến đất làm đường.",
            "Đường tốt giúp nông sản ra chợ thuận lợi, học sinh đến trường an toàn hơn trong mùa mưa.",
        ),
        photo="Người dân góp công làm đường bê tông vào bản",
        byline="Như Thuỷ",
    ),
    DemoArticle(
        "Chương trình OCOP: nâng tầm đặc sản địa phương",
        "Nông thôn mới",
        "Nhiều sản phẩm OCOP của Sơn La đạt 4 sao, có mặt ở siêu thị và sàn thương mại điện tử.",
        paragraphs(
            "Các chủ thể OCOP được hỗ trợ thiết kế bao bì, đăng ký nhãn hiệu và tham gia hội chợ xúc tiến "
            "thương mại.",
            "Những sản phẩm tiêu biểu gồm chè Shan tuyết, cà phê Arabica, mận hậu sấy dẻo, măng khô và thịt "
            "trâu gác bếp.",
        ),
        photo="Sản phẩm OCOP của Sơn La tại hội chợ",
        byline="Hoàng Anh",
    ),
    DemoArticle(
        "Xã Chiềng Hặc huy động sức dân xây dựng nông thôn mới nâng cao",
        "Nông thôn mới",
        "Người dân đã hiến hàng nghìn m² đất, góp hàng nghìn ngày công để làm đường, xây nhà văn hóa bản.",
        paragraphs(
            "Cấp ủy, chính quyền xã Chiềng Hặc coi phát huy vai trò chủ thể của người dân là yếu tố quyết "
            "định.",
            "Mọi công trình đều được bàn bạc công khai ở bản; người dân giám sát chất lượng thi công.",
        ),
        photo="Nhà văn hóa bản do người dân góp công xây dựng",
    ),
    DemoArticle(
        "Phong trào “Ngày Chủ nhật xanh” lan tỏa khắp các bản",
        "Nông thôn mới",
        "Mỗi sáng Chủ nhật, đoàn viên, hội viên và người dân cùng dọn vệ sinh, trồng hoa, trồng cây xanh "
        "ven đường.",
        paragraphs(
            "Phong trào giúp đường làng, ngõ xóm sạch đẹp hơn và nâng cao ý thức bảo vệ môi trường.",
            "Nhiều bản đã làm được tuyến đường hoa, điểm thu gom rác và bể chứa vỏ bao bì thuốc bảo vệ thực "
            "vật.",
        ),
        photo="Đoàn viên thanh niên dọn vệ sinh đường làng",
        byline="Thu Trang",
    ),
    # Thông báo
    DemoArticle(
        "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh",
        "Thông báo",
        "Chủ tịch UBND tỉnh tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở Tiếp công dân tỉnh.",
        paragraphs(
            "Thời gian: buổi sáng từ 7 giờ 30, buổi chiều từ 13 giờ 30. Trường hợp trùng ngày nghỉ, lịch "
            "tiếp được chuyển sang ngày làm việc tiếp theo.",
            "Công dân đến trình bày cần mang theo thẻ căn cước và giấy tờ liên quan đến nội dung khiếu nại, "
            "tố cáo, kiến nghị, phản ánh.",
        ),
        source="Văn phòng UBND tỉnh",
        byline="Văn phòng UBND tỉnh",
    ),
    DemoArticle(
        "Thông báo tuyển dụng viên chức sự nghiệp giáo dục",
        "Thông báo",
        "Sở Giáo dục và Đào tạo thông báo tuyển dụng viên chức giảng dạy tại các trường trung học phổ "
        "thông trực thuộc.",
        paragraphs(
            "Thí sinh nộp phiếu đăng ký dự tuyển trực tiếp hoặc qua dịch vụ bưu chính trong thời hạn 30 "
            "ngày kể từ ngày đăng thông báo.",
            "Chi tiết chỉ tiêu, điều kiện dự tuyển và mẫu phiếu đăng ký xem tại trang thông tin điện tử của "
            "Sở Giáo dục và Đào tạo.",
        ),
        source="Sở Giáo dục và Đào tạo",
        byline="Sở Giáo dục và Đào tạo",
    ),
    DemoArticle(
        "Thông báo lựa chọn tổ chức đấu giá tài sản",
        "Thông báo",
        "Sở Tài chính thông báo lựa chọn tổ chức hành nghề đấu giá tài sản là xe ô tô, máy móc đã qua "
        "sử dụng.",
        paragraphs(
            "Tổ chức đấu giá đáp ứng tiêu chí theo quy định nộp hồ sơ đăng ký tham gia tại Sở Tài chính "
            "trong giờ hành chính.",
            "Hồ sơ gồm: đơn đăng ký, bản sao giấy đăng ký hoạt động, phương án đấu giá và năng lực, kinh "
            "nghiệm của tổ chức.",
        ),
        decorative=True,
        source="Sở Tài chính",
        byline="Sở Tài chính",
    ),
    DemoArticle(
        "Thông báo tạm ngừng hệ thống dịch vụ công trực tuyến để nâng cấp",
        "Thông báo",
        "Hệ thống dịch vụ công trực tuyến của tỉnh tạm ngừng hoạt động từ 22 giờ thứ Bảy đến 6 giờ sáng "
        "Chủ nhật để nâng cấp.",
        paragraphs(
            "Trong thời gian này, người dân và doanh nghiệp chưa nộp được hồ sơ trực tuyến. Hồ sơ đã nộp "
            "vẫn được giải quyết bình thường.",
            "Trung tâm Phục vụ hành chính công tỉnh xin lỗi vì sự bất tiện này.",
        ),
        photo="Giao diện Cổng dịch vụ công của tỉnh",
        source="Trung tâm Phục vụ hành chính công tỉnh",
        byline="Trung tâm Phục vụ hành chính công",
        state="scheduled",
    ),
]


def load(*, stdout, verbosity, dry_run):
    """Create the demo categories and articles that are missing; return a one-line summary."""
    categories, categories_created = _categories_load(stdout, verbosity)
    articles_created, articles_existing = _articles_load(categories, stdout, verbosity)
    if not categories_created and not articles_created:
        return f"nothing new ({len(categories)} categories and {articles_existing} articles already there)"
    return (
        f"{categories_created} categories and {articles_created} articles created, "
        f"{articles_existing} articles already there"
    )


def _categories_load(stdout, verbosity):
    """{name: (Category, colour)} for every demo category, and how many of them were created."""
    categories, created_count = {}, 0
    for order, (name, parent_name, description, colour) in enumerate(CATEGORIES, start=1):
        category, created = Category.objects.get_or_create(
            slug=slugify_vi(name, max_length=140),
            defaults={
                "name": name,
                "parent": categories[parent_name][0] if parent_name else None,
                "order": order * 10,
                "description": description,
            },
        )
        categories[name] = (category, colour)
        created_count += created
        if created and verbosity >= 2:
            stdout.write(f"  + category {category}")
    return categories, created_count


def _articles_load(categories, stdout, verbosity):
    slugs = {demo.title: slugify_vi(demo.title, max_length=192) for demo in ARTICLES}
    # An article renamed in the admin keeps its old slug in the history: it is still "there".
    taken = set(Article.objects.filter(slug__in=slugs.values()).values_list("slug", flat=True))
    taken |= set(ArticleSlugHistory.objects.filter(slug__in=slugs.values()).values_list("slug", flat=True))
    if verbosity >= 2:
        for demo in ARTICLES:
            if slugs[demo.title] in taken:
                stdout.write(f"  = article exists: {demo.title}")
    if len(taken) == len(ARTICLES):
        return 0, len(ARTICLES)

    author = get_user_model().objects.filter(username=JOURNALIST).first()
    now = timezone.now()
    # Publish times spread evenly over the last 60 days, in an order that mixes the categories.
    order = sorted(ARTICLES, key=lambda demo: stable_number(slugs[demo.title], 0, 2**31))
    days_ago = {demo.title: index * PUBLISHED_OVER_DAYS // len(ARTICLES) for index, demo in enumerate(order)}
    created = 0
    for index, demo in enumerate(ARTICLES):
        slug = slugs[demo.title]
        if slug in taken:
            continue
        category, colour = categories[demo.category]
        article = Article(
            title=demo.title,
            slug=slug,
            category=category,
            summary=demo.summary,
            body=demo.body,
            byline=demo.byline or BYLINES[index % len(BYLINES)],
            source=demo.source or SOURCES[index % len(SOURCES)],
            featured=demo.featured,
            status=Article.Status.DRAFT if demo.state == "draft" else Article.Status.PUBLISHED,
            created_by=author,
        )
        if demo.state == "public":
            # Office hours, local time; an article of today whose hour has not come yet is yesterday's.
            day = timezone.localtime(now) - timedelta(days=days_ago[demo.title])
            published_at = day.replace(
                hour=stable_number(f"{slug}-hour", 7, 20),
                minute=stable_number(f"{slug}-minute", 0, 59),
                second=0,
                microsecond=0,
            )
            if published_at > now:
                published_at -= timedelta(days=1)
            article.published_at = published_at
            article.view_count = stable_number(f"{slug}-views", 50, 5000)
        elif demo.state == "scheduled":
            day = timezone.localtime(now) + timedelta(days=2)
            article.published_at = day.replace(hour=7, minute=30, second=0, microsecond=0)
        else:
            article.published_at = now - timedelta(hours=stable_number(slug, 1, 30))
        if demo.photo or demo.decorative:
            _cover_attach(article, demo, category, colour)
        # Demo content must pass the checks an editor's would, except the cover: it is ours.
        article.full_clean(exclude=["cover"])
        article.save()
        if article.cover:
            file_stored(article.cover.name)
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + article [{demo.state}] {article.title}")
    return created, len(ARTICLES) - created


def _cover_attach(article, demo, category, colour):
    slug = article.slug
    if demo.decorative:
        data = picture_jpeg(colour=colour, seed=slug)
    else:
        data = picture_jpeg(colour=colour, title=category.name, subtitle=demo.photo, seed=slug)
        article.cover_alt = f"Ảnh minh họa chuyên mục {category.name}: {demo.photo}"
        article.cover_caption = f"{demo.photo}. (Ảnh minh họa)"
    article.cover_decorative = demo.decorative
    # Article.save() re-encodes the picture and stores it under a random name.
    article.cover = ContentFile(data, name="cover.jpg")
