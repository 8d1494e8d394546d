"""Draws the app icon into assets/icons (PNG, Windows .ico, macOS .icns) with Pillow: a teal folder with
a white padlock, the same picture evidence_kit.gui.app.app_icon() paints at run time.
Run: python tools/make_icon.py"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "assets" / "icons"
TEAL = (0x2F, 0x6F, 0x73, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int = 1024) -> Image.Image:
    k = size / 64  # drawn on a 64-unit grid
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    box = lambda x, y, w, h: [x * k, y * k, (x + w) * k, (y + h) * k]  # noqa: E731
    d.rounded_rectangle(box(4, 8, 24, 12), radius=4 * k, fill=TEAL, corners=(True, True, False, False))  # tab
    d.rounded_rectangle(box(4, 14, 56, 42), radius=6 * k, fill=TEAL)
    d.arc(box(25, 22, 14, 18), 180, 360, fill=WHITE, width=round(3.5 * k))  # the lock's shackle
    d.rounded_rectangle(box(22, 32, 20, 16), radius=3 * k, fill=WHITE)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.LANCZOS).save(OUT / "evidence-kit.png")
    big.save(OUT / "evidence-kit.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.save(OUT / "evidence-kit.icns")


if __name__ == "__main__":
    main()
