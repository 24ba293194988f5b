"""The letter page served by a running bot, and a real browser to use it.

`serve_web` starts the bot with WEB_LISTEN on a free port and yields the pages' base URL.
`chromium` opens Debian's headless Chromium through its chromedriver, phone- or desktop-
sized, and skips the test (naming the packages) where they are not installed. Selenium is
synchronous and the bot runs on the test's event loop, so the browser is driven from a
worker thread (`asyncio.to_thread`): a blocking call on the loop would stall the very
server the browser is waiting for. Screenshots go to FIRSTHAND_ARTIFACTS, default
`test-artifacts/` at the repository root.
"""

from __future__ import annotations

import asyncio
import base64
import io
import os
import shutil
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import Clock, RunningBot, StartBot

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = (390, 844)
DESKTOP = (1280, 900)
PAGE_TIMEOUT = 30.0


@dataclass
class WebBot:
    bot: RunningBot
    url: str  # the pages' base, e.g. http://127.0.0.1:40123


def free_port() -> int:
    """A port nobody listens on now (the system's pick; a race is possible but rare)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _listening(port: int, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if loop.time() >= deadline:
                raise AssertionError(f"nothing listens on port {port}") from None
            await asyncio.sleep(0.02)
            continue
        writer.close()
        await writer.wait_closed()
        return


@asynccontextmanager
async def serve_web(
    start_bot: StartBot, clock: Clock | None = None, **env: Any
) -> AsyncIterator[WebBot]:
    """The bot with its web pages on a free local port (WEB_LISTEN)."""
    port = free_port()
    bot = await start_bot(clock, WEB_LISTEN=f"127.0.0.1:{port}", **env)
    await _listening(port)
    yield WebBot(bot, f"http://127.0.0.1:{port}")


def artifacts() -> Path:
    """Where screenshots are kept for people to look at after the run."""
    path = Path(os.environ.get("FIRSTHAND_ARTIFACTS") or ROOT / "test-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def photo_file(directory: Path, name: str = "counter.jpg") -> Path:
    """A real JPEG, as a phone would send: a small picture of a shop counter, roughly."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (214, 204, 186))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 260, 580, 420), fill=(120, 86, 60))
    draw.rectangle((100, 120, 300, 260), fill=(70, 110, 150))
    draw.ellipse((380, 150, 470, 240), fill=(200, 60, 50))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    path = directory / name
    path.write_bytes(buffer.getvalue())
    return path


def _require_browser() -> None:
    missing = [
        package
        for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver"))
        if not (Path(path).exists() or shutil.which(Path(path).name))
    ]
    if missing:
        pytest.skip(f"no headless browser: apt-get install {' '.join(missing)}")


def _open(size: tuple[int, int], phone: bool) -> WebDriver:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--lang=ru-RU",
        f"--window-size={size[0]},{size[1]}",
    ):
        options.add_argument(argument)
    if phone:
        metrics = {"width": size[0], "height": size[1], "pixelRatio": 2, "touch": True}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    service = Service(executable_path=shutil.which("chromedriver") or CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(PAGE_TIMEOUT)
    return driver


def _quit(driver: WebDriver) -> None:
    with suppress(Exception):
        driver.quit()


@asynccontextmanager
async def chromium(size: tuple[int, int], *, phone: bool = False) -> AsyncIterator[WebDriver]:
    """One headless Chromium per test (tests under xdist never share one), started and
    quit in a worker thread like every other browser call. `phone` emulates a phone's
    screen (its viewport meta, touch, device pixel ratio) at `size`."""
    _require_browser()
    driver = await asyncio.to_thread(_open, size, phone)
    try:
        yield driver
    finally:
        await asyncio.to_thread(_quit, driver)


def full_screenshot(driver: WebDriver, path: Path) -> Path:
    """The whole page, not only what fits the window: a phone's form is taller than its
    screen, and the screenshot is for people checking how all of it looks."""
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    return path
