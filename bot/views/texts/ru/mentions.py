"""Russian: mentions found in feeds, channels and groups: their kinds, the director's verdict
on a complaint, the summary of everything else, the spike alert and the missing-keywords
warning.
"""

TEXTS = {
    "card_mention": "🔎 Ключевое слово: «{keyword}» · {kind}",
    "card_mention_kind": "🔎 {kind}",
    "card_possible_complaint": "⚠️ <b>возможно, жалоба</b>: {markers}",
    "card_possible_same_text": "⚠️ Этот же текст вы раньше отметили <b>жалобой</b>",
    "card_possible_model": (
        "⚠️ <b>возможно, жалоба</b>: похоже на то, что вы раньше отмечали жалобой"
    ),
    "card_verdict_complaint": "Директор: <b>это жалоба</b>",
    "card_verdict_not": "Директор: <b>не жалоба</b>",
    "kind_complaint": "похоже на жалобу",
    "kind_praise": "похвала",
    "kind_question": "вопрос",
    "kind_neutral": "нейтральное упоминание",
    "verdict_complaint": "№{id} отмечено как жалоба.",
    "verdict_not": "№{id} отмечено как не жалоба.",
    "mention_summary_title": {
        "one": (
            "🗞 <b>{count} упоминание</b>"
            " — похвала, вопросы и нейтральное. Любое открывается командой /ticket N."
        ),
        "few": (
            "🗞 <b>{count} упоминания</b>"
            " — похвала, вопросы и нейтральное. Любое открывается командой /ticket N."
        ),
        "many": (
            "🗞 <b>{count} упоминаний</b>"
            " — похвала, вопросы и нейтральное. Любое открывается командой /ticket N."
        ),
        "other": (
            "🗞 <b>{count} упоминания</b>"
            " — похвала, вопросы и нейтральное. Любое открывается командой /ticket N."
        ),
    },
    "mention_summary_line": "№{id} · {kind}{why} · {source}: {text}",
    "mention_summary_why": " ({markers})",
    "mention_summary_same_text": " (этот же текст вы раньше отметили «не жалоба»)",
    "mention_summary_model": " (похоже на то, что вы раньше отмечали «не жалоба»)",
    "mention_summary_more": "Кнопки — для первых {shown}; любое другое: /ticket N и «Это жалоба».",
    "btn_summary_complaint": "№{id} — жалоба",
    "summary_complaint_sent": "№{id}: это жалоба, карточка отправлена.",
    "instant_on": "Теперь каждое упоминание приходит карточкой сразу.",
    "instant_off": "Похвала, вопросы и нейтральные упоминания снова собираются в сводку.",
    "spike_alert": {
        "one": (
            "📈 <b>Всплеск упоминаний</b>: за последний час пришло {count} упоминание "
            "(обычно около {usual} в час).\n"
            "Источники: {sources}\nЧастые слова: {words}"
        ),
        "few": (
            "📈 <b>Всплеск упоминаний</b>: за последний час пришло {count} упоминания "
            "(обычно около {usual} в час).\n"
            "Источники: {sources}\nЧастые слова: {words}"
        ),
        "many": (
            "📈 <b>Всплеск упоминаний</b>: за последний час пришло {count} упоминаний "
            "(обычно около {usual} в час).\n"
            "Источники: {sources}\nЧастые слова: {words}"
        ),
        "other": (
            "📈 <b>Всплеск упоминаний</b>: за последний час пришло {count} упоминания "
            "(обычно около {usual} в час).\n"
            "Источники: {sources}\nЧастые слова: {words}"
        ),
    },
    "no_keywords_alert": (
        "⚠️ <b>Ключевые слова не заданы</b>: сообщения из лент, каналов и групп я только "
        "отмечаю как прочитанные, обращениями они не становятся. Добавьте название бренда: "
        "/keywords add ФитСтудио (или KEYWORDS в настройках)."
    ),
}
