"""HTTP plumbing of the stand-in: routes, request decoding, error payloads and the call log.

Why: aiogram talks to Telegram over HTTP with query-string, form, JSON and multipart bodies and
reads failures from the status code and the JSON error payload. This module turns a request into
typed parameters, dispatches it to a Bot API method handler, records it as an ``ApiCall`` and
turns an ``ApiError`` into the response Telegram would send - so the methods themselves deal
only in Python values and exceptions. It also serves file downloads.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from .state import JSON, ApiCall, StoredFile

#: Parameters that are strings in the Bot API; in form bodies they must not be JSON-decoded
#: (a complaint whose text is ``123`` or ``true`` is still text).
STRING_FIELDS: frozenset[str] = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "action",
        "description",
        "short_description",
        "name",
        "language_code",
        "file_id",
        "business_connection_id",
        "secret_token",
        "ip_address",
        "title",
        "emoji",
        "photo",
        "document",
        "voice",
        "audio",
        "video",
        "animation",
        "sticker",
        "thumbnail",
        "message_effect_id",
    }
)

#: Parameters holding JSON objects/arrays; a JSON body may still carry them as strings.
OBJECT_FIELDS: frozenset[str] = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "scope",
        "entities",
        "caption_entities",
        "commands",
        "allowed_updates",
        "link_preview_options",
        "message_ids",
        "media",
    }
)

# Telegram's own error texts that more than one part of the stand-in returns.
BLOCKED = "Forbidden: bot was blocked by the user"
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)


class ApiError(Exception):
    """An error response of the Bot API: HTTP status == ``error_code``."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> JSON:
        """The JSON body Telegram sends for this error."""
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    """400 with Telegram's ``Bad Request:`` prefix (aiogram maps it to TelegramBadRequest)."""
    return ApiError(400, f"Bad Request: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    """429 with ``parameters.retry_after`` (aiogram maps it to TelegramRetryAfter)."""
    return ApiError(
        429,
        f"Too Many Requests: retry after {retry_after}",
        {"retry_after": retry_after},
    )


@dataclass
class Upload:
    """A file part of a multipart request (``attach://<name>`` points at it)."""

    filename: str
    data: bytes
    content_type: str | None


#: A Bot API method: (params, uploads, request) -> result, or an awaitable of it.
Handler = Callable[[JSON, dict[str, Upload], web.Request], Any]

#: Runs before a method, after decoding; may wait, or raise ApiError instead of the method.
BeforeCall = Callable[[str, JSON], Awaitable[None]]
AfterCall = Callable[[str, JSON, Any], Awaitable[Any]]


async def decode_params(request: web.Request) -> tuple[JSON, dict[str, Upload]]:
    """Decode query string + JSON / urlencoded / multipart bodies into typed params."""
    raw: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    typed: JSON = {}
    if request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON encoded request body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            typed.update(body)
        elif content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                if part.filename is not None:
                    data = await part.read()
                    uploads[part.name] = Upload(
                        part.filename, bytes(data), part.headers.get("Content-Type")
                    )
                else:
                    raw[part.name] = await part.text()
        else:
            raw.update((k, v) for k, v in (await request.post()).items() if isinstance(v, str))
    params: JSON = {}
    for key, value in raw.items():
        if key in STRING_FIELDS:
            params[key] = value
        else:
            try:
                params[key] = json.loads(value)
            except ValueError:
                params[key] = value
    params.update(typed)
    for key in OBJECT_FIELDS:
        if isinstance(params.get(key), str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                raise bad_request(f"can't parse {key} JSON object") from None
    for name in uploads:
        params.setdefault(name, f"attach://{name}")
    return params, uploads


class HttpFront:
    """The aiohttp server: ``/bot<token>/<method>`` and ``/file/bot<token>/<path>``.

    Every method request ends up in ``calls`` (successful or not); a crash inside a handler is
    answered with a 500 and kept in ``internal_errors`` so a stand-in bug is visible.
    """

    def __init__(
        self,
        token: str,
        methods: Mapping[str, Handler],
        *,
        files: Mapping[str, StoredFile],
        calls: list[ApiCall],
        internal_errors: list[Exception],
        before_call: BeforeCall,
        after_call: AfterCall,
    ) -> None:
        self._token = token
        self._methods = {name.lower(): (name, handler) for name, handler in methods.items()}
        self._files = files
        self._calls = calls
        self._internal_errors = internal_errors
        self._before_call = before_call
        self._after_call = after_call
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port (``port``) and serve until ``stop``."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        # handler_cancellation: a long poll whose client went away must release its slot,
        # otherwise the next Dispatcher would get a spurious 409.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=0.5, access_log=None
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Shut the server down (pending long polls should be released first)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        raw_method = request.match_info["method"]
        started = time.monotonic()
        if request.match_info["token"] != self._token:
            error = ApiError(401, "Unauthorized")
            self._calls.append(
                ApiCall(raw_method, {}, False, None, error.description, 401, started)
            )
            return web.json_response(error.payload(), status=401)
        entry = self._methods.get(raw_method.lower())
        if entry is None:
            error = ApiError(404, "Not Found")
            self._calls.append(
                ApiCall(raw_method, {}, False, None, error.description, 404, started)
            )
            return web.json_response(error.payload(), status=404)
        name, handler = entry
        params: JSON = {}
        try:
            params, uploads = await decode_params(request)
            await self._before_call(name, params)
            outcome = handler(params, uploads, request)
            if isinstance(outcome, Awaitable):
                outcome = await outcome
            outcome = await self._after_call(name, params, outcome)
        except ApiError as error:
            self._calls.append(
                ApiCall(name, params, False, None, error.description, error.code, started)
            )
            return web.json_response(error.payload(), status=error.code)
        except Exception as crash:  # a stand-in bug must be visible, not a silent hang
            self._internal_errors.append(crash)
            description = f"Internal Server Error: stand-in crashed: {crash!r}"
            self._calls.append(ApiCall(name, params, False, None, description, 500, started))
            return web.json_response(ApiError(500, description).payload(), status=500)
        self._calls.append(ApiCall(name, params, True, outcome, None, None, started))
        return web.json_response({"ok": True, "result": outcome})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self._token:
            return web.json_response(ApiError(401, "Unauthorized").payload(), status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        file = self._files.get(file_id)
        if file is None:
            return web.json_response(ApiError(404, "Not Found").payload(), status=404)
        return web.Response(
            body=file.data, content_type=file.mime_type or "application/octet-stream"
        )
