"""Demo images drawn locally with Pillow (no downloads), each with alternative text."""

import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from core.models import CustomImage

PALETTE = [(11, 79, 138), (0, 105, 92), (142, 36, 86), (191, 87, 0), (55, 71, 79), (46, 125, 50)]


def demo_image(title, alt_text, width=1200, height=675, alt_texts=None):
    """The image with this title, drawn once: a calm abstract picture (gradient, circles, skyline).
    `alt_texts`: its alternative text in other languages ({"en": "…"})."""
    existing = CustomImage.objects.filter(title=title).first()
    if existing:
        return existing
    seed = int(hashlib.sha256(title.encode()).hexdigest(), 16)
    base = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # vertical gradient towards a lighter shade
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c + (255 - c) * 0.35 * t) for c in base))
    for i in range(5):
        r = 60 + (seed >> (i * 7)) % 160
        x = (seed >> (i * 11)) % width
        y = (seed >> (i * 13)) % (height // 2)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=3)
    # A stylised skyline of Lübeck's church spires.
    ground = int(height * 0.8)
    for i, x in enumerate(range(0, width, width // 12)):
        h = 80 + ((seed >> i) % 120)
        draw.rectangle([x + 10, ground - h, x + width // 12 - 10, ground], fill=(255, 255, 255))
        if i % 3 == 0:
            mid = x + width // 24
            draw.polygon([(x + 10, ground - h), (mid, ground - h - 140), (x + width // 12 - 10, ground - h)],
                         fill=(255, 255, 255))
    draw.rectangle([0, ground, width, height], fill=tuple(max(0, c - 40) for c in base))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    slug = hashlib.sha1(title.encode()).hexdigest()[:10]  # noqa: S324 - a file name, not security
    return CustomImage.objects.create(
        title=title, alt_text=alt_text, alt_texts=alt_texts or {}, credit="Mitgestalten Demo",
        file=ImageFile(buffer, name=f"demo-{slug}.jpg"),
    )
