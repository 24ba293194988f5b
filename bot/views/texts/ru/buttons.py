"""Russian: every inline-button label, the card's, the reminders', the follow-up's and the
settings'. They sit together because they share a constraint no other text has: a label
must fit beside its neighbours in one row on a phone, so they are read side by side.
"""

TEXTS = {
    "btn_reply": "✍️ Ответить",
    "btn_assign": "👤 Ответственный",
    "btn_due": "📅 Точка контроля",
    "btn_cause": "🔎 Причина",
    "btn_close": "✅ Закрыть",
    "btn_reopen": "↩️ Вернуть в работу",
    "btn_back": "« Назад",
    "btn_close_now": "✅ Закрыть без итога",
    "btn_close_note": "📝 Закрыть с итогом",
    "btn_due_today": "Сегодня 18:00",
    "btn_due_tomorrow": "Завтра",
    "btn_due_in3days": "Через 3 дня",
    "btn_due_nextweek": "Через неделю",
    "btn_due_typed": "⌨️ Ввести дату",
    "btn_me": "{name} (я)",
    "btn_not_complaint": "🙅 Не жалоба",
    "btn_is_complaint": "❗ Это жалоба",
    "btn_instant_on": "🔔 Присылать все упоминания карточками",
    "btn_instant_off": "🗞 Собирать не-жалобы в сводку",
    "btn_remove_source": "🗑 {id}. {name}",
    "btn_page_prev": "◀️ {page}/{pages}",
    "btn_page_next": "{page}/{pages} ▶️",
    "btn_rem_done": "✅ Готово, закрыть",
    "btn_rem_d1": "+1 день",
    "btn_rem_d3": "+3 дня",
    "btn_rem_typed": "⌨️ Другая дата",
    "btn_rem_owner": "👤 Передать",
    "btn_fu_yes": "👍 Да, всё хорошо",
    "btn_fu_no": "👎 Не совсем",
    "btn_rate": "{n} ⭐",
    "btn_settings_all_clear_on": "☀️ Присылать «всё спокойно»",
    "btn_settings_all_clear_off": "🔕 Молчать, если нечего сообщать",
}
