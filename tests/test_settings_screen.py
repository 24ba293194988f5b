"""The /settings keyboard: one row per choice, each button offering what is not on now, and
the personal-chats button's data small enough for Telegram and read back as it was packed."""

from __future__ import annotations

from bot.views.keyboards.callbacks import BusinessAck, DigestAllClear
from bot.views.keyboards.settings import settings_keyboard
from bot.views.texts import Texts

RU = Texts("ru")


def _buttons(all_clear: bool, business_ack: bool | None) -> list[list[tuple[str, str]]]:
    markup = settings_keyboard(all_clear, RU, business_ack)
    return [[(b.text, b.callback_data or "") for b in row] for row in markup.inline_keyboard]


def test_each_choice_has_a_row_offering_the_other_state() -> None:
    assert _buttons(True, False) == [
        [("🔕 Молчать, если нечего сообщать", DigestAllClear(on=False).pack())],
        [("💬 Сразу отвечать в моих личных чатах", BusinessAck(on=True).pack())],
    ]
    assert _buttons(False, True) == [
        [("☀️ Присылать «всё спокойно»", DigestAllClear(on=True).pack())],
        [("🤐 Не отвечать в моих личных чатах", BusinessAck(on=False).pack())],
    ]
    assert _buttons(True, None) == [_buttons(True, False)[0]]  # a screen without the row


def test_the_personal_chats_button_fits_and_round_trips() -> None:
    for on in (True, False):
        packed = BusinessAck(on=on).pack()
        assert len(packed.encode()) <= 64
        assert BusinessAck.unpack(packed) == BusinessAck(on=on)
    assert BusinessAck.__prefix__ != DigestAllClear.__prefix__
    for language in ("ru", "en"):
        t = Texts(language)
        assert t("btn_settings_business_ack_on") != t("btn_settings_business_ack_off")
