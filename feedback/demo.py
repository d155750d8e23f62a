"""Demo feedback for `manage.py load_demo_data`: what readers of a provincial portal write.

Items are keyed on their reference code: one whose code exists is left alone, so a second run
creates nothing. Answers are signed by the demo administrator, created by the command beforehand.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from feedback.models import Feedback

ANSWERER = "admin"  # created by the command before any app loader runs
Status = Feedback.Status


@dataclass(frozen=True)
class DemoFeedback:
    code: str
    days_ago: int
    name: str
    email: str
    subject: str
    message: str
    status: str = Status.NEW
    phone: str = ""
    allow_publish: bool = False
    answer: str = ""
    answered_after_days: int = 0
    published: bool = False


ITEMS = [
    DemoFeedback(
        code="MAU26HDA",
        days_ago=24,
        name="Lò Văn Khánh",
        email="lovankhanh@example.com",
        phone="0912345678",
        subject="Thủ tục cấp đổi giấy phép lái xe hạng A1",
        message=(
            "Tôi có giấy phép lái xe hạng A1 cấp năm 2005, bằng giấy bìa.\n"
            "Xin hỏi tôi có bắt buộc phải đổi sang thẻ PET không, và nộp hồ sơ ở đâu?"
        ),
        status=Status.ANSWERED,
        allow_publish=True,
        answer=(
            "Giấy phép lái xe hạng A1 bằng giấy bìa không có thời hạn vẫn có giá trị sử dụng; việc "
            "đổi sang thẻ PET là khuyến khích, không bắt buộc.\n"
            "Ông có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia hoặc trực tiếp tại "
            "Trung tâm Phục vụ hành chính công tỉnh, số 8 đường Chu Văn Thịnh, thành phố Sơn La."
        ),
        answered_after_days=6,
        published=True,
    ),
    DemoFeedback(
        code="MAU26HDB",
        days_ago=20,
        name="Quàng Thị Hoa",
        email="quanghoa@example.com",
        subject="Hỗ trợ trồng cây ăn quả trên đất dốc",
        message=(
            "Gia đình tôi ở xã Chiềng Mung muốn chuyển 1,5 ha ngô trên đất dốc sang trồng xoài.\n"
            "Xin hỏi tỉnh có chính sách hỗ trợ cây giống không và cần chuẩn bị hồ sơ gì?"
        ),
        status=Status.ANSWERED,
        allow_publish=True,
        answer=(
            "Theo Nghị quyết của HĐND tỉnh về chính sách hỗ trợ phát triển nông nghiệp, hộ gia đình "
            "chuyển đổi cây trồng trên đất dốc sang cây ăn quả được hỗ trợ một phần kinh phí mua cây "
            "giống.\n"
            "Bà liên hệ UBND xã để đăng ký vào danh sách chuyển đổi; hồ sơ gồm đơn đề nghị và bản sao "
            "giấy chứng nhận quyền sử dụng đất."
        ),
        answered_after_days=9,
        published=True,
    ),
    DemoFeedback(
        code="MAU26HDC",
        days_ago=12,
        name="Nguyễn Minh Tuấn",
        email="minhtuan.nguyen@example.com",
        subject="Giờ tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công",
        message="Trung tâm có làm việc sáng thứ Bảy không? Tôi đi làm cả tuần nên khó sắp xếp.",
        status=Status.CLOSED,
        allow_publish=True,
        answer=(
            "Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ từ thứ Hai đến thứ Sáu và sáng "
            "thứ Bảy, từ 7 giờ 30 đến 11 giờ 30. Nhiều thủ tục cũng có thể nộp trực tuyến."
        ),
        answered_after_days=2,
        published=True,
    ),
    DemoFeedback(
        code="MAU26HDD",
        days_ago=9,
        name="Trần Thu Trang",
        email="thutrang@example.com",
        subject="Góp ý giao diện cổng thông tin trên điện thoại",
        message="Chữ trong bài viết hơi nhỏ khi đọc trên điện thoại. Mong cổng có nút phóng to chữ.",
        status=Status.ANSWERED,
        answer=(
            "Cảm ơn chị đã góp ý. Trang bài viết đã có nút chỉnh cỡ chữ (A−, A, A+) phía trên nội "
            "dung; lựa chọn của chị được ghi nhớ cho các lần đọc sau."
        ),
        answered_after_days=3,
    ),
    DemoFeedback(
        code="MAU26HDE",
        days_ago=30,
        name="Cầm Văn Sơn",
        email="camvanson@example.com",
        phone="0987654321",
        subject="Đề nghị lắp đèn chiếu sáng đường Tô Hiệu",
        message=(
            "Đoạn đường Tô Hiệu từ ngã ba cầu Trắng đến trường tiểu học không có đèn, buổi tối học "
            "sinh đi lại rất nguy hiểm. Đề nghị thành phố sớm lắp đèn chiếu sáng."
        ),
        allow_publish=True,
    ),
    DemoFeedback(
        code="MAU26HDF",
        days_ago=6,
        name="Hà Thị Mai",
        email="hamai@example.com",
        subject="Đường liên xã bị sạt lở sau mưa lớn",
        message=(
            "Sau trận mưa đêm qua, đường liên xã đoạn qua bản Hụm bị sạt lở một bên taluy dương, "
            "đất đá tràn xuống mặt đường. Xe máy vẫn đi được nhưng rất nguy hiểm."
        ),
        status=Status.IN_PROGRESS,
        phone="0211 385 2222",
    ),
    DemoFeedback(
        code="MAU26HDG",
        days_ago=2,
        name="Lường Văn Bình",
        email="luongbinh@example.com",
        subject="Tiếng ồn từ quán karaoke sau 22 giờ",
        message="Quán karaoke ở tổ 3 phường Chiềng Lề thường mở nhạc to đến nửa đêm, ảnh hưởng người dân.",
        allow_publish=True,
    ),
    DemoFeedback(
        code="MAU26HDH",
        days_ago=4,
        name="Khuyến mãi lớn",
        email="quangcao@example.com",
        subject="Vay tiền nhanh không cần thế chấp",
        message="Giải ngân trong 5 phút, lãi suất thấp. Liên hệ ngay!",
        status=Status.SPAM,
    ),
]


def load(*, stdout, verbosity, dry_run):
    existing = set(
        Feedback.objects.filter(code__in=[item.code for item in ITEMS]).values_list("code", flat=True)
    )
    answerer = get_user_model().objects.filter(username=ANSWERER).first()
    now = timezone.now()
    created = published = 0
    for item in ITEMS:
        if item.code in existing:
            if verbosity >= 2:
                stdout.write(f"  = feedback {item.code} exists, left as it is")
            continue
        received = now - timedelta(days=item.days_ago, hours=item.days_ago % 7)
        answered = item.answer and received + timedelta(days=item.answered_after_days)
        Feedback.objects.create(
            code=item.code,
            name=item.name,
            email=item.email,
            phone=item.phone.replace(" ", ""),
            subject=item.subject,
            message=item.message,
            allow_publish=item.allow_publish,
            consented_at=received,
            sender_hash=hashlib.sha256(f"demo:{item.code}".encode()).hexdigest(),
            received_at=received,
            status=item.status,
            assignee=answerer if item.status != Status.NEW else None,
            answer=item.answer,
            answered_by=answerer if item.answer else None,
            answered_at=answered or None,
            is_published=item.published,
        )
        created += 1
        published += item.published
        if verbosity >= 2:
            stdout.write(f"  + feedback {item.code}: {item.subject}")
    if not created:
        return f"nothing new ({len(existing)} feedback items already there)"
    return (
        f"{created} feedback items created ({published} published in the Q&A), {len(existing)} already there"
    )
