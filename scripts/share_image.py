"""Draw theme/assets/share.png, the 1200×630 image chat apps show when a page is shared.

Run once by hand when the design changes (`.venv/bin/python scripts/share_image.py`);
the PNG is committed, so builds need no fonts. Exemplar pages use their photo instead.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"  # covers Vietnamese
OUT = Path(__file__).resolve().parent.parent / "theme" / "assets" / "share.png"
RED, DARK, GOLD, WHITE = (164, 22, 26), (127, 0, 0), (255, 205, 0), (255, 255, 255)


def star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def main() -> None:
    image = Image.new("RGB", (1200, 630), RED)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 630), fill=DARK)
    draw.polygon(star(190, 300, 120), fill=GOLD)
    big, small = ImageFont.truetype(FONT, 68), ImageFont.truetype(FONT, 38)
    draw.text((360, 200), "Phong trào thi đua", font=big, fill=WHITE)
    draw.text((360, 310), "Điển hình tiên tiến · Kết quả", font=small, fill=GOLD)
    draw.text((360, 370), "Cổng thông tin công khai", font=small, fill=WHITE)
    image.save(OUT, optimize=True)


if __name__ == "__main__":
    main()
