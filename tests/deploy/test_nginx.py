"""deploy/nginx/cong.conf, rendered with test values: `nginx -t` accepts it, and a real nginx serves by it.

The nginx runs on free loopback ports in front of a small recording server standing in for gunicorn,
with a self-signed certificate for cong.test. Only the listen lines differ from what an operator
installs (ports 80 and 443, IPv6 too).
"""

import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "cong.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # `make test` installs Debian's nginx-light
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
HOST = "cong.test"
SANDBOX = "default-src 'none'; sandbox"
PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render(**values):
    """The template with its {{ placeholders }} filled, as the README's sed command does it."""
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{ %s }}" % name, str(value))  # noqa: UP031 (braces are the placeholder)
    assert "{{" not in text, re.findall(r"\{\{ *\w+ *\}\}", text)
    return text


class Upstream(BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers with the headers and body size it received."""

    received = []

    def _answer(self):
        size = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(size)
        self.received.append((self.path, dict(self.headers), size))
        body = json.dumps({"path": self.path, "size": size}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


MODULES = Path("/usr/lib/nginx/modules")  # Debian's libnginx-mod-http-lua (and its ndk), see provision.sh


def site_write(base, app_address, **placeholders):
    """A self-signed certificate, the rendered site and Debian's nginx.conf in miniature, under `base`.

    Only the listen lines differ from what an operator installs; `placeholders` replace the test values.
    """
    certificate, key = base / "cert.pem", base / "key.pem"
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "2", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    http_port, https_port = free_port(), free_port()
    values = {
        "server_name": HOST,
        "tls_certificate": certificate,
        "tls_certificate_key": key,
        "acme_webroot": base / "acme",
        "static_root": base / "static",
        "media_root": base / "media",
        "app_address": app_address,
        "edge_cache": base / "cache",
        "lua_root": TEMPLATE.parent,
        "redis_host": "127.0.0.1",
        "redis_port": 6379,
        "redis_db": 0,
        **placeholders,
    }
    text = render(**values)
    text = re.sub(r"\n *listen \[::\]:\d+[^;]*;", "", text)  # this machine may have no IPv6
    text = text.replace("listen 80", f"listen 127.0.0.1:{http_port}")
    text = text.replace("listen 443", f"listen 127.0.0.1:{https_port}")
    (base / "cong.conf").write_text(text)
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (base / "temp" / folder).mkdir(parents=True)
    # Debian's nginx.conf in miniature: its modules (modules-enabled/), mime.types and the site inside
    # the http block.
    (base / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # workers must read the 0700 pytest folders
        + f"""
load_module {MODULES}/ndk_http_module.so;
load_module {MODULES}/ngx_http_lua_module.so;
pid {base}/nginx.pid;
error_log {base}/error.log;
worker_processes 1;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {base}/temp/body;
    proxy_temp_path {base}/temp/proxy;
    fastcgi_temp_path {base}/temp/fastcgi;
    uwsgi_temp_path {base}/temp/uwsgi;
    scgi_temp_path {base}/temp/scgi;
    include {base}/cong.conf;
}}
"""
    )
    return SimpleNamespace(
        base=base,
        command=[NGINX, "-p", str(base), "-c", str(base / "nginx.conf"), "-e", str(base / "error.log")],
        certificate=certificate,
        http_port=http_port,
        https_port=https_port,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("nginx")
    static, media = base / "static", base / "media"
    write(static / "css" / "site.css", b"body { color: #222; }")
    write(static / "css" / "site.0123456789ab.css", b"body { color: #222; }")
    write(media / "covers" / "anh.jpg", PAGE)  # a "JPEG" that is really a page: never run as one
    write(media / "videos" / "phu-de.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào\n".encode())
    write(media / "videos" / "clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32)
    for name, data in (("x.html", PAGE), ("x.svg", SVG), ("x.js", b"alert(1)"), (".htaccess", b"x")):
        write(media / "covers" / name, data)
        write(media / "documents" / "2026" / "12" / name, data)
    write(media / "documents" / "2026" / "12" / "van-ban.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    write(media / "documents" / "2026" / "12" / "phu-luc.docx", b"PK\x03\x04" + b"\x00" * 26)
    write(media / "covers" / "lac-cho.pdf", b"%PDF-1.7\n")  # a document's type outside its folder

    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    written = site_write(base, f"127.0.0.1:{upstream.server_port}")
    written.received = Upstream.received
    yield written
    upstream.shutdown()
    upstream.server_close()


@pytest.fixture(scope="module")
def nginx(site):
    process = subprocess.Popen([*site.command, "-g", "daemon off;"])
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", site.https_port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, (site.base / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not start listening"
            time.sleep(0.05)
    yield site
    process.terminate()
    process.wait(timeout=10)


def https(site, path, *, method="GET", body=None, headers=None, server_name=HOST):
    """One request over TLS with SNI (the default server refuses handshakes for other names)."""
    context = ssl.create_default_context(cafile=site.certificate)
    raw = socket.create_connection(("127.0.0.1", site.https_port), timeout=10)
    with context.wrap_socket(raw, server_hostname=server_name) as tls:
        connection = http.client.HTTPConnection(HOST)
        connection.sock = tls
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        response.content = response.read()
        connection.close()
        return response


def plain(site, path, host=HOST):
    connection = http.client.HTTPConnection("127.0.0.1", site.http_port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        response.content = response.read()
        return response
    finally:
        connection.close()


def test_nginx_accepts_the_rendered_site(site):
    result = subprocess.run([*site.command, "-t"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    assert "[warn]" not in result.stderr


@pytest.mark.parametrize("name", ["x.html", "x.svg", "x.js", ".htaccess", "missing.jpg"])
def test_media_never_serves_pages_svg_or_scripts(nginx, name):
    response = https(nginx, f"/media/covers/{name}")
    assert response.status == 404
    assert b"script" not in response.content and b"alert" not in response.content
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Content-Security-Policy") == SANDBOX


@pytest.mark.parametrize(
    "path",
    [f"/media/documents/2026/12/{name}" for name in ("x.html", "x.svg", "x.js", ".htaccess")]
    + ["/media/covers/lac-cho.pdf"],
)
def test_the_documents_folder_serves_only_document_types_and_they_only_from_it(nginx, path):
    response = https(nginx, path)
    assert response.status == 404
    assert b"script" not in response.content and b"alert" not in response.content


def test_a_documents_pdf_is_shown_inline_and_framed_only_by_our_pages(nginx):
    response = https(nginx, "/media/documents/2026/12/van-ban.pdf")
    assert response.status == 200
    assert response.getheader("Content-Type") == "application/pdf"
    assert response.getheader("Content-Disposition") is None
    assert response.getheader("X-Frame-Options") == "SAMEORIGIN"
    assert response.getheader("Content-Security-Policy") == f"{SANDBOX}; frame-ancestors 'self'"
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_a_documents_office_file_is_always_downloaded_with_its_type(nginx):
    response = https(nginx, "/media/documents/2026/12/phu-luc.docx")
    assert response.status == 200
    assert response.getheader("Content-Type") == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response.getheader("Content-Disposition") == "attachment"
    assert response.getheader("Content-Security-Policy") == SANDBOX


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/media/covers/anh.jpg", "image/jpeg"),
        ("/media/videos/phu-de.vtt", "text/vtt; charset=utf-8"),
        ("/media/videos/clip.mp4", "video/mp4"),
    ],
)
def test_media_has_its_fixed_type_no_sniffing_a_sandbox_and_a_month_of_cache(nginx, path, content_type):
    response = https(nginx, path)
    assert response.status == 200
    assert response.getheader("Content-Type") == content_type
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Content-Security-Policy") == SANDBOX
    assert response.getheader("Cache-Control") == "max-age=2592000"


def test_hashed_static_files_are_immutable_for_a_year_and_others_cached_an_hour(nginx):
    hashed = https(nginx, "/static/css/site.0123456789ab.css")
    assert hashed.status == 200
    assert hashed.getheader("Content-Type") == "text/css"
    assert hashed.headers.get_all("Cache-Control") == ["public, max-age=31536000, immutable"]
    assert hashed.getheader("X-Content-Type-Options") == "nosniff"
    plain_name = https(nginx, "/static/css/site.css")
    assert plain_name.headers.get_all("Cache-Control") == ["max-age=3600"]
    assert plain_name.getheader("X-Content-Type-Options") == "nosniff"


def test_plain_http_redirects_to_https(nginx):
    response = plain(nginx, "/bai-viet/son-la/?trang=2")
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/bai-viet/son-la/?trang=2"


def test_other_host_names_never_reach_the_portal(nginx):
    with pytest.raises(ssl.SSLError):
        https(nginx, "/", server_name="other.example")
    with pytest.raises(http.client.RemoteDisconnected):  # 444: the connection is closed unanswered
        plain(nginx, "/", host="203.0.113.7")


def test_the_app_gets_host_scheme_and_client_address(nginx):
    nginx.received.clear()
    response = https(nginx, "/bai-viet/son-la/", headers={"X-Forwarded-For": "198.51.100.9"})
    assert response.status == 200
    [(_, headers, _)] = nginx.received
    assert headers["Host"] == HOST
    assert headers["X-Forwarded-Proto"] == "https"
    # Appended: the portal reads the last hop nginx added, not what the client claimed.
    assert headers["X-Forwarded-For"] == "198.51.100.9, 127.0.0.1"


def test_request_bodies_are_small_except_admin_uploads(nginx):
    nginx.received.clear()
    three_megabytes = b"x" * (3 * 1024 * 1024)
    refused = https(nginx, "/gop-y/", method="POST", body=three_megabytes)
    assert refused.status == 413
    accepted = https(nginx, "/admin/frame/video/add/", method="POST", body=three_megabytes)
    assert accepted.status == 200
    assert [(path, size) for path, _, size in nginx.received] == [
        ("/admin/frame/video/add/", len(three_megabytes))
    ]


def statuses(site, path, times, *, method="GET"):
    return [
        https(site, path, method=method, body=b"" if method == "POST" else None).status for _ in range(times)
    ]


def test_the_rate_limit_zones_exist():
    text = TEMPLATE.read_text()
    assert "limit_req_zone $cong_feedback_post zone=cong_feedback_post:" in text
    assert "limit_req_zone $binary_remote_addr zone=cong_captcha_audio:" in text
    assert "limit_req_status 429;" in text


# Last in the module: they use up this address's allowance in both zones.
def test_feedback_posts_past_the_burst_get_429_while_reading_the_form_is_never_limited(nginx):
    nginx.received.clear()
    answered = statuses(nginx, "/gop-y/", 10, method="POST")
    assert answered[:6] == [200] * 6  # the burst of 5, and the first request itself
    assert set(answered[6:]) == {429}
    assert statuses(nginx, "/gop-y/", 10) == [200] * 10
    assert [path for path, _, _ in nginx.received].count("/gop-y/") == 6 + 10


def test_captcha_audio_past_the_burst_gets_429_and_other_captcha_files_are_not_limited(nginx):
    audio = "/gop-y/ma-kiem-tra/" + "ab" * 20 + ".wav"
    answered = statuses(nginx, audio, 10)
    assert answered[:6] == [200] * 6
    assert set(answered[6:]) == {429}
    assert statuses(nginx, "/gop-y/ma-kiem-tra/" + "ab" * 20 + ".png", 10) == [200] * 10
