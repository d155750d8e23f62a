"""Read an admin change form the way a browser would submit it: every field with its current value
(form_data); or the fields of a new article's add form (article_form).

Tests then change what a person would change and post the whole form back, CKEditor's textarea and
the inline management forms included.
"""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self.textarea = None
        self.select = None
        self.multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data[attrs["name"]] = attrs.get("value", "on")
                return
            self.data[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""
        elif tag == "select":
            self.select = attrs["name"]
            self.multiple = "multiple" in attrs
            # A browser sends nothing for a multiple select with nothing chosen, and each choice apart.
            if self.multiple:
                self.data.setdefault(self.select, [])
            else:
                self.data.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            if self.multiple:
                self.data[self.select].append(attrs.get("value", ""))
            else:
                self.data[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data.removeprefix("\n") if not self.data[self.textarea] else data


def form_data(response, form_id="article_form", **changes):
    assert response.status_code == 200, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.data, f"no form #{form_id} on the page"
    reader.data.update(changes)
    return reader.data


def article_form(category, **overrides):
    """What the admin's add form posts for a new article in `category`, with `overrides`."""
    data = {
        "title": "Đảng bộ tỉnh Sơn La",
        "slug": "",
        "category": category.pk,
        "summary": "Tóm tắt",
        "body": "<p>Nội dung <strong>đậm</strong><script>alert(1)</script></p>",
        "cover_alt": "",
        "cover_caption": "",
        "byline": "Như Thuỷ",
        "source": "",
        "published_at_0": "27/11/2030",
        "published_at_1": "08:30",
        "expires_at_0": "",
        "expires_at_1": "",
        "old_slugs-TOTAL_FORMS": "0",
        "old_slugs-INITIAL_FORMS": "0",
        "old_slugs-MIN_NUM_FORMS": "0",
        "old_slugs-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data
