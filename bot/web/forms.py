"""Reading a posted form within limits, whatever the server it runs in allows.

The multipart body is streamed part by part rather than handed to `request.post()`, which
would buffer it whole under the application's `client_max_size`: this way the pages keep
their own limits in the webhook's application too, a photo over PHOTO_LIMIT is read only as
far as needed to say so next to its field, and a body over BODY_LIMIT gets a 413 page
instead of filling memory. A urlencoded form (no photo) is read by aiohttp under
`client_max_size`, or URLENCODED_LIMIT when the server says more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import BodyPartReader, web

from bot.core.web_letters import PHOTO_LIMIT, Photo

# A body this large is still read through (and all of the photo past PHOTO_LIMIT thrown
# away), so that a phone's photo a few times too big gets its message next to the field,
# with the letter kept; a larger one is refused whole with a 413 page.
BODY_LIMIT = 4 * PHOTO_LIMIT + 1024 * 1024
# A urlencoded form carries no photo: aiohttp reads it whole, so the server's own
# application caps it at this (`client_max_size`).
URLENCODED_LIMIT = 256 * 1024
# Enough for any text field (4000 characters of four UTF-8 bytes each, and then some); a
# longer one is cut here and refused as too long by the rules.
FIELD_BYTES = 64 * 1024
MAX_PARTS = 32
CHUNK = 64 * 1024


class TooLarge(Exception):
    """The body is over BODY_LIMIT: answered with a 413 page, nothing stored."""


class Malformed(Exception):
    """Not a form our pages could have sent."""


@dataclass
class Posted:
    fields: dict[str, str] = field(default_factory=dict)
    photo: Photo | None = None


async def read_posted(
    request: web.Request, *, body_limit: int = BODY_LIMIT, photo_limit: int = PHOTO_LIMIT
) -> Posted:
    """The form's text fields (the first of each name) and its photo, if one was chosen."""
    if request.content_length is not None and request.content_length > body_limit:
        raise TooLarge
    if request.content_type == "multipart/form-data":
        try:
            return await _multipart(request, body_limit, photo_limit)
        except (ValueError, AssertionError, RuntimeError) as error:
            raise Malformed(type(error).__name__) from None
    if request.content_type == "application/x-www-form-urlencoded":
        if request.content_length is not None and request.content_length > URLENCODED_LIMIT:
            raise TooLarge
        try:
            data = await request.post()
        except web.HTTPRequestEntityTooLarge:
            raise TooLarge from None
        return Posted({k: v for k, v in data.items() if isinstance(v, str)})
    raise Malformed(request.content_type)


async def _multipart(request: web.Request, body_limit: int, photo_limit: int) -> Posted:
    posted = Posted()
    reader = await request.multipart()
    total = parts = 0
    while (part := await reader.next()) is not None:
        parts += 1
        if parts > MAX_PARTS:
            raise Malformed("too many parts")
        if not isinstance(part, BodyPartReader):
            raise Malformed("nested multipart")
        name = part.name or ""
        is_photo = name == "photo" and part.filename is not None and posted.photo is None
        keep = photo_limit if is_photo else FIELD_BYTES
        data = bytearray()
        over = False
        while chunk := await part.read_chunk(CHUNK):
            total += len(chunk)
            if total > body_limit:
                raise TooLarge
            if len(data) + len(chunk) <= keep:
                data.extend(chunk)
            elif not over:
                over = True
                if not is_photo:
                    data.extend(chunk[: keep - len(data)])
        if is_photo:
            if part.filename or data:  # a file input left empty sends an empty part
                posted.photo = Photo(part.filename or "", bytes(data), too_big=over)
        elif part.filename is None and name not in posted.fields:
            # our forms say accept-charset="utf-8"; a stray byte must not fail the letter
            posted.fields[name] = data.decode("utf-8", errors="replace")
    return posted
