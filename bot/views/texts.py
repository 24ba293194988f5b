"""Every user-facing string, per language, in one place.

`Texts.__call__` escapes every value it formats in, so user text can never break Telegram's HTML
parse mode; a value that is already safe HTML is wrapped in `Html` to pass through untouched.
"""

from __future__ import annotations

import html
from typing import Any


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""


RU: dict[str, str] = {
    # clients
    "client_start": (
        "Здравствуйте, {name}! Напишите здесь, что случилось или что нам стоит сделать лучше: "
        "сообщение сразу попадёт к директору, и вам ответят лично."
    ),
    "client_help": (
        "Просто напишите сообщение: текст, фото, документ или голосовое. Всё, что вы пишете "
        "сюда, читает директор, и отвечаем мы здесь же."
    ),
    "ack_new": "Спасибо! Обращение №{id} уже у директора. Мы ответим вам здесь лично.",
    "ack_more": "Добавили к обращению №{id}.",
    "ack_reopened": "Вернули обращение №{id} в работу: директор увидит ваше сообщение.",
    "client_reply": "<b>{name}</b>:\n{text}",
    "client_resolved": (
        "Обращение №{id} решено.{resolution}\nЕсли что-то осталось не так, просто напишите сюда."
    ),
    "client_resolution": "\n{text}",
    "staff_only_command": "Эта команда только для сотрудников компании.",
    "client_unknown_command": (
        "Здесь не нужны команды: просто напишите, что случилось, и сообщение получит директор."
    ),
    "error_generic": "Что-то пошло не так, мы уже разбираемся. Попробуйте ещё раз чуть позже.",
    "staff_only_button": "Эти кнопки только для сотрудников компании.",
    # staff: help and hints
    "staff_help": (
        "<b>Firsthand</b>: все обращения клиентов у вас.\n\n"
        "/open — открытые обращения\n"
        "/mine — мои обращения\n"
        "/ticket N — карточка и история\n"
        "/claim N — взять обращение\n"
        "/reply N текст — ответить клиенту\n"
        "/note N текст — внутренняя заметка (клиент не видит)\n"
        "/due N дата — точка контроля («завтра в 10», «25.11 15:00»)\n"
        "/close N [итог] — закрыть\n\n"
        "Ответить клиенту можно и обычным ответом (reply) на карточку или его сообщение."
    ),
    "staff_hint": (
        "Чтобы ответить клиенту, ответьте (reply) на карточку обращения или используйте "
        "/reply N текст. /help — все команды."
    ),
    "unknown_command": "Не знаю такой команды. /help — список команд.",
    "not_linked": (
        "Это сообщение не связано с обращением. Ответьте на карточку или используйте "
        "/reply N текст."
    ),
    "ticket_not_found": "Обращения №{id} нет.",
    "button_outdated": "Эта кнопка устарела. Откройте карточку заново: /ticket N.",
    "usage": "Формат: {usage}",
    "usage_claim": "/claim N",
    "usage_ticket": "/ticket N",
    "usage_reply": "/reply N текст",
    "usage_note": "/note N текст",
    "usage_due": "/due N дата",
    "usage_close": "/close N [итог]",
    # card
    "card_title_new": "🔴 <b>Обращение №{id}</b>",
    "card_title_work": "🟡 <b>Обращение №{id}</b>",
    "card_title_closed": "🟢 <b>Обращение №{id}</b>",
    "card_meta": "{source} · {author} · {when}",
    "card_link": '<a href="{url}">Открыть источник</a>',
    "card_trimmed": "… <i>текст сокращён, полностью: /ticket {id}</i>",
    "card_status": "<b>{status}</b> · Ответственный: {owner} · Контроль: {due} · Причина: {cause}",
    "card_first_response": "Первый ответ через {delay}",
    "card_waiting": "Ждёт первого ответа",
    "card_messages": "Сообщений в истории: {count} · /ticket {id}",
    "card_resolution": "Итог: {text}",
    "card_undelivered": "⚠️ Последний ответ не доставлен клиенту",
    "nobody": "—",
    "status_open": "Новое",
    "status_in_progress": "В работе",
    "status_closed": "Решено",
    "cause_process": "Сломан процесс",
    "cause_informing": "Сломано информирование",
    "cause_expectations": "Не оправдали ожиданий",
    "cause_unfounded": "Необоснованная",
    "source_telegram": "Telegram, личные сообщения",
    "minutes": "{n} мин",
    "hours": "{h} ч {m} мин",
    "days": "{d} дн {h} ч",
    # buttons
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
    # prompts (force reply)
    "prompt_reply": "✍️ Ответ клиенту по обращению №{id}. Напишите текст ответом на это сообщение.",
    "prompt_due": (
        "📅 Точка контроля для №{id}. Напишите дату ответом на это сообщение: "
        "«25.11 15:00», «завтра в 10», «через 2 дня»."
    ),
    "prompt_close": "📝 Итог по обращению №{id}: напишите его ответом на это сообщение.",
    "prompt_note": "🗒 Заметка к №{id} (клиент её не увидит): напишите ответом на это сообщение.",
    "placeholder_reply": "Ответ клиенту",
    "placeholder_due": "завтра в 10",
    "placeholder_close": "Что сделали",
    "pick_owner": "Кого назначить ответственным за №{id}?",
    "no_staff": "В настройках нет менеджеров (MANAGER_IDS).",
    # results
    "reply_delivered": "Ответ доставлен клиенту (№{id}).",
    "reply_blocked": ("Клиент заблокировал бота: ответ не доставлен. Он сохранён в истории №{id}."),
    "reply_failed": "Не удалось доставить ответ по №{id}: {reason}. Ответ сохранён в истории.",
    "reply_no_client": "У обращения №{id} нет чата с клиентом: ответить можно только в источнике.",
    "claimed": "Обращение №{id} теперь ваше.",
    "claim_taken": "Обращение №{id} уже взял(а) {owner}.",
    "claim_closed": "Обращение №{id} уже закрыто.",
    "assigned_you": "{actor} назначил(а) вас ответственным за обращение №{id}.",
    "assigned": "Ответственный за №{id}: {owner}.",
    "due_set": "Точка контроля №{id}: {due}.",
    "due_unparsed": (
        "Не понял дату «{text}». Примеры: «25.11 15:00», «завтра в 10», «через 2 дня»."
    ),
    "due_past": "Дата «{text}» уже прошла. Укажите время в будущем.",
    "cause_set": "Причина №{id}: {cause}.",
    "closed": "Обращение №{id} закрыто. Клиенту сообщили.",
    "closed_already": "Обращение №{id} уже закрыто.",
    "reopened": "Обращение №{id} снова в работе.",
    "note_saved": "Заметка сохранена в №{id}. Клиент её не видит.",
    "list_open": "<b>Открытые обращения</b>:",
    "list_mine": "<b>Мои обращения</b>:",
    "list_empty": "Открытых обращений нет. 🎉",
    "list_line": "№{id} · {status} · {owner} · {text}",
    "list_more": "… и ещё, показаны первые {n}.",
    # relays to staff
    "relay_header": "💬 №{id} · {author}:",
    "relay_text": "💬 №{id} · {author}:\n{text}",
    "relay_edit": "✏️ №{id} · {author} исправил(а) сообщение.\nБыло: {old}\nСтало: {new}",
    "relay_reopened": "↩️ Клиент написал после закрытия — №{id} снова в работе.",
    # history
    "history_title": "<b>История №{id}</b>",
    "history_in": "👤 <b>{author}</b>, {when}:",
    "history_out": "💬 <b>{author}</b> → клиенту, {when}:",
    "history_out_failed": "💬 <b>{author}</b> → клиенту (не доставлено), {when}:",
    "history_note": "🗒 <b>{author}</b>, заметка, {when}:",
    "history_edited": "<i>(исправлено)</i>",
    "history_was": "<i>↳ до исправления:</i>",
    "history_media": "[{kind}]",
    # command menu
    "cmd_start": "Начать",
    "cmd_help": "Помощь",
    "cmd_open": "Открытые обращения",
    "cmd_mine": "Мои обращения",
    "cmd_ticket": "Карточка и история: /ticket N",
    "cmd_claim": "Взять обращение: /claim N",
    "cmd_reply": "Ответить клиенту: /reply N текст",
    "cmd_note": "Внутренняя заметка: /note N текст",
    "cmd_due": "Точка контроля: /due N дата",
    "cmd_close": "Закрыть: /close N [итог]",
    "source_feed": "Лента {name}",
    "source_channel": "Канал {name}",
    "source_chat": "Чат «{name}»",
    "card_mention": "🔎 Ключевое слово: «{keyword}» · {kind}",
    "card_mention_kind": "🔎 {kind}",
    "card_verdict_complaint": "Директор: <b>это жалоба</b>",
    "card_verdict_not": "Директор: <b>не жалоба</b>",
    "kind_complaint": "похоже на жалобу",
    "kind_praise": "похвала",
    "kind_question": "вопрос",
    "kind_neutral": "нейтральное упоминание",
    "btn_not_complaint": "🙅 Не жалоба",
    "btn_is_complaint": "❗ Это жалоба",
    "verdict_complaint": "№{id} отмечено как жалоба.",
    "verdict_not": "№{id} отмечено как не жалоба.",
    "mention_summary_title": (
        "🗞 <b>Упоминания: {count}</b> — похвала, вопросы и нейтральное. "
        "Любое открывается командой /ticket N."
    ),
    "mention_summary_line": "№{id} · {kind} · {source}: {text}",
    "btn_instant_on": "🔔 Присылать все упоминания карточками",
    "btn_instant_off": "🗞 Собирать не-жалобы в сводку",
    "instant_on": "Теперь каждое упоминание приходит карточкой сразу.",
    "instant_off": "Похвала, вопросы и нейтральные упоминания снова собираются в сводку.",
    "spike_alert": (
        "📈 <b>Всплеск упоминаний</b>: {count} за последний час (обычно около {usual} в час).\n"
        "Источники: {sources}\nЧастые слова: {words}"
    ),
    "source_failing": (
        "⚠️ Источник {name} не отвечает с {since}: {error}. Проверяю дальше и сообщу, "
        "когда он заработает."
    ),
    "source_recovered": "✅ Источник {name} снова работает.",
    "feeds_title": "<b>Ленты</b> (убрать: кнопкой или /feeds remove N):",
    "feeds_empty": "Лент нет. Добавить: /feeds add URL",
    "channels_title": "<b>Каналы</b> (убрать: кнопкой или /channels remove N):",
    "channels_empty": "Каналов нет. Добавить: /channels add имя_канала",
    "source_line": "{id}. {name}",
    "btn_remove_source": "🗑 {id}. {name}",
    "usage_feeds": "/feeds · /feeds add URL · /feeds remove N",
    "usage_channels": "/channels · /channels add имя · /channels remove N",
    "usage_keywords": (
        "/keywords · /keywords add слово · /keywords minus слово · /keywords block автор · "
        "/keywords remove слово"
    ),
    "feed_added": (
        "Лента добавлена: {name}. Прежние записи отмечу как прочитанные, пришлю только новые."
    ),
    "channel_added": (
        "Канал добавлен: {name}. Прежние посты отмечу как прочитанные, пришлю только новые."
    ),
    "source_exists": "Уже слежу: {name}.",
    "feed_bad_url": "Это не похоже на адрес ленты: {url}. Нужен адрес http(s)://…",
    "channel_bad_name": "Это не похоже на публичный канал: {name}. Пример: fitstudio_news",
    "source_removed": "Больше не слежу: {name}.",
    "source_not_found": "Нет источника №{id}.",
    "keywords_title": (
        "<b>Ключевые слова</b>: {keywords}\n<b>Минус-слова</b>: {exclude}\n"
        "<b>Заблокированные авторы</b>: {authors}"
    ),
    "watch_keyword": "ключевые слова",
    "watch_exclude": "минус-слова",
    "watch_author": "заблокированные авторы",
    "watch_added": "Добавил «{word}» в список: {list}.",
    "watch_exists": "«{word}» уже в списке: {list}.",
    "watch_removed": "Убрал «{word}».",
    "watch_missing": "«{word}» нет ни в одном списке.",
    "watch_bad": "В «{word}» нет ни букв, ни цифр.",
    "sources_title": "<b>Источники упоминаний</b>",
    "sources_empty": (
        "Источников нет: /feeds add URL, /channels add имя или добавьте бота в группу."
    ),
    "sources_line": "{id}. {name}\n    успех: {ok} · ошибка: {error} · упоминаний: {count}",
    "sources_error": "{when}, {reason}",
    "never": "не было",
    "sources_mode_instant": "Сейчас все упоминания приходят карточками сразу.",
    "sources_mode_summary": (
        "Сейчас жалобы приходят карточками сразу, остальное — сводкой раз в {minutes} мин."
    ),
    "cmd_feeds": "Ленты отзывов и новостей",
    "cmd_channels": "Публичные каналы",
    "cmd_keywords": "Ключевые и минус-слова",
    "cmd_sources": "Все источники и их состояние",
    "closed_quietly": "Обращение №{id} закрыто. Это упоминание — автору бот об этом не пишет.",
    "no_keywords_alert": (
        "⚠️ <b>Ключевые слова не заданы</b>: сообщения из лент, каналов и групп я только "
        "отмечаю как прочитанные, обращениями они не становятся. Добавьте название бренда: "
        "/keywords add ФитСтудио (или KEYWORDS в настройках)."
    ),
    "no_keywords_line": (
        "⚠️ Ключевые слова не заданы: упоминания отсюда не станут обращениями. /keywords add бренд"
    ),
    "btn_page_prev": "◀️ {page}/{pages}",
    "btn_page_next": "{page}/{pages} ▶️",
    # --- issue 3: sources and mentions (add keys above this line) ---
    "remind_due": (
        "⏰ <b>Точка контроля по №{id}</b>: {due}.\n{author}: {text}\nОтветственный: {owner}. "
        "Что делаем?"
    ),
    "remind_overdue": (
        "🚨 <b>№{id} просрочено</b>: точка контроля была {due}, прошло {delay}, "
        "обращение всё ещё открыто.\n{author}: {text}\nОтветственный: {owner}."
    ),
    "remind_first_response": (
        "⏳ <b>№{id}: {author} ждёт первого ответа уже {delay}.</b>\n{text}\n"
        "Ответственный: {owner}."
    ),
    "remind_unhappy": (
        "↩️ <b>№{id}</b>: {author} ответил(а) на вопрос после закрытия, что не всё в порядке. "
        "Обращение снова в работе.\nОтветственный: {owner}."
    ),
    "remind_outcome": "{text}\n\n<i>{outcome}</i>",
    "btn_rem_done": "✅ Готово, закрыть",
    "btn_rem_d1": "+1 день",
    "btn_rem_d3": "+3 дня",
    "btn_rem_typed": "⌨️ Другая дата",
    "btn_rem_owner": "👤 Передать",
    "followup_ask": (
        "Здравствуйте! Недавно мы закрыли ваше обращение №{id}. Всё ли теперь в порядке?"
    ),
    "btn_fu_yes": "👍 Да, всё хорошо",
    "btn_fu_no": "👎 Не совсем",
    "btn_rate": "{n} ⭐",
    "followup_thanks_yes": "Спасибо! Рады, что всё хорошо. Если хотите, оцените нас от 1 до 5:",
    "followup_thanks_no": (
        "Жаль, что не всё получилось. Мы вернули обращение №{id} в работу: напишите здесь, "
        "что не так, и директор это увидит. Если хотите, оцените нас от 1 до 5:"
    ),
    "followup_rated": "Спасибо за оценку: {rating} из 5.",
    "followup_answered_already": "Вы уже ответили, спасибо!",
    "followup_outdated": "Этот вопрос уже неактуален.",
    "followup_author": "Бот",
    "history_followup_yes": "Ответ на вопрос «всё ли в порядке»: да, всё хорошо",
    "history_followup_no": "Ответ на вопрос «всё ли в порядке»: не совсем",
    "history_rating": "Оценка: {rating} из 5",
    "digest_title": "☀️ <b>Утренняя сводка, {date}</b>",
    "digest_new_title": "<b>Новых за сутки: {count}</b>",
    "digest_open_title": "<b>Открыто: {count}</b>",
    "digest_overdue_title": "<b>Просрочено: {count}</b>",
    "digest_waiting_title": "<b>Ждут первого ответа: {count}</b>",
    "digest_answers_title": "<b>Ответы клиентов после закрытия: {count}</b>",
    "digest_count_line": "{name}: {count}",
    "digest_overdue_line": "№{id} · {owner} · контроль был {due}",
    "digest_waiting_line": "№{id} · {author} · ждёт {delay}",
    "digest_answer_yes": "№{id} · {author}: 👍 всё хорошо{rating}",
    "digest_answer_no": "№{id} · {author}: 👎 не совсем{rating}",
    "digest_answer_none": "№{id} · {author}: без ответа{rating}",
    "digest_rating": " · оценка {rating}/5",
    "digest_more": "… и ещё {n}",
    "digest_all_clear": (
        "☀️ Доброе утро! Новых, открытых и просроченных обращений нет: всё спокойно."
    ),
    "settings_title": "<b>Настройки</b>\nУтренняя сводка приходит в {time} ({tz}).",
    "settings_all_clear_on": "Если сообщать нечего, приходит одна строка «всё спокойно».",
    "settings_all_clear_off": "Если сообщать нечего, сводка не приходит.",
    "btn_settings_all_clear_on": "☀️ Присылать «всё спокойно»",
    "btn_settings_all_clear_off": "🔕 Молчать, если нечего сообщать",
    "settings_saved": "Сохранено.",
    "cmd_settings": "Настройки утренней сводки",
    # --- issue 4: reminders, follow-ups, digest (add keys above this line) ---
    "burst_title": (
        "📥 <b>Новых обращений: {count}.</b> Чтобы не засыпать вас карточками, "
        "вот список; любое открывается командой /ticket N."
    ),
    "burst_line": "№{id} · {author}: {text}",
    "delivery_unreachable": (
        "⚠️ Не удаётся доставить сообщения в чат {chat} (обращение №{id}): {reason}. "
        "Больше об этом чате не напоминаю."
    ),
    "reply_queued": "Ответ по №{id} в очереди: Telegram просит подождать, доставлю сам.",
    "directors_only": "Эта команда только для директоров.",
    "health_title": "<b>Состояние доставки</b>",
    "health_sender_ok": "Отправитель работает.",
    "health_sender_down": "⚠️ Отправитель остановлен: уведомления не уходят.",
    "health_outbox": "Очередь отправки: {depth} · не доставлено навсегда: {failed}",
    "health_oldest": "Самое старое в очереди: {when} (ждёт {delay})",
    "cmd_health": "Состояние доставки",
    "health_sources_none": "Источников для опроса нет (/feeds, /channels).",
    "health_sources": "Источники: {total} · отвечают: {ok}",
    "health_source_failing": "⚠️ {name}: ошибок подряд {failures}, последняя {when}: {error}",
    "health_sources_more": "…и ещё {count} с ошибками: /sources",
    # --- issue 5: delivery and health (add keys above this line) ---
}

