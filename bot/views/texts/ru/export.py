"""Russian: /export: column names of the ticket table (CSV and XLSX) and what the command says.

The column names and values go into files, not Telegram messages: they are plain text with no
placeholders, so `Texts` returns them as written (nothing is HTML-escaped into a file).
"""

TEXTS: dict[str, str | dict[str, str]] = {
    "cmd_export": "Выгрузка обращений в CSV и Excel",
    "export_usage": (
        "Формат: /export [week|month|all] — за 7 дней (по умолчанию), за 30 дней или за всё "
        "время. Пришлю CSV и Excel, по строке на обращение."
    ),
    "export_caption": {
        "one": "Обращения с {first} по {last}: {count} обращение. CSV и Excel (XLSX).",
        "few": "Обращения с {first} по {last}: {count} обращения. CSV и Excel (XLSX).",
        "many": "Обращения с {first} по {last}: {count} обращений. CSV и Excel (XLSX).",
        "other": "Обращения с {first} по {last}: {count} обращения. CSV и Excel (XLSX).",
    },
    "export_empty": "С {first} по {last} обращений не было: выгружать нечего.",
    "export_empty_all": "Обращений пока нет: выгружать нечего.",
    "export_private_only": (
        "Выгрузку пришлю только в личные сообщения: в ней имена и слова всех клиентов. "
        "Напишите мне /export в личном чате."
    ),
    "export_too_large": (
        "Выгрузка вышла больше {limit} МБ, а Telegram принимает файлы до {limit} МБ. "
        "Возьмите период короче: /export month или /export week."
    ),
    # Excel in a Russian locale splits a double-clicked CSV on ";" (its list separator, since
    # "," is the decimal comma); with "," every row would land in one column.
    "export_csv_delimiter": ";",
    # Dates in the CSV as the language's Excel reads them into a date-time (strftime), and
    # the XLSX cells' number format (moments there are real date-times already).
    "export_csv_date_format": "%d.%m.%Y %H:%M",
    "export_xlsx_date_format": "dd.mm.yyyy hh:mm",
    "export_sheet": "Обращения",
    "export_col_id": "№",
    "export_col_source": "Источник",
    "export_col_tag": "Метка источника",
    "export_col_link": "Ссылка",
    "export_col_client": "Клиент",
    "export_col_text": "Текст обращения",
    "export_col_status": "Статус",
    "export_col_created": "Создано",
    "export_col_first_response": "Первый ответ",
    "export_col_first_response_minutes": "Минут до первого ответа",
    "export_col_owner": "Ответственный",
    "export_col_due": "Точка контроля",
    "export_col_due_history": "Все точки контроля",
    "export_col_promise": "Срок",
    "export_col_cause": "Причина",
    "export_col_resolution": "Итог",
    "export_col_closed": "Закрыто",
    "export_col_followup": "Ответ клиента после закрытия",
    "export_col_rating": "Оценка",
    "export_col_reopened": "Переоткрыто, раз",
    "export_source_dm": "Личные сообщения",
    "export_source_business": "Личные сообщения директора",
    "export_source_chat": "Группа",
    "export_source_channel": "Канал",
    "export_source_feed": "Лента",
    "export_promise_kept": "соблюдён",
    "export_promise_missed": "пропущен",
    "export_followup_yes": "всё в порядке",
    "export_followup_no": "не всё в порядке",
    "export_followup_none": "нет ответа",
}
