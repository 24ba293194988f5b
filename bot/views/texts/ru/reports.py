"""Russian: the weekly report and /report: chart titles and labels, the figures under the
charts, and what got worse most.

Chart labels are drawn, not sent: short, without HTML, and with no number that would need
a plural form ("Жалоб: 42" rather than "42 жалобы"), since a picture cannot be corrected later.
"""

TEXTS: dict[str, str | dict[str, str]] = {
    "cmd_report": "Отчёт с графиками: /report [week|month|ДД.ММ-ДД.ММ]",
    "report_usage": (
        "Формат: /report — последние 7 дней, /report month — 30 дней, "
        "/report 01.11-15.11 — с какого по какой день (не больше 93 дней)."
    ),
    "report_too_long": "Слишком длинный период: не больше 93 дней, иначе графики не прочесть.",
    "report_future": "Этот период ещё не начался.",
    # --- charts ------------------------------------------------------------------------------
    "report_weekdays": "Пн,Вт,Ср,Чт,Пт,Сб,Вс",
    "report_source_dm": "Личные",
    "report_source_groups": "Группы",
    "report_source_channels": "Каналы",
    "report_source_feeds": "Ленты",
    "report_source_other": "Другое",
    "report_chart_complaints": "Жалобы по дням\n{count}, было {before}",
    "report_unit_minutes": "мин",
    "report_unit_hours": "ч",
    "report_chart_response": "Первый ответ, {unit}",
    "report_median": "Медиана",
    "report_p90": "9 из 10 ответов быстрее",
    "report_goal": "Норма: {value} {unit}",
    "report_bucket_0": "до 1 ч",
    "report_bucket_1": "1–4 ч",
    "report_bucket_2": "4–24 ч",
    "report_bucket_3": "1–3 дня",
    "report_bucket_4": "дольше",
    "report_chart_closed": "Закрыто: {count}. Сколько заняло",
    "report_chart_open": "Открыто: {count}. Сколько уже ждут",
    "report_chart_causes": "Причины жалоб",
    "report_cause_process": "Процесс",
    "report_cause_informing": "Информирование",
    "report_cause_expectations": "Ожидания",
    "report_cause_other": "Другое",
    "report_now": "Этот период",
    "report_before": "Прошлый",
    "report_chart_promises": "Обещания: в срок\n{kept} из {total}",
    "report_kept": "В срок",
    "report_missed": "Сорвано",
    "report_nobody": "Без ответственного",
    "report_chart_answers": "Клиенты после закрытия",
    "report_fine": "Всё хорошо",
    "report_not_fine": "Не совсем",
    "report_chart_ratings": "Оценки, средняя {average}",
    "report_chart_no_ratings": "Оценок не было",
    # --- the text under the charts ---------------------------------------------------------
    "report_empty": (
        "📊 За {first}–{last} жалоб, закрытий, обещаний и ответов клиентов не было: "
        "показывать нечего."
    ),
    "report_empty_open": " Открытых на конец периода: {count}.",
    "report_title": (
        "📊 <b>Отчёт за {first}–{last}.{year}</b> (сравнение с {before_first}–{before_last})"
    ),
    "report_complaints": "Жалоб: <b>{count}</b> (было {before}{change})",
    "report_sources": "Откуда: {parts}",
    "report_part": "{name} {count}",
    "report_minutes": "{n} мин",
    "report_hours": "{n} ч",
    "report_days": "{n} дн.",
    "report_response": (
        "Первый ответ: медиана <b>{median}</b>, 9 из 10 — быстрее {p90}; "
        "в норму {goal} — {share}{was}"
    ),
    "report_was_response": " (было: медиана {median}, в норму {share})",
    "report_response_none": "Первый ответ: ответов на жалобы этого периода не было.",
    "report_unanswered": "Ещё ждут первого ответа: <b>{count}</b>",
    "report_was": " (было {value})",
    "report_was_share": ", было {value}",
    "report_closed": "Закрыто: <b>{count}</b>, медиана до закрытия {median}{was}",
    "report_closed_none": "Закрыто: ничего.",
    "report_open": "Открыто на конец периода: <b>{count}</b> (было {before}){old}",
    "report_open_old": ", из них дольше 3 дней: {count}",
    "report_causes": "Причины (было): {parts}{missing}",
    "report_cause_part": "{name} {count} ({before})",
    "report_no_cause": "; без причины: {count}",
    "report_causes_none": "Причины: закрытых с причиной не было.",
    "report_promises": "Обещания: в срок <b>{kept} из {total}</b> ({share}{was}){missed}",
    "report_missed_by": "; сорвали: {who}",
    "report_promises_none": "Обещания: контрольных дат в этом периоде не было.",
    "report_followups": (
        "Клиенты после закрытия: «всё хорошо» {fine}, «не совсем» {not_fine}{was}{rating}"
    ),
    "report_was_followups": " (было {fine} и {not_fine})",
    "report_rating": "; средняя оценка {value} (оценок: {count})",
    "report_followups_none": "Клиенты после закрытия: ответов не было.",
    "report_checks": (
        "Проверка ответов: ответов клиентам {replies}, задержано {held} ({flags}); "
        "исправили {fixed}, отправили как есть {as_is}"
    ),
    "report_checks_clean": "Проверка ответов: ответов клиентам {replies}, замечаний не было.",
    "report_worst": "⚠️ <b>Хуже всего</b> — {what}: {now} против {before}.",
    "report_nothing_worse": "✅ Ничего не стало хуже, чем в прошлом периоде.",
    "report_metric_complaints": "жалоб",
    "report_metric_response_median": "медиана первого ответа",
    "report_metric_response_p90": "9 из 10 первых ответов",
    "report_metric_in_goal": "ответы в норму",
    "report_metric_close_median": "медиана закрытия",
    "report_metric_open": "открытых на конец периода",
    "report_metric_cause_process": "причина «процесс»",
    "report_metric_cause_informing": "причина «информирование»",
    "report_metric_cause_expectations": "причина «ожидания»",
    "report_metric_cause_other": "другие причины",
    "report_metric_missed": "сорванные обещания",
    "report_metric_not_fine": "«не совсем» после закрытия",
    "report_metric_rating": "средняя оценка",
}
