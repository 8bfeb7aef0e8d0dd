"""The page `portal serve` shows while the content has errors.

During a live preview an editor saves a half-finished file; stopping the server would
make them restart it, and a stale page would hide the mistake. The preview instead
replaces every page with this one: the same report the terminal prints, and a small
script that reloads as soon as the address serves a real page again. Self-contained
(inline style, no theme assets) because it is also served for every unknown address.
"""

from __future__ import annotations

import html

from builder.core.problems import Problem

MARKER = "portal-content-errors"

_STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.4rem;color:#a4161a}
ol{padding-left:1.5rem}li{margin:.6rem 0}
code{font:14px/1.4 ui-monospace,monospace;background:#f3f3f3;padding:.1rem .3rem;border-radius:3px;word-break:break-all}
"""

# Reload when this address serves something other than this page (the build is fixed).
_SCRIPT = f"""
setInterval(function(){{fetch(location.href,{{cache:"no-store"}}).then(function(r){{return r.text()}})
.then(function(t){{if(t.indexOf("{MARKER}")<0)location.reload()}}).catch(function(){{}})}},1500);
"""


def render_error_page(errors: list[Problem]) -> str:
    """A complete HTML page listing `errors`, each as the terminal prints it."""
    def item(problem: Problem) -> str:
        where = f"{problem.path}:{problem.line}:{problem.column}" if problem.line else problem.path
        text = problem.format()[len(where) + 2:]
        return f"<li><code>{html.escape(where)}</code> {html.escape(text)}</li>"

    items = "\n".join(item(p) for p in errors)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="{MARKER}" content="{len(errors)}">
<title>Nội dung có {len(errors)} lỗi — xem trước</title><style>{_STYLE}</style></head>
<body><main>
<h1>Nội dung có {len(errors)} lỗi: trang xem trước tạm dừng</h1>
<p>Sửa các chỗ dưới đây rồi lưu tệp; trang tự tải lại khi nội dung hợp lệ. Danh sách này cũng có trong cửa sổ
dòng lệnh đang chạy <code>portal serve</code>.</p>
<ol>
{items}
</ol>
</main><script>{_SCRIPT}</script></body></html>
"""
