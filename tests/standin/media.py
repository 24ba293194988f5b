"""The Message fields of the files people send the bot: photos, documents, voice notes and
stickers.

Why: a user writing to the bot and a client writing to a business owner send the same kinds of
file, and the bot must be able to resend each one by its ``file_id`` and download its bytes.
Building that content in one place stores every such file in the world's file store the same
way, whichever side of the stand-in injects it.
"""

from __future__ import annotations

from .state import JSON, StoredFile, World

#: The bytes of a photo when a test gives none: the start of a JPEG.
PHOTO_BYTES = b"\xff\xd8stand-in-jpeg"

#: The (width, height) Telegram delivers a photo in: a thumbnail and the full size.
PHOTO_SIZES: tuple[tuple[int, int], ...] = ((90, 67), (1280, 960))


def _ids(file: StoredFile) -> JSON:
    """The two ids every file object carries."""
    return {
        "file_id": file.file_id,
        "file_unique_id": file.unique_id,
    }


def photo_content(world: World, data: bytes = PHOTO_BYTES) -> JSON:
    """``photo``: one stored file per size, the largest last, as Telegram orders them."""
    sizes = []
    for width, height in PHOTO_SIZES:
        file = world.new_file("photo", data, None, "image/jpeg")
        sizes.append({**_ids(file), "width": width, "height": height, "file_size": len(data)})
    return {"photo": sizes}


def document_content(world: World, file_name: str, mime_type: str, data: bytes) -> JSON:
    """``document`` with its name and MIME type."""
    file = world.new_file("document", data, file_name, mime_type)
    document = {
        **_ids(file),
        "file_name": file_name,
        "mime_type": mime_type,
        "file_size": len(data),
    }
    return {"document": document}


def voice_content(world: World, duration: int, data: bytes = b"OggS-stand-in") -> JSON:
    """``voice``: an Ogg voice note of ``duration`` seconds."""
    file = world.new_file("voice", data, None, "audio/ogg")
    voice = {**_ids(file), "duration": duration, "mime_type": "audio/ogg", "file_size": len(data)}
    return {"voice": voice}


def sticker_content(world: World, emoji: str = "👍", data: bytes = b"RIFF-stand-in-webp") -> JSON:
    """``sticker``: a regular static 512x512 sticker."""
    file = world.new_file("sticker", data, None, "image/webp")
    sticker = {
        **_ids(file),
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": emoji,
        "file_size": len(data),
    }
    return {"sticker": sticker}


def with_caption(content: JSON, caption: str | None) -> JSON:
    """The content with ``caption`` added when there is one (Telegram omits an empty one)."""
    if caption:
        content["caption"] = caption
    return content