EN: dict[str, str] = {
    "client_start": (
        "Hello, {name}! Tell us here what went wrong or what we could do better: your message "
        "goes straight to the director, and a person will answer you."
    ),
    "client_help": (
        "Just send a message: text, a photo, a document or a voice note. The director reads "
        "everything you write here, and we answer right here."
    ),
    "ack_new": (
        "Thank you! Case #{id} is with the director now. We will answer you here in person."
    ),
    "ack_more": "Added to case #{id}.",
    "ack_reopened": "Case #{id} is open again: the director will see your message.",
    "client_reply": "<b>{name}</b>:\n{text}",
    "client_resolved": (
        "Case #{id} is resolved.{resolution}\nIf anything is still wrong, just write here."
    ),
    "client_resolution": "\n{text}",
    "staff_only_command": "This command is for the company's staff only.",
    "client_unknown_command": (
        "No commands are needed here: just write what happened and the director will get it."
    ),
    "error_generic": "Something went wrong and we are on it. Please try again a little later.",
    "staff_only_button": "These buttons are for the company's staff only.",
    "staff_help": (
        "<b>Firsthand</b>: every client complaint, in front of you.\n\n"
        "/open — open cases\n"
        "/mine — my cases\n"
        "/ticket N — card and history\n"
        "/claim N — take a case\n"
        "/reply N text — answer the client\n"
        "/note N text — internal note (the client never sees it)\n"
        '/due N date — control date ("tomorrow 10:00", "25.11 15:00")\n'
        "/close N [resolution] — close\n\n"
        "You can also answer a client with a plain reply to the card or to their message."
    ),
    "staff_hint": (
        "To answer a client, reply to the case card or use /reply N text. /help lists all commands."
    ),
    "unknown_command": "Unknown command. /help lists the commands.",
    "not_linked": "This message is not linked to a case. Reply to a card or use /reply N text.",
    "ticket_not_found": "There is no case #{id}.",
    "button_outdated": "This button is out of date. Open the card again: /ticket N.",
    "usage": "Usage: {usage}",
    "usage_claim": "/claim N",
    "usage_ticket": "/ticket N",
    "usage_reply": "/reply N text",
    "usage_note": "/note N text",
    "usage_due": "/due N date",
    "usage_close": "/close N [resolution]",
    "card_title_new": "🔴 <b>Case #{id}</b>",
    "card_title_work": "🟡 <b>Case #{id}</b>",
    "card_title_closed": "🟢 <b>Case #{id}</b>",
    "card_meta": "{source} · {author} · {when}",
    "card_link": '<a href="{url}">Open the source</a>',
    "card_trimmed": "… <i>text shortened, in full: /ticket {id}</i>",
    "card_status": "<b>{status}</b> · Owner: {owner} · Control: {due} · Cause: {cause}",
    "card_first_response": "First response after {delay}",
    "card_waiting": "Waiting for a first response",
    "card_messages": "Messages in history: {count} · /ticket {id}",
    "card_resolution": "Resolution: {text}",
    "card_undelivered": "⚠️ The last reply did not reach the client",
    "nobody": "—",
    "status_open": "New",
    "status_in_progress": "In progress",
    "status_closed": "Resolved",
    "cause_process": "Broken process",
    "cause_informing": "Broken informing",
    "cause_expectations": "Expectations not met",
    "cause_unfounded": "Unfounded",
    "source_telegram": "Telegram, direct message",
    "minutes": "{n} min",
    "hours": "{h} h {m} min",
    "days": "{d} d {h} h",
    "btn_reply": "✍️ Reply",
    "btn_assign": "👤 Owner",
    "btn_due": "📅 Control date",
    "btn_cause": "🔎 Root cause",
    "btn_close": "✅ Close",
    "btn_reopen": "↩️ Reopen",
    "btn_back": "« Back",
    "btn_close_now": "✅ Close without note",
    "btn_close_note": "📝 Close with a note",
    "btn_due_today": "Today 18:00",
    "btn_due_tomorrow": "Tomorrow",
    "btn_due_in3days": "In 3 days",
    "btn_due_nextweek": "Next week",
    "btn_due_typed": "⌨️ Type a date",
    "btn_me": "{name} (me)",
    "prompt_reply": "✍️ Answer to the client of case #{id}. Write it as a reply to this message.",
    "prompt_due": (
        "📅 Control date for #{id}. Write it as a reply to this message: "
        '"25.11 15:00", "tomorrow 10:00", "in 2 days".'
    ),
    "prompt_close": "📝 Resolution of case #{id}: write it as a reply to this message.",
    "prompt_note": "🗒 Note for #{id} (the client never sees it): write it as a reply.",
    "placeholder_reply": "Answer to the client",
    "placeholder_due": "tomorrow 10:00",
    "placeholder_close": "What was done",
    "pick_owner": "Who should own #{id}?",
    "no_staff": "No managers are configured (MANAGER_IDS).",
    "reply_delivered": "Answer delivered to the client (#{id}).",
    "reply_blocked": (
        "The client has blocked the bot: not delivered. It is kept in #{id}'s history."
    ),
    "reply_failed": "Could not deliver the answer for #{id}: {reason}. It is kept in the history.",
    "reply_no_client": "Case #{id} has no client chat: answer it at its source.",
    "claimed": "Case #{id} is yours now.",
    "claim_taken": "{owner} has already taken case #{id}.",
    "claim_closed": "Case #{id} is already closed.",
    "assigned_you": "{actor} made you the owner of case #{id}.",
    "assigned": "Owner of #{id}: {owner}.",
    "due_set": "Control date of #{id}: {due}.",
    "due_unparsed": (
        'I could not read the date "{text}". Examples: "25.11 15:00", "tomorrow 10:00", '
        '"in 2 days".'
    ),
    "due_past": '"{text}" is in the past. Please give a time in the future.',
    "cause_set": "Root cause of #{id}: {cause}.",
    "closed": "Case #{id} is closed. The client has been told.",
    "closed_already": "Case #{id} is already closed.",
    "reopened": "Case #{id} is open again.",
    "note_saved": "Note saved in #{id}. The client does not see it.",
    "list_open": "<b>Open cases</b>:",
    "list_mine": "<b>My cases</b>:",
    "list_empty": "No open cases. 🎉",
    "list_line": "#{id} · {status} · {owner} · {text}",
    "list_more": "… and more; the first {n} are shown.",
    "relay_header": "💬 #{id} · {author}:",
    "relay_text": "💬 #{id} · {author}:\n{text}",
    "relay_edit": "✏️ #{id} · {author} edited a message.\nWas: {old}\nNow: {new}",
    "relay_reopened": "↩️ The client wrote after closing: #{id} is open again.",
    "history_title": "<b>History of #{id}</b>",
    "history_in": "👤 <b>{author}</b>, {when}:",
    "history_out": "💬 <b>{author}</b> → client, {when}:",
    "history_out_failed": "💬 <b>{author}</b> → client (not delivered), {when}:",
    "history_note": "🗒 <b>{author}</b>, note, {when}:",
    "history_edited": "<i>(edited)</i>",
    "history_was": "<i>↳ before the edit:</i>",
    "history_media": "[{kind}]",
    "cmd_start": "Start",
    "cmd_help": "Help",
    "cmd_open": "Open cases",
    "cmd_mine": "My cases",
    "cmd_ticket": "Card and history: /ticket N",
    "cmd_claim": "Take a case: /claim N",
    "cmd_reply": "Answer the client: /reply N text",
    "cmd_note": "Internal note: /note N text",
    "cmd_due": "Control date: /due N date",
    "cmd_close": "Close: /close N [resolution]",
    "source_feed": "Feed {name}",
    "source_channel": "Channel {name}",
    "source_chat": "Chat “{name}”",
    "card_mention": "🔎 Keyword: “{keyword}” · {kind}",
    "card_mention_kind": "🔎 {kind}",
    "card_verdict_complaint": "Director: <b>a complaint</b>",
    "card_verdict_not": "Director: <b>not a complaint</b>",
    "kind_complaint": "looks like a complaint",
    "kind_praise": "praise",
    "kind_question": "a question",
    "kind_neutral": "a neutral mention",
    "btn_not_complaint": "🙅 Not a complaint",
    "btn_is_complaint": "❗ A complaint",
    "verdict_complaint": "#{id} marked as a complaint.",
    "verdict_not": "#{id} marked as not a complaint.",
    "mention_summary_title": (
        "🗞 <b>Mentions: {count}</b> — praise, questions and neutral ones. "
        "Open any of them with /ticket N."
    ),
    "mention_summary_line": "#{id} · {kind} · {source}: {text}",
    "btn_instant_on": "🔔 Send every mention as a card",
    "btn_instant_off": "🗞 Collect non-complaints into the summary",
    "instant_on": "Every mention now arrives as a card at once.",
    "instant_off": "Praise, questions and neutral mentions are collected into the summary again.",
    "spike_alert": (
        "📈 <b>Mentions spike</b>: {count} in the last hour (usually about {usual} an hour).\n"
        "Sources: {sources}\nTop words: {words}"
    ),
    "source_failing": (
        "⚠️ Source {name} has been failing since {since}: {error}. I keep trying and will "
        "tell you when it works again."
    ),
    "source_recovered": "✅ Source {name} works again.",
    "feeds_title": "<b>Feeds</b> (remove with a button or /feeds remove N):",
    "feeds_empty": "No feeds. Add one: /feeds add URL",
    "channels_title": "<b>Channels</b> (remove with a button or /channels remove N):",
    "channels_empty": "No channels. Add one: /channels add channel_name",
    "source_line": "{id}. {name}",
    "btn_remove_source": "🗑 {id}. {name}",
    "usage_feeds": "/feeds · /feeds add URL · /feeds remove N",
    "usage_channels": "/channels · /channels add name · /channels remove N",
    "usage_keywords": (
        "/keywords · /keywords add word · /keywords minus word · /keywords block author · "
        "/keywords remove word"
    ),
    "feed_added": (
        "Feed added: {name}. Its earlier entries are marked as read; only new ones will come."
    ),
    "channel_added": (
        "Channel added: {name}. Its earlier posts are marked as read; only new ones will come."
    ),
    "source_exists": "Already watching: {name}.",
    "feed_bad_url": "This does not look like a feed address: {url}. It must be http(s)://…",
    "channel_bad_name": "This does not look like a public channel: {name}. Example: fitstudio_news",
    "source_removed": "No longer watching: {name}.",
    "source_not_found": "There is no source #{id}.",
    "keywords_title": (
        "<b>Keywords</b>: {keywords}\n<b>Minus-words</b>: {exclude}\n"
        "<b>Blocked authors</b>: {authors}"
    ),
    "watch_keyword": "keywords",
    "watch_exclude": "minus-words",
    "watch_author": "blocked authors",
    "watch_added": "Added “{word}” to the list: {list}.",
    "watch_exists": "“{word}” is already in the list: {list}.",
    "watch_removed": "Removed “{word}”.",
    "watch_missing": "“{word}” is in none of the lists.",
    "watch_bad": "“{word}” has no letters or digits.",
    "sources_title": "<b>Mention sources</b>",
    "sources_empty": "No sources: /feeds add URL, /channels add name, or add the bot to a group.",
    "sources_line": "{id}. {name}\n    success: {ok} · error: {error} · mentions: {count}",
    "sources_error": "{when}, {reason}",
    "never": "never",
    "sources_mode_instant": "Every mention arrives as a card at once.",
    "sources_mode_summary": (
        "Complaints arrive as cards at once; the rest as a summary every {minutes} min."
    ),
    "cmd_feeds": "Review and news feeds",
    "cmd_channels": "Public channels",
    "cmd_keywords": "Keywords and minus-words",
    "cmd_sources": "All sources and their health",
    "closed_quietly": "Case #{id} is closed. It is a mention: its author is not notified.",
    "no_keywords_alert": (
        "⚠️ <b>No keywords are set</b>: posts from feeds, channels and groups are only marked "
        "as read and never become cases. Add your brand's name: /keywords add FitStudio "
        "(or KEYWORDS in the settings)."
    ),
    "no_keywords_line": (
        "⚠️ No keywords are set: mentions from here will not become cases. /keywords add brand"
    ),
    "btn_page_prev": "◀️ {page}/{pages}",
    "btn_page_next": "{page}/{pages} ▶️",
    # --- issue 3: sources and mentions (add keys above this line) ---
    "remind_due": (
        "⏰ <b>Control date for #{id}</b>: {due}.\n{author}: {text}\nOwner: {owner}. "
        "What shall we do?"
    ),
    "remind_overdue": (
        "🚨 <b>#{id} is overdue</b>: the control date was {due}, {delay} ago, "
        "and the ticket is still open.\n{author}: {text}\nOwner: {owner}."
    ),
    "remind_first_response": (
        "⏳ <b>#{id}: {author} has been waiting for a first answer for {delay}.</b>\n{text}\n"
        "Owner: {owner}."
    ),
    "remind_unhappy": (
        "↩️ <b>#{id}</b>: {author} answered the follow-up that not everything is fine. "
        "The ticket is open again.\nOwner: {owner}."
    ),
    "remind_outcome": "{text}\n\n<i>{outcome}</i>",
    "btn_rem_done": "✅ Done, close",
    "btn_rem_d1": "+1 day",
    "btn_rem_d3": "+3 days",
    "btn_rem_typed": "⌨️ Other date",
    "btn_rem_owner": "👤 Reassign",
    "followup_ask": "Hello! We recently closed your request #{id}. Is everything fine now?",
    "btn_fu_yes": "👍 Yes, all good",
    "btn_fu_no": "👎 Not really",
    "btn_rate": "{n} ⭐",
    "followup_thanks_yes": "Thank you! Glad it's all good. If you like, rate us from 1 to 5:",
    "followup_thanks_no": (
        "Sorry it didn't work out. We've reopened request #{id}: write here what is wrong and "
        "the director will see it. If you like, rate us from 1 to 5:"
    ),
    "followup_rated": "Thank you for your rating: {rating} of 5.",
    "followup_answered_already": "You have already answered, thank you!",
    "followup_outdated": "This question is no longer current.",
    "followup_author": "Bot",
    "history_followup_yes": "Answer to \u201cis everything fine\u201d: yes, all good",
    "history_followup_no": "Answer to \u201cis everything fine\u201d: not really",
    "history_rating": "Rating: {rating} of 5",
    "digest_title": "☀️ <b>Morning digest, {date}</b>",
    "digest_new_title": "<b>New since yesterday: {count}</b>",
    "digest_open_title": "<b>Open: {count}</b>",
    "digest_overdue_title": "<b>Overdue: {count}</b>",
    "digest_waiting_title": "<b>Waiting for a first answer: {count}</b>",
    "digest_answers_title": "<b>Clients' answers after closing: {count}</b>",
    "digest_count_line": "{name}: {count}",
    "digest_overdue_line": "#{id} · {owner} · control date was {due}",
    "digest_waiting_line": "#{id} · {author} · waiting {delay}",
    "digest_answer_yes": "#{id} · {author}: 👍 all good{rating}",
    "digest_answer_no": "#{id} · {author}: 👎 not really{rating}",
    "digest_answer_none": "#{id} · {author}: no answer{rating}",
    "digest_rating": " · rated {rating}/5",
    "digest_more": "… and {n} more",
    "digest_all_clear": "☀️ Good morning! No new, open or overdue tickets: all clear.",
    "settings_title": "<b>Settings</b>\nThe morning digest comes at {time} ({tz}).",
    "settings_all_clear_on": (
        "When there is nothing to report, you get a one-line \u201call clear\u201d."
    ),
    "settings_all_clear_off": "When there is nothing to report, no digest comes.",
    "btn_settings_all_clear_on": "☀️ Send \u201call clear\u201d",
    "btn_settings_all_clear_off": "🔕 Stay silent when there is nothing to report",
    "settings_saved": "Saved.",
    "cmd_settings": "Morning digest settings",
    # --- issue 4: reminders, follow-ups, digest (add keys above this line) ---
    "burst_title": (
        "📥 <b>New cases: {count}.</b> Rather than a flood of cards, here is the list; "
        "open any of them with /ticket N."
    ),
    "burst_line": "#{id} · {author}: {text}",
    "delivery_unreachable": (
        "⚠️ Messages cannot be delivered to chat {chat} (case #{id}): {reason}. "
        "I will not mention this chat again."
    ),
    "reply_queued": "The answer for #{id} is queued: Telegram asks to wait, I will deliver it.",
    "directors_only": "This command is for directors only.",
    "health_title": "<b>Delivery health</b>",
    "health_sender_ok": "The sender is running.",
    "health_sender_down": "⚠️ The sender is stopped: notifications are not going out.",
    "health_outbox": "Outbox: {depth} waiting · given up: {failed}",
    "health_oldest": "Oldest waiting: {when} (for {delay})",
    "cmd_health": "Delivery health",
    "health_sources_none": "No sources to poll (/feeds, /channels).",
    "health_sources": "Sources: {total} · answering: {ok}",
    "health_source_failing": "⚠️ {name}: {failures} failures in a row, last {when}: {error}",
    "health_sources_more": "…and {count} more failing: /sources",
    # --- issue 5: delivery and health (add keys above this line) ---
}

CATALOGUES: dict[str, dict[str, str]] = {"ru": RU, "en": EN}


class Texts:
    """Formats a language's strings; values are HTML-escaped unless wrapped in `Html`."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalogue = CATALOGUES[language]

    def __call__(self, key: str, **values: Any) -> str:
        safe = {name: _escape(value) for name, value in values.items()}
        return self._catalogue[key].format(**safe)


def _escape(value: Any) -> str:
    if isinstance(value, Html):
        return str(value)
    return html.escape(str(value), quote=True)
