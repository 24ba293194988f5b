"""Russian: reply templates: the six situations every company meets, filled with the client's
name and the control date, and the ones directors write themselves.

`tpl_body_*` are not formatted by `Texts`: their {slots} are filled by bot/views/templates.py
into plain text for the client, and a slot nobody can fill is shown as its `tpl_slot_*` hint in
square brackets for the staff member to replace. A text that names a placeholder gets it
as a value (`slot_name` = "{name}", ...), so no text leaves a brace of its own. The director
speaks in the first person and avoids gendered past tense ("я прочитал/а"), since either a
man or a woman may send them.
"""

TEXTS: dict[str, str | dict[str, str]] = {
    # --- the six built-in templates -------------------------------------------------------
    "tpl_title_first": "👋 Первый ответ",
    "tpl_body_first": (
        "{name}, здравствуйте! Ваше сообщение у меня, спасибо, что не промолчали. "
        "Очень жаль, что так получилось. Разберусь лично и напишу вам здесь не позже {date}."
    ),
    "tpl_title_fault": "🙏 Наша ошибка",
    "tpl_body_fault": (
        "{name}, вы правы, ошибка целиком наша. Простите: мне жаль, что вам пришлось с этим "
        "столкнуться. Что сделаем: {fix}, не позже {date}. А от меня в знак извинения: {extra}."
    ),
    "tpl_title_no_service": "🧭 Такого у нас нет",
    "tpl_body_no_service": (
        "{name}, спасибо за вопрос. Мне жаль, но такого у нас пока нет. Оставлять вас "
        "ни с чем не хочу, вот что могу предложить: {options}. Скажите, что подойдёт, "
        "и я всё устрою."
    ),
    "tpl_title_details": "❓ Нужны подробности",
    "tpl_body_details": (
        "{name}, мне жаль, что так вышло, и я хочу разобраться как следует, поэтому уточню: "
        "{question}? Если проще рассказать голосом, напишите, когда вам удобно, и я позвоню."
    ),
    "tpl_title_disagree": "⚖️ Не согласен",
    "tpl_body_disagree": (
        "{name}, мне жаль, что вы расстроены. По этому случаю у нас есть вот что: {facts}. "
        "Скажу прямо: здесь я с вами не соглашусь, потому что {why}. Но мне важно, чтобы вам "
        "было с нами удобно, поэтому предлагаю: {offer}."
    ),
    "tpl_title_changed": "🛠 Что изменили",
    "tpl_body_changed": (
        "{name}, возвращаюсь к вашему обращению. Мы исправили {fixed}, а чтобы это не "
        "повторилось ни с вами, ни с другими, изменили {system}. Спасибо, что написали: "
        "без вас мы бы этого не заметили."
    ),
    # --- what a slot nobody filled says, in [brackets] ----------------------------------
    "tpl_slot_name": "имя",
    "tpl_slot_date": "дата",
    "tpl_slot_id": "номер",
    "tpl_slot_fix": "что исправим",
    "tpl_slot_extra": "что сверху",
    "tpl_slot_options": "похожие варианты",
    "tpl_slot_question": "вопрос",
    "tpl_slot_facts": "что было",
    "tpl_slot_why": "почему",
    "tpl_slot_offer": "что предлагаю",
    "tpl_slot_fixed": "что исправили",
    "tpl_slot_system": "что изменили в работе",
    # --- choosing and sending -------------------------------------------------------------
    "tpl_entry": (
        "📋 Шаблон — выбрать готовый ответ для №{id}. Или просто ответьте на это сообщение."
    ),
    "btn_tpl_open": "📋 Шаблон",
    "tpl_menu": (
        "📋 Шаблоны ответа по обращению №{id}. Имя клиента и дата подставятся сами, "
        "текст можно поправить перед отправкой."
    ),
    "tpl_preview": "<b>{title}</b> · ответ по №{id}\n\n<blockquote>{text}</blockquote>\n\n{hint}",
    "tpl_hint_ready": (
        "Отправьте как есть или ответьте на это сообщение своим вариантом: скопируйте текст, "
        "поправьте и отправьте."
    ),
    "tpl_hint_fill": (
        "Заполните то, что в [скобках]: скопируйте текст, поправьте и отправьте ответом "
        "на это сообщение."
    ),
    "tpl_done": "<b>{title}</b> · ответ по №{id}\n\n<blockquote>{text}</blockquote>",
    "btn_tpl_send": "✅ Отправить как есть",
    "btn_tpl_copy": "📋 Скопировать",
    "btn_tpl_back": "← Все шаблоны",
    "tpl_changed": "Текст изменился (шаблон или обращение): проверьте его и нажмите ещё раз.",
    "tpl_incomplete": "В тексте остались [пропуски]: заполните их и отправьте ответом.",
    "tpl_gone": "Этого шаблона больше нет.",
    "tpl_busy": "Уже отправляю.",
    # --- /templates -----------------------------------------------------------------------
    "tpl_list_title": "<b>📋 Шаблоны ответов</b>",
    "tpl_list_builtin": "<b>Готовые</b>",
    "tpl_list_own": "<b>Шаблоны компании</b>",
    "tpl_list_own_empty": "Своих шаблонов пока нет.",
    "tpl_list_item": "<b>{title}</b>\n{text}",
    "tpl_list_own_item": "<b>№{n} · {title}</b>\n{text}",
    "tpl_list_use": (
        "Подставить имя клиента и дату: /templates N (N — номер обращения) или «📋 Шаблон» "
        "после кнопки «Ответить» на карточке."
    ),
    "tpl_list_manage": (
        "Свои шаблоны (директорам):\n"
        "/templates add Название | текст\n"
        "/templates edit N | текст\n"
        "/templates delete N\n"
        "В тексте можно {slot_name} (имя клиента), {slot_date} (точка контроля), {slot_id} (номер "
        "обращения)."
    ),
    "tpl_usage": (
        "Формат: /templates — список; /templates N — шаблоны для обращения №N; "
        "/templates add Название | текст; /templates edit N | текст; /templates delete N."
    ),
    "tpl_directors_only": (
        "Свои шаблоны добавляют и меняют директора. Пользоваться можно всеми: /templates N."
    ),
    "tpl_added": "Шаблон №{n} «{title}» сохранён: он уже в списке под «📋 Шаблон».",
    "tpl_edited": "Шаблон №{n} «{title}» обновлён.",
    "tpl_deleted": "Шаблон №{n} «{title}» удалён.",
    "tpl_not_found": "Шаблона №{n} нет. /templates — список.",
    "tpl_err_placeholder": (
        "Не знаю подстановку {found}. Можно {slot_name} (имя клиента), {slot_date} (точка "
        "контроля) и {slot_id} (номер обращения)."
    ),
    "tpl_err_brace": (
        "Фигурные скобки — только для подстановок {slot_name}, {slot_date} и {slot_id}: "
        "уберите лишние."
    ),
    "tpl_err_empty": "Нужен и текст. {usage}",
    "tpl_err_too_long": "Слишком длинный текст: {length} символов, можно до {limit}.",
    "tpl_err_title": "Название — одна строка до {limit} символов, перед «|».",
    "tpl_err_too_many": (
        "Шаблонов уже {limit}: удалите ненужный (/templates delete N), чтобы добавить новый."
    ),
    "cmd_templates": "Шаблоны ответов: /templates N",
}
