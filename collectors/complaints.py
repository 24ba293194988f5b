"""Is this text a complaint, and may it wait an hour? A hand-written lexicon for Russian and
English, with a small trained model (collectors.detector_model) adding its evidence.

No model download: the bot must start on a cheap VPS and the director must be able to ask
"why was this flagged?" — the answer is the tuple of markers. Decisions lean towards
"complaint": a missed complaint costs a customer, a false one costs the director a glance.

Two answers come out of `classify`:

* `kind` — complaint, praise, question or neutral: what the text most likely is, and a
  complaint only when the evidence is strong (kept precise: it is shown as a fact).
* `card` — whether the text alone earns an instant card, i.e. "may this wait an hour?" → no.
  A complaint always does; so does a question or a neutral text with any grievance evidence
  (the card says "возможно, жалоба" and lists the markers). Only confident praise, plain
  questions and news-like neutral text wait for the summary. The intake routes on `card`.

How a text is scored:

* Markers are regexes on normalised text (lower case, ё -> е, "n't" -> " not"), written as
  Russian stems so endings do not matter ("опоздал", "опоздала", "опоздали").
* NEGATIVE markers ("плохо", "грязно", "rude", "сбой") count as complaint unless negated within
  the same clause ("не плохо", "not bad" count for nothing) or followed by an absence ("проблем
  нет", see _NEUTRAL).
* EXPECTATION markers ("работает", "ловит", "work") count only when negated: "не работает"
  and "никто не отвечает" are complaints, "всё работает" is nothing. Any other verb under a
  negation ("не поступают", "не могла") is weaker evidence (_NEG_VERB), except the verbs news
  and advice are negated with ("не исключает", "не забудьте").
* PRAISE markers count as praise, and as a complaint when negated ("не понравилось"). Thanks
  and praise that follow a grievance with no contrast between are politeness or sarcasm
  ("Весь день без связи. Спасибо за это!") and weigh little.
* FIXED markers carry their own meaning regardless of negation ("верните", "без моего
  согласия", "never again", "списали дважды", "ну и где мой заказ", "ну спасибо").
* NEUTRAL phrases mark an absence of trouble ("проблем нет", "без очередей", "no issues"):
  their words count for nothing.
* After a contrast ("но", "однако", "а оказалось", "but") the clause weighs more and what came
  before weighs less: "Отличный клуб, но парковка постоянно занята" is a complaint. A fear
  before the contrast ("думала будет ужасно, а оказалось…") weighs nothing.
* A question that asks "why" reproaches; a plain question ("до скольки вы работаете?") waits.
* A failure only supposed ("если не работаешь", "if it does not arrive") or a negated bare
  infinitive ("как не попасть", "лучше не хранить": advice) is no grievance.
* A story told as solved ("был сбой — быстро всё исправили") weighs a third; the business's
  own voice (an offer of help, a reminder, a promotion) needs more to earn a card; irony
  (🙃, «оперативная» in quotes, "спасибо, что опять отменили") is a grievance, not praise.
* A published text (link, repost, hashtag) with nobody in it, no "I", "we" or "you", reports
  rather than complains: it still earns a card, but a certain complaint needs
  REPORT_THRESHOLD of evidence (news of an outage is "возможно, жалоба" for the director).
* The trained model (if shipped) turns its probability into evidence (_model_weight) that adds
  to the complaint tally; its markers name the words that raised it ("модель: не ловит").

Cost is linear in the text and the text is capped (CLASSIFY_CHARS): the intake classifies
every mention, and a complaint-heavy 68 KB entry used to take seconds of the event loop.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from collectors import detector_model
from collectors.detector_model import ComplaintModel

Kind = Literal["complaint", "praise", "question", "neutral"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    score: float  # 0..1, strength of the evidence for `kind`
    markers: tuple[str, ...]
    # Does the text alone earn an instant card? True for every complaint, and for a question or
    # neutral text with grievance evidence (then `markers` say which: "возможно, жалоба").
    card: bool = False

    @property
    def possible_complaint(self) -> bool:
        """A card that is not a certain complaint: shown as "возможно, жалоба"."""
        return self.card and self.kind != "complaint"


COMPLAINT_THRESHOLD = 1.0
PRAISE_THRESHOLD = 1.0
# The grievance evidence that earns a card without being a certain complaint: one weak marker
# ("сбой", "жду", "не поступают") is enough — "may this wait an hour?" is answered no.
CARD_THRESHOLD = 0.5
# Praise must outweigh the grievance this many times to wait: "Спасибо, всё отлично, только
# душ холодный" is praise the director should still see now; "amazing crew, even with the
# delay" may wait.
CONFIDENT_PRAISE = 1.5
_BEFORE_CONTRAST = 0.6
_AFTER_CONTRAST = 1.3
# Thanks or praise after a grievance, with no contrast between: politeness or sarcasm.
_PRAISE_AFTER_GRIEVANCE = 0.2
_NEGATION_WINDOW = 3  # words looked back for a negator, within the clause
# Characters looked back for those words. Three words and the spaces between them fit in
# far less; a longer word only means fewer words are seen, which reads as "not negated".
_NEGATION_CHARS = 120
# How much of a text is classified. The verdict is about what the author says first: a
# chat message is at most 4096 characters, and in a long review the complaint is in its
# opening paragraphs. Beyond that more text only adds noise (and time: every marker is
# looked for in all of it), so the rest is not read.
CLASSIFY_CHARS = 4096

# The model's probability becomes complaint evidence above MODEL_FLOOR, MODEL_SCALE per unit
# of log-odds, at most MODEL_CAP: at 0.9 it adds about one strong marker. A model sure that the
# text is no complaint (below MODEL_DOUBT) raises the evidence a possible complaint needs by
# MODEL_VETO: one weak marker in a news line ("очередной иск", "снова обновили максимум") does
# not earn a card; a certain complaint is never touched. All four were chosen on held-out
# folds of the public sets (bench/detector.py): lower floors bought recall with false alarms
# on brand mentions above 0.10.
MODEL_FLOOR = 0.75
MODEL_SCALE = 1.2
MODEL_CAP = 2.0
MODEL_DOUBT = 0.3
MODEL_VETO = 0.5

_W = r"[a-zа-я0-9]*"  # the rest of a word after a stem

# (label, pattern, weight); patterns are applied with a leading word boundary.
_NEGATIVE: tuple[tuple[str, str, float], ...] = (
    ("плохо", rf"плох{_W}|хуже\b|(?:наи)?худш{_W}", 1.0),
    ("ужасно", rf"ужас{_W}", 1.0),
    ("отвратительно", rf"отврат{_W}|мерз{_W}|омерзит{_W}", 1.0),
    ("кошмар", rf"кошмар{_W}|жесть\b|ад(?:у|ом)?\b|адск{_W}|треш\b|днище", 1.0),
    ("безобразие", rf"безобраз{_W}|беспредел{_W}|произвол{_W}", 1.0),
    ("хамство", rf"хам(?:ств|ск|и[тлш]|ят|ка|ло|ов|ь|\b){_W}|нахам{_W}", 1.0),
    (
        "кричат",
        r"крич(?:ит|ат|ал|ала|али)\b|накрич\w*|орут\b|орет\b|наорал\w*"
        r"|(?:бросил|бросила|бросили|положил|положила)\s+трубку",
        1.0,
    ),
    ("грубо", rf"груб{_W}|нагруб{_W}", 1.0),
    ("грязно", rf"грязн{_W}|грязь{_W}", 1.0),
    ("мусор", rf"мусор{_W}", 0.7),
    ("обман", rf"обма(?:н|нул|нут|ныва){_W}|обманщик{_W}|лж(?:ец|ецы|ете|ут)\b|вран{_W}|врут", 1.0),
    ("мошенники", rf"мошенн{_W}|лохотрон{_W}|кидал{_W}|кину(?:ли|л)\b", 1.0),
    ("развод", rf"развел?и\b|развод{_W}|обдира{_W}|обдирал{_W}", 0.7),
    ("воровство", rf"укра(?:л|ли|ла|дены?)\b|краж{_W}|воров{_W}|воруют|ворюг{_W}|грабе?ж{_W}", 1.0),
    ("опоздал", r"(?!опоздаю|опоздаем|опаздываю|опаздываем)(?:опозда\w*|опаздыва\w*)", 1.0),
    ("сорвано", rf"сорва{_W}|сорвал{_W}", 1.0),
    (
        "сломано",
        rf"слома{_W}|сломл{_W}|поломк{_W}|поломал{_W}|неисправ{_W}|нерабоч{_W}|сдох(?:ла|ло|ли)?\b"
        rf"|трещин{_W}|надорван{_W}|порван{_W}",
        1.0,
    ),
    (
        "сбой",
        rf"сбо(?:й|я|ю|е|и|ев|ям|ями|ях)\b|перебо{_W}|глюч{_W}|глюк{_W}|отвалива{_W}|отвалил{_W}|вылета(?:ет|ют)\b|слетел{_W}|завис(?:ает|ают|ло|ла|ли|ание|ания|ший|шее)?\b|зависл{_W}",
        1.0,
    ),
    ("отменили", r"отменил[аи]?\b|отменяют|отменяете|перенесли|переносят", 0.5),
    ("тормозит", r"тормоз(?:ит|ят|ил|ила|или|ит|ное|ной|ная)\b|висит\b|висят\b|виснет", 0.7),
    # "перестал работать"; "спина перестала болеть" is the opposite
    ("перестал", rf"перестал{_W}(?!\s+(?:болеть|беспокоить|бояться|волноваться))", 1.0),
    ("отстой", rf"отстой{_W}", 1.0),
    ("разочарование", rf"разочаров{_W}", 1.0),
    ("недоволен", rf"недовол{_W}", 1.0),
    ("возмутительно", rf"возмущ{_W}|возмутит{_W}|возмутил{_W}|негодова{_W}|негоду{_W}", 1.0),
    # "Ненавижу вашу поддержку"; "ненавижу понедельники" is nobody's fault
    (
        "ненавижу",
        r"(?:ненавиж[а-я]*|ненавид[а-я]*|ненавист[а-я]*)"
        r"(?!\s+(?:понедельник|утр|зим|осен|дожд|холод|жар|пробк|будильник|рано|вставать))",
        1.0,
    ),
    ("незаконно", rf"незаконн{_W}|неправомерн{_W}|несанкционир{_W}", 1.0),
    # "Им плевать на клиентов"; "мне плевать на погоду" is the speaker's own mood.
    (
        "безразличие",
        rf"(?<!мне )(?<!нам )(?:плевать|наплевал{_W}|наплеват{_W}|пофиг{_W}|безразлич{_W})",
        1.0,
    ),
    ("жалоба", rf"жалоб{_W}|жалуюсь|пожалуюсь|нажалуюсь", 1.0),
    ("претензия", rf"претензи{_W}", 1.0),
    ("тишина", r"тишина", 0.7),
    ("игнор", rf"игнор{_W}|проигнорир{_W}", 1.0),
    ("холодно", rf"холодн{_W}|ледян{_W}", 0.5),
    ("громко", rf"громк{_W}", 0.5),
    (
        "мокро",
        rf"мокр{_W}|влажн(?!ая\s+уборк|ую\s+уборк)[а-я]*|сыр(?:ой|ая|ые|ое|ых)\b|протека{_W}|теч(?:ет|ь)\b|затопил{_W}",
        0.5,
    ),
    ("так себе", r"так\s+себе|не\s+ахти|оставляет\s+желать", 0.7),
    (
        "душно",
        rf"душн{_W}|жарко|жарища|тесн(?:о|ая|ый|ые)\b|толкуч{_W}|давк{_W}|переполнен{_W}"
        r"|overcrowded|crowded|packed\s+with\s+(?:people|kids|children)|packed(?!\s+with)",
        0.5,
    ),
    ("нечестно", rf"нечестн{_W}|несправедлив{_W}|unfair", 1.0),
    ("испорчено", rf"испорч{_W}|тухл{_W}|протух{_W}|гнил{_W}|плесен{_W}|таракан{_W}", 1.0),
    ("пятна", r"пятн(?:о|а|ами|ах|ом|е)\b|пятнист\w*|волос(?:ы|ом|ами)?\s+в\b", 0.5),
    ("невозможно", rf"невозможн{_W}|нереальн{_W}", 1.0),
    ("бардак", rf"бардак{_W}|беспоряд{_W}|бардачн{_W}", 1.0),
    ("позор", rf"позор{_W}", 1.0),
    ("ошибка", rf"ошибк{_W}|ошибочн{_W}|ошибл{_W}|косяч{_W}|косяк{_W}", 0.5),
    ("проблема", rf"проблем{_W}", 0.7),
    ("задержка", rf"задерж{_W}", 0.7),
    ("очередь", r"очеред(?:ь|и|ей|ях|ям|ью)\b", 0.5),
    ("долго", r"долго\b|медленн\w*|еле\s+\w+", 0.5),
    (
        "дорого",
        r"дорого\b|дороже\b|подорожа\w*|завышен\w*|драть\b|дерут\b"
        r"|(?:подняли|повысили|подымают|повышают)\s+(?:\w+\s+)?(?:цен|плат|стоимост|тариф)\w*"
        r"|raised\s+(?:my|our|the)?\s*(?:rate|price|fee)s?|price hike\w*",
        0.5,
    ),
    ("навязывают", rf"навяз{_W}|впарива{_W}|впарил{_W}", 1.0),
    (
        "пропало",
        rf"пропал[аио]?\b|пропадает|пропадают|исчез{_W}|потерял{_W}|потеря(?:ли|на|но|ны)\b",
        0.7,
    ),
    (
        "заблокировали",
        rf"заблокир{_W}|блокиров{_W}|блокиру{_W}|отключил{_W}|отключ(?:ен|ени){_W}",
        0.7,
    ),
    # "Отказали в кредите" is a let-down; "Сбербанк отказался от иска" is news.
    ("отказ", r"отказ(?:али|ывают|ывает|ал|ала|ано)\b|отказ\s+в\b|получил\w*\s+отказ", 0.7),
    ("обсчитали", rf"обсчита{_W}|обсчет{_W}|недовес{_W}|недодал{_W}|недолож{_W}|переплат{_W}", 1.0),
    ("неудобно", rf"неудобн{_W}|неприятн{_W}|некорректн{_W}|неадекват{_W}|непонятн{_W}", 0.7),
    ("безответственно", rf"безответствен{_W}|некомпетент{_W}|халатн{_W}|непрофессионал{_W}", 1.0),
    ("к сожалению", r"к сожалению|увы\b|жаль\b|печаль\w*|обидн\w*|грустн\w*", 0.5),
    ("досада", r"блин\b|эх\b", 0.3),  # counted once: "эх, блин" is one sigh
    (
        "мучение",
        rf"муч(?:а|ени|ил|ит|ают|аюсь|аемся){_W}|замуч{_W}|намуч{_W}|нервотреп{_W}|нерв(?:ы|ов)\b",
        0.7,
    ),
    (
        "ругательство",
        r"бля\w*|ху[йеёия]\w*|пизд\w*|говн\w*|дерьм\w*|жоп\w*|еба\w*|ебу\w*|заеб\w*|"
        r"охуе(?!нн)\w*|хрен\w*|херн\w*|нахер|похер|фигн\w*|ерунд\w*|бред\w*|абсурд\w*|"
        r"капец(?!\s+как\b)|"
        r"задолба\w*|достал(?:и|о|а)?\b|достают|бесит|бесят|надоел\w*|задрал\w*|"
        r"охренел\w*|офигел\w*|(?:охренеть|офигеть)(?!\s+как\b)|обнаглел\w*|нагл(?:ость|о|ые|ая|ый|ец|ецы)\b|"
        r"идиот\w*|дебил\w*|туп(?:ые|ой|ая|о|ость|ят|ит|ица)\b|кретин\w*|криворук\w*|"
        r"издева\w*|издевательств\w*|убожеств\w*|уроды?\b|сволоч\w*|твар\w*",
        1.0,
    ),
    ("bad", r"bad|worse|worst|poor\w*|sucks?|sucked|crap\w*|shit\w*|fuck\w*|wtf|ffs|smh|ugh", 1.0),
    (
        "terrible",
        r"terrible|awful|horrible|horrendous|disgusting|appalling|atrocious|pathetic",
        1.0,
    ),
    ("useless", r"useless|worthless|joke|nightmare|disgrace\w*|shameful|shambles|ridiculous", 1.0),
    (
        "rude",
        r"rude\w*|impolite|unprofessional|unhelpful|incompetent|arrogant|mistreat\w*"
        r"|disrespect\w*|hung up on|hangs? up on",
        1.0,
    ),
    ("dirty", r"dirty|filthy|stains|stained (?:with|by)|smell\w*|stink\w*|mould\w*|mold\w*", 1.0),
    ("late", r"late(?!\s+fees?)|delayed|delay\w*", 0.7),
    (
        "cold",
        r"(?:is|are|was|were|always|too|ice)\s+cold|freezing"
        r"|cold\s+(?:room|water|showers?|hall|studio|pool|food)",
        0.5,
    ),
    (
        "broken",
        r"broken|broke|damaged|faulty|defective|cracked|leak\w*|malfunction\w*|ruin\w*"
        r"|falling apart|fell apart|messed up|screwed up|stop(?:ped|s)? working(?!\s+out)"
        r"|out of order",
        1.0,
    ),
    (
        "error",
        r"error\w*|fail\w*|crash\w*|glitch\w*|bug\w*|outage\w*|stuck|invalid"
        r"|(?:is|are|was|were|been|went|still)\s+offline(?!\s+mode)"
        r"|(?:site|app|server|servers|system|website|network|service|services|portal|it|"
        r"internet|wi-?fi|phones?|lines?|power|email|page|platform)"
        r"\s+(?:is|are|was|were|has been|have been|went|still|keeps going)\s+down",
        0.7,
    ),
    (
        "keeps dropping",
        r"keeps?\s+(?:on\s+)?"
        r"(?:dropping|crashing|failing|freezing|disconnecting|cutting out|losing|jamming|"
        r"breaking|logging (?:me |us )?out|glitching|cancell?ing|overcharging)",
        0.7,
    ),
    ("unresolved", r"unsolved|unresolved", 0.7),
    (
        "missing",
        r"missing|disappear\w*|(?:credits|files|emails|bookings|data|points|photos|projects|"
        r"balance|money)\s+(?:are|were|is|was)\s+(?:all\s+)?gone",
        0.7,
    ),
    ("lost", r"lost|wrong", 0.3),
    ("cancelled", r"cancel\w*", 0.3),
    (
        "bait and switch",
        r"(?:we were|i was|were|was) told|told (?:us|me)"
        r"|(?:even though|despite) (?:we|i)\b|fine print",
        0.5,
    ),
    ("slow", r"slow\w*|forever|(?:for|takes?|took|in)\s+ages|barely", 0.5),
    ("disappointed", r"disappoint\w*|let down|letdown|unhappy|dissatisfied|unsatisfied", 1.0),
    (
        "frustrated",
        r"frustrat\w*|annoy\w*|angry|upset|furious|fed up|sick of|tired of|hate\w*",
        1.0,
    ),
    ("scam", r"scam\w*|fraud\w*|cheat\w*|ripped off|rip-off|lie[ds]?|lying|liars?|mislead\w*", 1.0),
    ("complaint", r"complain\w*|complaint", 1.0),
    ("unacceptable", r"unacceptable|outrageous|inexcusable|absurd", 1.0),
    ("ignored", r"ignor\w*", 1.0),
    ("problem", r"problem\w*|issue\w*", 0.5),
    ("unable", r"unable|impossible", 0.7),
)
_EXPECTATION: tuple[tuple[str, str, float], ...] = (
    ("работает", rf"работа{_W}|работ(?:ал|ит){_W}|заработа{_W}|функциониру{_W}", 1.0),
    ("отвечают", rf"отвеча{_W}|ответил{_W}|ответ\b|ответа\b|отвеч{_W}", 1.0),
    ("перезвонили", rf"перезвон{_W}|звонил{_W}|дозвон{_W}|связ(?:ал|ат|ыва){_W}", 1.0),
    ("читается", rf"чита{_W}|счита(?:ет|ло)ся|распозна{_W}", 1.0),
    ("открывается", rf"открыва{_W}|открыл{_W}|откро{_W}", 1.0),
    ("включается", rf"включа{_W}|загружа{_W}|грузит{_W}|запуска{_W}|подключа{_W}|подключ{_W}", 1.0),
    (
        "пришёл",
        rf"приш(?:ел|ла|ли|ло)\b|пришел{_W}|приех{_W}|привез{_W}|доставил{_W}|дош(?:ел|ла|ли|ло)\b|доходит|доходят",
        1.0,
    ),
    (
        "приходят",
        rf"приход(?:ит|ят|или|ило|ила){_W}|поступа{_W}|поступил{_W}|зачисл{_W}|отображ{_W}",
        1.0,
    ),
    ("ловит", r"лов(?:ит|ят|ил|ила|или|ило)\b|ловится", 1.0),
    (
        "принимают",
        rf"принима{_W}|принял{_W}|проход(?:ит|ят|ил)\b|прош(?:ел|ла|ли)\b|срабатыва{_W}|сработал{_W}",
        1.0,
    ),
    (
        "выдают",
        rf"выда(?:ют|ет|ли|л|ла|ло)\b|выдаю{_W}|дают\b|дали\b|дает\b|выполн{_W}|выплат{_W}",
        1.0,
    ),
    ("предупредили", rf"предупред{_W}|сообщил{_W}|уведом{_W}|объясн{_W}|предостав{_W}", 1.0),
    ("поздоровался", rf"поздорова{_W}|извинил{_W}|извини{_W}", 1.0),
    ("берут трубку", r"(?:бер(?:ет|ут)|брал[аи]?|взял[аи]?|поднима[а-я]*)\s+трубк[а-я]*", 1.0),
    ("вернули", rf"вернул{_W}|верн(?:ут|ет)\b", 1.0),
    ("помогли", rf"помог{_W}|помоч{_W}|помога{_W}", 1.0),
    ("починили", rf"почин{_W}|исправ{_W}|устран{_W}|реш(?:ил|ен|ает|ают|ат)\w*|обновл{_W}", 1.0),
    ("убрали", rf"убра{_W}|убира{_W}|вынос{_W}|вынес{_W}", 1.0),
    ("получил", rf"получ{_W}", 0.7),
    ("могу", r"мо(?:гу|жем|жете|жет|гут|г|гла|гли|гло)\b|смог\w*|получа(?:ет|ется|лось)\b", 0.7),
    ("хватает", rf"хвата{_W}", 0.7),
    ("соответствует", rf"соответств{_W}", 1.0),
    ("work", r"work\w*|function\w*|load\w*|connect\w*|sync\w*|open\w*|install\w*|turn\w* on", 1.0),
    (
        "respond",
        r"respond\w*|reply\w*|replied|answer\w*|call\w* back|heard|hear back|picks? up|picked up"
        r"|apologi[sz]\w*|said sorry|told|informed|notified|warned",
        1.0,
    ),
    ("arrive", r"arriv\w*|deliver\w*|show\w* up|came|shipped|dispatched", 1.0),
    ("received", r"receiv\w*|got|get|gotten|getting|credited|processed|updated|accept\w*", 1.0),
    ("help", r"help\w*|fix\w*|resolv\w*|solv\w*|sort\w* out", 1.0),
    ("refunded", r"refunded|returned", 1.0),
    ("able", r"able|allow\w*|let\w*|available|impressed", 0.7),
)
_PRAISE: tuple[tuple[str, str, float], ...] = (
    ("спасибо", r"спасиб\w*|благодар\w*", 1.0),
    ("понравилось", rf"понрав{_W}|нравит{_W}", 1.0),
    ("отлично", rf"отличн{_W}|прекрасн{_W}|замечательн{_W}|великолепн{_W}|превосходн{_W}", 1.0),
    (
        "супер",
        rf"супер\b|класс(?:но|ный|ная|ное|ные)?\b|круто|шикарн{_W}|офигенн{_W}|охрененн{_W}"
        rf"|охуенн{_W}|обалденн{_W}",
        1.0,
    ),
    ("рекомендую", rf"рекоменд{_W}|советую", 1.0),
    ("молодцы", rf"молодц{_W}|умниц{_W}", 1.0),
    ("доволен", rf"довол(?:ен|ьн){_W}", 1.0),
    ("лучший", rf"лучш(?:ий|ая|ее|ие|его|ей|их){_W}", 0.7),
    ("неплохо", rf"неплох{_W}", 0.7),
    ("хорошо", r"хорош(?:о|ий|ая|ее|ие|его|ей|ую|им)\b", 0.5),
    ("thanks", r"thanks?|thank you|thx|grateful", 1.0),
    ("great", r"great|excellent|amazing|awesome|wonderful|perfect|fantastic|brilliant|best", 1.0),
    ("love", r"lov(?:e|ed|ely)", 1.0),
    ("recommend", r"recommend\w*", 1.0),
    ("happy", r"happy|pleased|satisfied", 1.0),
    ("good", r"good|nice", 0.5),
)
_FIXED: tuple[tuple[str, str, float], ...] = (
    ("верните деньги", r"верн(?:ите|уть|ет(?:е)?)\b|вернуть деньги", 1.0),
    ("возврат", r"возврат\w*", 0.5),
    (
        "списали дважды",
        r"списал\w*(?:\s+\S+){0,5}?\s+(?:дважды|два раза|повторно|лишн\w*)"
        r"|(?:дважды|два раза|повторно)\s+списал\w*",
        1.5,
    ),
    ("списали", r"списал\w*|списыва\w*|сняли деньги", 0.7),
    (
        "который раз",
        r"(?:второй|третий|четвертый|пятый|десятый|который|очередной)\s+раз"
        r"|не первый раз|сколько можно|в очередной",
        0.5,
    ),
    (
        "каждый раз",
        r"каждый раз|постоянно|вечно|всегда\s+(?:так|одно)|every (?:single )?(?:time|day)",
        0.5,
    ),
    # Weighs half: the verb after it says the rest ("никто не отвечает"; "никто не поёт" is
    # nobody's fault).
    ("никто не", r"никто(?=\s+не\b)|nobody|noone", 0.5),
    # Fixed phrases that also open news ("так и не определился с планами") weigh less: a
    # verb after them that the client expected ("так и не вернули") adds the rest.
    # The "не" is left to the verb after it: "так и не продлили" counts the verb too.
    ("так и не", r"ничего(?=\s+не\b)|никак(?=\s+не\b)|так\s+и(?=\s+не\b)|до\s+сих\s+пор", 0.3),
    (
        "без согласия",
        r"без\s+(?:моего|нашего|всякого)?\s*(?:согласия|предупреждения|спроса|ведома)"
        r"|without\s+(?:any\s+)?(?:asking|permission|consent|telling|warning)"
        r"|without\s+my\s+consent",
        1.0,
    ),
    (
        "без связи",
        r"без\s+(?:связи|интернета|света|воды|горячей воды|отопления|денег|ответа|сдачи|"
        r"объяснени\w*|зарплаты)",
        1.0,
    ),
    ("сквозь зубы", r"сквозь зубы|не держу|нахамил\w*|наорал\w*|послал\w*|нагрубил\w*", 1.0),
    ("вместо обещанных", r"вместо\s+обещанн\w*", 1.0),
    ("обещали", r"обеща\w*|обещан\w*|promised", 0.7),
    ("хотя на сайте", r"хотя\s+(?:на сайте|в приложении|в договоре|обещали)", 0.7),
    (
        "а по факту",
        r"по\s+факту|на\s+деле|мелким\s+шрифтом|заявлен[оаы]?\b"
        r"|а\s+потом\s+(?:приш|выстав|сняли|списали)\w*|входят\s+в\s+(?:абонент|договор|стоимост)\w*",
        0.5,
    ),
    ("просили", r"(?:мы\s+|я\s+)?(?:просили|попросили|просил|просила|попросил|попросила)\b", 0.3),
    (
        "ждал",
        r"жд(?:у|ала|ал|али|ем(?!\s+(?:всех|вас|тебя|каждого))|ать|ешь)\b|прожд\w*|ожидани\w*"
        r"|ждите|дождаться",
        0.5,
    ),
    (
        "целый час",
        r"(?:уже|целый|целую|целых|весь|всю|больше|более|почти)\s+(?:\d+\s+)?"
        r"(?:час\w*|дн(?:я|ей)|день|недел\w*|месяц\w*|полчаса|полдня|сутки)"
        # a bare span is a wait, not a plan or a result: "за три месяца минус 6 кг", "на 3
        # месяца", "раз в 90 дней" (the word before is checked)
        r"|(?<!за )(?<!на )(?<!раз в )(?<!в течение )(?<!от )(?<!до )(?<!по )"
        r"(?:(?:\d+|два|три|пять|несколько)\s+(?:час(?:а|ов)?|дн(?:я|ей)|недел[иь]|месяц(?:а|ев)?)"
        r"|полчаса|полдня)"
        r"|(?:второй|третий|четвертый|пятый)\s+(?:час|день|неделю|месяц)",
        0.5,
    ),
    (
        "for hours",
        r"(?:for|over)\s+(?:an?|\d+|two|three|several)\s+(?:minutes|mins|hours?|days?|weeks?|months?)",
        0.3,
    ),
    ("приходится", r"приходится|пришлось|вынужден\w*|had to|have to keep", 0.5),
    ("пытаюсь", r"пытаюсь|пытался|пыталась|пытаемся|безуспешно", 0.5),
    ("tried", r"tried|trying|keep trying", 0.3),
    (
        "требование",
        r"(?:почините|восстановите|разблокируйте|прекратите)\b",
        0.7,
    ),
    (
        "хотелось бы",
        r"хотелось\s+бы,?\s+чтобы|хочется,?\s+чтобы|would appreciate it if|please correct"
        r"|не\s+согласн[а-я]*(?!,?\s+что)",
        1.0,
    ),
    (
        "сделайте что-нибудь",
        r"сделайте\s+(?:уже|хоть)|примите\s+меры|разберитесь|please fix|sort it out"
        r"|прошу\s+(?:проверить|разобраться|исправить|скорректировать|вернуть|пересчитать|"
        r"принять\s+меры)|поправьте(?!\s+меня)|скорректируйте|пересчитайте",
        1.0,
    ),
    (
        "please look into",
        r"(?:please|could someone|can someone) look into|please (?:correct|refund)",
        0.7,
    ),
    (
        "за такие деньги",
        r"за\s+такие\s+деньги|за\s+что\s+(?:были|мы\s+платили|платили)\s+деньги"
        r"|хотелось\s+бы\s+понять|for what we pay",
        1.0,
    ),
    (
        "когда починят",
        r"когда\s+(?:уже\s+)?(?:почин|исправ|верн|сдела|отремонт|убер|наладят|вкл)\w*",
        1.0,
    ),
    (
        "ну и где",
        r"(?:ну\s+и|и)\s+где\b|где\s+(?:мо[йяиеё]|наш[аиеу]?|обещанн\w*|мои\b)"
        r"|where(?:'s| is| are)\s+(?:my|our)\b",
        1.0,
    ),
    ("когда уже", r"когда\s+(?:уже|наконец|же)\b|доколе|до каких пор|сколько\s+(?:еще|ждать)", 1.0),
    ("how long", r"how long|how much longer", 0.3),
    (
        "у вас вообще",
        r"(?:у вас|вы|это)\s+вообще|вообще\s+(?:что-нибудь|что-то|кто-нибудь|кто-то|хоть что)"
        r"|что\s+за\s+(?:бардак|фигн|ерунд|хрен|херн|дела|беспредел|сервис|обслуживан|отношени)\w*"
        r"|это\s+нормально|вы\s+(?:издеваетесь|серьезно)|is this a joke|are you (?:kidding|serious)"
        r"|what(?:'s| is) going on|seriously"
        r"|за\s+что\s+(?:мы\s+|я\s+)?(?:платим|плачу|платили)|это\s+как\s*\?"
        r"|what (?:exactly )?are we paying for|is (?:anyone|anybody)\s+(?:actually\s+|even\s+)?"
        r"(?:reading|listening)|is anyone there\b|ever\s+(?:answer|reply|respond|fix|call)\w*"
        r"|is (?:anyone|anybody) (?:at|in|from) \S+ (?:actually |even )?"
        r"(?:reading|answering|checking)"
        r"|would(?:'ve| have) been nice|было\s+бы\s+(?:неплохо|хорошо|приятно)\s+(?:знать|узнать)",
        1.0,
    ),
    (
        "ну спасибо",
        r"ну\s+спасибо|вот\s+спасибо(?=\s*[.!?…]|\s*$|\s*,\s*(?:опять|снова|теперь|еще))|спасибо\s+(?:\S+\s+){0,2}?за\s+(?:это|такое|такой|такую|эту|этот|"
        r"все это)\b"
        r"|thanks? (?:for nothing|a lot)|cheers for nothing|way to go|great job|just great"
        r"|so much for",
        1.0,
    ),
    (
        "дышать нечем",
        r"дышать\s+нечем|нечем\s+дышать|воня[а-я]*|вонь[а-я]*|неприятн[а-я]*\s+запах[а-я]*"
        r"|(?:запах[а-я]*|пахн[а-я]*)\s+(?:[а-я]+\s+)?(?:сырост|канализац|пот[а-я]*\b|плесен|гар[ьи]|"
        r"хлорк|туалет|мусор|краск|табак|сигарет|тухл|кисл)[а-я]*"
        r"|(?:сильно|ужасно|отвратительно|жутко)\s+(?:пахн|воня)[а-я]*",
        1.0,
    ),
    (
        "больше не приду",
        r"больше\s+(?:не|ни\s*ногой)\s*(?:при(?:ду|дем)|пойду|буду|ходить)"
        r"|ноги\s+моей|не\s+рекомендую|никому\s+не\s+советую|ухожу\s+(?:от|к)\b|прощаюс\w*",
        1.5,
    ),
    ("нет", r"нет\b|нету\b", 0.5),
    ("never again", r"never again|never coming back|won'?t be back|will not be back", 1.5),
    (
        "no service",
        r"no\s+(?:phone\s+|cell\s+|mobile\s+)?(?:service|signal|power|internet|wi-?fi|"
        r"connection|hot water|heating)\b(?!\s+(?:charges?|fees?|interruptions?|disruptions?|"
        r"cuts?|outages?|needed|required|issues?|problems?))"
        r"|(?:power|internet|wi-?fi|service)\s+(?:is\s+|was\s+)?out\b(?!\s+of)",
        1.0,
    ),
    # "Thanks for refunding me" is done; "I want a refund" and "still no refund" are not.
    ("refund", r"refund(?!ed|ing)\w*|money back|chargeback", 1.0),
    (
        "charged twice",
        r"charg\w* (?:me |us )?(?:twice|double|two times|again)|double[- ]charg\w*|overcharg\w*",
        1.5,
    ),
    (
        "still",
        r"still (?:no|not|waiting|nothing|haven|hasn|have not|has not)|yet to|no response|no reply",
        1.0,
    ),
    ("waited", r"been waiting|waited|wait time|on hold", 0.5),
    ("waiting", r"waiting", 0.3),  # as often "waiting for the new model" as a let-down
    # Before "опять": "сервер опять лёг" is one failure, not a repetition of nothing.
    (
        "лёг",
        r"(?:сервер[а-я]{0,3}|сайт|сеть|почта|1с|приложение|портал|интернет)\s+"
        r"(?:(?:опять|снова)\s+)?(?:лег|легла|легло|легли|упал|упала|упало|упали)\b"
        r"|(?:лег|легла|легло|легли|упал|упала|упало|упали)\s+(?:сервер[а-я]{0,3}|сайт|сеть|"
        r"почта|1с|приложение|портал|интернет)",
        1.0,
    ),
    # Last, so that longer phrases ("never again") take their words first. "Опять" only
    # sharpens a grievance; alone it is as often news ("снова обновили максимум").
    ("опять", r"опять|снова|again", 0.3),
)
# Phrases that say trouble is absent; their words are taken and count for nothing.
_NEUTRAL = (
    r"(?:проблем|жалоб|претензий|вопросов|замечаний|нареканий|сбоев|ошибок|очередей|задержек)"
    r"\s+(?:(?:у\s+(?:меня|нас)\s+)?"
    r"(?:нет|не было|не возникло|не возникает|не возникало|никаких)\b)"
    r"|ни\s+(?:одной|одного|единой|разу)\s+\w+"
    r"|без\s+(?:проблем|очередей|задержек|ошибок|сбоев|нареканий|претензий|вопросов)\w*"
    r"|нет\s+(?:проблем|претензий|нареканий|вопросов|жалоб)\w*"
    r"|не\s+(?:проблема|беда)\b"
    r"|(?:no|not a|without(?: any)?)\s+(?:problem|issue|complaint|delay)s?\b"
    r"|(?<!still )(?:not|no longer)\s+(?:having|getting|seeing)\s+(?:the same\s+|any\s+)?"
    r"(?:problem|issue|error)s?\b(?!\s+(?:fixed|resolved|solved|sorted|addressed))"
    r"|^\W*нет\s*,"  # "Нет, спасибо": an answer at the start, not an absence
    r"|ничего\s+не\s+предвеща\w*"  # an idiom of news: "nothing foretold it"
    r"|no worries|не\s+за\s+что|не\s+соответству\w*\s+действительност\w*"
    r"|в\s+первую\s+очередь|в\s+порядке\s+очереди|по\s+очереди|светлое\s+пятно"
    r"|пока\s+не\s+решил\w*"
    # the weather and the traffic are nobody's fault here: "ужасная погода", "пробки жуть"
    # (suffixes bounded: an unbounded one rescans a long word from every position)
    r"|(?:ужасн|кошмарн|адск|отвратительн|мерзк)[а-я]{0,4}\s+(?:погод|пробк|жар|холод|ливен|дожд)"
    r"[а-я]{0,4}"
    r"|(?:погод|пробк|жара|ливень|дождь)[а-я]{0,4}\s+(?:[а-я]+\s+){0,2}?"
    r"(?:ужасн[а-я]{0,4}|кошмарн[а-я]{0,4}|адск[а-я]{0,4}|жуть|отвратительн[а-я]{0,4}|мерзк[а-я]{0,4})"
    r"|(?:terrible|awful|horrible)\s+(?:weather|traffic|rain)"
    r"|(?:weather|traffic)\b[^.!?]{0,40}?\b(?:terrible|awful|horrible|bad)\b"
    r"|(?:от|против|защит\w*\s+от|отпор\w*)\s+мошенн\w*"
    r"|не\s+(?:могли\s+бы|могу\s+не|может\s+не|можете\s+ли)|can\s?not\s+wait"
    # A trouble said to be over is not a grievance ("сбой устранён", "problem solved").
    r"|(?:устранил\w*|исправил\w*|решил\w*|solved|resolved|fixed)\s+(?:\w+\s+)?"
    r"(?:сбо\w*|проблем\w*|ошибк\w*|problems?|issues?)"
    r"|(?:сбой|сбои|проблема|проблемы|ошибка|ошибки|problems?|issues?)\s+(?:\w+\s+){0,3}"
    r"(?:(?:was|were|has been|have been|is|are)\s+)?"
    r"(?:solved|resolved|fixed|sorted|устранен\w*|решен\w*|исправлен\w*)"
)
# Verbs negated in news, offers and advice: "не исключает", "не забудьте".
_NEG_VERB_STOP = _words(
    "исключа исключи собира планир намере будет будут буду будем был было была были "
    "стал станет станут стоит знаю знает знал знала знают помню забуд забыв пропуст "
    "сомнева является являют думаю думает хочет хотят требуе упуст спеши спешит смотря "
    "менее более только важно нужно надо обязат говоря считая учитыв перепут волнуй "
    "переживай бойтесь бойся откладыв затягив дай дайте бывает комментир "
    "the and for sure only just too that this much many all really very yet bad worse "
    "worr mind forget miss hesitat expect ever your our their you any know remember "
    "realis realiz think exactly wait опаса подтвержд"
)
_NEG_VERB_RE = re.compile(
    r"(?:не|not|never|cannot|can not|nobody|noone)\s+(?:(?:всегда|сразу|совсем|могу|может|могут|"
    r"смог\w*|мог\w*|удается|удалось|получается|even|be|been|being)\s+)?"
    r"([а-я]{2,}(?:ет|ют|ут|ит|ат|ят|ал|ала|ало|али|ил|ила|ило|или|ел|ела|ели|ется|ются|ится|"
    r"ятся|утся|атся|ался|алась|ались|ился|илась|ились|ть|ти|чь|сь)|[a-z]{3,}(?:ed|ing)?)\b"
)
_QUESTION_START_RE = re.compile(
    r"^(?:подскажите|скажите|уточните|подскажи|как|когда|где|сколько|до скольки|можно ли|"
    r"есть ли|какие|какой|какая|а можно|what|when|where|how|can|could|do you|does|is there|"
    r"are you|is it)\b"
)
# A published text (a link, a repost, a hashtag) with nobody in it, no "I", "we" or "you" and
# not addressed to anyone, reports: "В интернет-банке произошёл сбой http://…". It still earns
# a card ("возможно, жалоба"), but a certain complaint needs more than a marker or two.
_PUBLISHED_RE = re.compile(r"https?://|www\.|^\s*rt\s+@|#[^\W\d_]", re.IGNORECASE)
_PERSON_RE = re.compile(
    r"(?<!\w)(?:я|мне|меня|мной|мы|нас|нам|нами|вы|вас|вам|вами|ты|тебя|тебе|тобой|"
    r"мо(?:й|я|е|ю|и|его|ей|их|ему|им|ими|ем)|тво(?:й|я|е|ю|и|его|ей|их|ему|им|ими|ем)|"
    r"(?:наш|ваш)(?:а|е|у|и|его|ей|их|ему|им|ими|ем)?|"
    # the person is in the verb: "не могу войти", "жду с утра"
    r"могу|можем|хочу|хотим|жду|ждем|пишу|пишем|звоню|звоним|прошу|просим|требую|требуем|"
    r"пытаюсь|пытаемся|стою|стоим|сижу|сидим|плачу|платим|"
    r"i|me|my|mine|we|us|our|ours|you|your|yours|i'm|i've|i'd|im)(?!\w)"
)
REPORT_THRESHOLD = 2.0
# The business's own voice: offers of help, reminders, promotions.
# An announcement opens a sentence: "Напоминаем: …", "Уважаемые клиенты!", "Dear parents,".
_ANNOUNCEMENT_RE = re.compile(
    # (a brand may open it: "FitStudio: напоминаем, …")
    r"(?:^|[.!?\n]\s*)\W*(?:[^\W\d_][\w .'-]{0,30}[:—–-]\s*)?"
    r"(?:напоминаем|уважаемые\s+(?:клиенты|родители|гости|пользователи)|"
    r"dear (?:customers|clients|parents|members)|reminder:|now enrolling)(?!\w)"
)
# An offer of help opens a sentence too ("Не получается войти? Напишите нам"); inside quotes or
# mid-sentence it is a client quoting the business ("на сайте «звоните нам», звоним третий день").
_OFFER_RE = re.compile(
    r"(?:^|[.!?\n]\s*)\W*(?:(?:напишите|пишите|звоните|позвоните)\s+нам|обращайтесь|"
    r"(?:message|email|e-mail|contact|dm|call) us|reach out to us)(?!\w)"
    r"|(?<!\w)(?:по\s+(?:всем\s+)?вопросам|при\s+[а-я]+)\s+(?:пишите|звоните|обращайтесь)"
)
_SPEAKER_RE = re.compile(r"(?<!\w)(?:я|мне|меня|мой|моя|мою|моего|i|me|my|i'm|i've)(?!\w)")
_SENTENCE_RE = re.compile(r"(?:[^.!?\n]|\.(?=\d))*[.!?\n]*")
COMPANY_CARD = 1.5
# A trouble told as solved: the grievance before it weighs _SOLVED of itself.
_SOLVED_RE = re.compile(
    r"(?<!\w)(?:(?:все|быстро|сразу|оперативно)\s+(?:решили|нашли|подняли|починил\w*|"
    r"исправил\w*|наладил\w*|устранил\w*|заменил\w*|вернули|настроил\w*)"
    r"|(?:решили|починил\w*|исправил\w*|наладили|устранил\w*|заменил\w*)\s+(?:все|быстро|сразу|"
    r"за\s|в\s+течение)|разобрал(?:ся|ась|ись)|вернул[аи]?\s+деньги"
    r"|sorted (?:it|out|everything)|(?:fixed|resolved|solved|refunded|waived|sorted) "
    r"(?:it|everything|them)|got it (?:fixed|sorted|resolved|back)|had it back|did me right"
    # the writer closes the matter ("не виноват", "ни при чём" may be said of anyone: no)
    r"|претензий\s+нет|никаких\s+претензий|no complaints|no hassle)(?!\w)"
)
_SOLVED = 0.3
# A review's stars: "1 звезда", "2/5", "5 stars". Two or fewer is a grievance, three a mixed
# one; five closes the matter like "претензий нет".
_RATING_RE = re.compile(
    # "N звёзд" / "N stars", not a hotel's; "N/5", "N из 5" only as a verdict (at the start,
    # or before "for", a dash or the end of a sentence), not "урок 1/5:" nor "2/5 of the team"
    r"(?<![\w/.,])(?:([1-5])\s*(?:звезд[а-я]*|stars?\b)|(одна|две|три|четыре|пять)\s+звезд[а-я]*"
    r"|(one|two|three|four|five)\s+stars?\b)"
    r"(?!\s*(?:отел|гостиниц|hotel|resort|из\s*\d|out of\s*\d))"
    # (not "за": "2/5 за контрольную" is a school mark)
    r"|(?<![\w/.,:])([1-5])\s*(?:/\s*5|из\s+5)(?![\d/:]|[.,]\d)(?=\s*(?:for\b|[-—–!.,]|$))"
)
_RATING_WORDS = {
    **dict.fromkeys(("одна", "one"), 1),
    **dict.fromkeys(("две", "two"), 2),
    **dict.fromkeys(("три", "three"), 3),
    **dict.fromkeys(("четыре", "four"), 4),
    **dict.fromkeys(("пять", "five"), 5),
}
_LOW_RATING = {1: 1.5, 2: 1.5, 3: 0.7}
# Irony: an upside-down smile or rolled eyes, praise in quotes («оперативная» поддержка,
# the "24/7 gym"), "love how …".
_IRONY_EMOJI_RE = re.compile(r"[\U0001F643\U0001F644\U0001F612\U0001F926]")
_LOVE_HOW_RE = re.compile(r"(?<!\w)love (?:how|when)(?!\w)")
_QUOTED_PRAISE_RE = re.compile(
    r"[«\"“](?:оператив|быстр|бесплатн|безлимит|круглосуточ|quick|fast|free|unlimited|24/7)"
    r"[^»\"”]{0,20}[»\"”]"
)
# Thanks for a trouble: "спасибо, что опять отменили", "thanks for cancelling".
_THANKS_FOR_RE = re.compile(
    r"(?<!\w)(?:спасибо|благодарю|thanks?|thank you)\W+(?:\w+\W+){0,2}?(?:за\s+то,?\s+)?"
    r"(?:что|for)(?!\w)"
)
_SARCASM = 0.7
_THANKS_READ = 3
_LAUGH_RE = re.compile(
    r"[\U0001F602\U0001F923\U0001F605\U0001F606\U0001F604\U0001F601\U0001F639]"
    r"|(?<!\w)(?:ахах\w*|хаха\w*|lol|lmao|haha\w*)(?!\w)"
)
# Thanks for help with a trouble is thanks: "thank you for resolving my issue".
_HELPED_RE = re.compile(
    r"(?<!\w)(?:помог\w*|помоч\w*|реши\w*|исправ\w*|почин\w*|устран\w*|resolv\w*|fix\w*|"
    r"sort\w*|help\w*|speedy|quick\w*|prompt\w*|making good|made good|letting (?:me|us) know|"
    r"heads up|update|предупредил\w*|по\s+(?:моей|нашей)\s+просьбе)(?!\w)"
)
_WHY_RE = re.compile(r"(?<!\w)(?:почему|зачем|why)\b")
# Before a contrast, a fear or an expectation is not a grievance ("думала будет ужасно, а
# оказалось хорошо").
_FEAR_RE = re.compile(
    r"(?<!\w)(?:думал\w*|боял\w*|опасал\w*|ожидал\w*|переживал\w*|казалось|"
    r"thought|expected|was afraid|were afraid|worried|feared)(?!\w)"
)
_NEGATORS = frozenset(
    {"не", "ни", "нет", "без", "not", "no", "never", "nothing", "without", "nobody", "noone"}
)
_SOFTENERS = frozenset(
    {
        "очень",
        "совсем",
        "особо",
        "сильно",
        "всегда",
        "вообще",
        "уже",
        "так",
        "really",
        "very",
        "even",
        "always",
        "at",
        "all",
        "did",
        "does",
        "do",
        "is",
        "was",
        "are",
        "were",
        "will",
        "can",
        "could",
        "have",
        "has",
        "had",
        "you",
        "it",
        "they",
        "we",
        "i",
        "he",
        "she",
        "my",
        "мне",
        "нам",
        "вам",
        "нас",
        "меня",
        "ничего",
        "никто",
        "никак",
        "мы",
        "я",
        "вы",
        "они",
        "он",
        "она",
        "это",
        "все",
        "еще",
        "даже",
        "до",
        "сих",
        "пор",
        "be",
        "been",
        "одной",
        "одного",
        "единой",
        "разу",
        "yet",
        "still",
    }
)
_CLAUSE_BREAK_RE = re.compile(r"[.!?;:\n()«»\"—–]|,\s*(?:а|но|и)\b|\s-\s")
_CONTRAST_RE = re.compile(
    r"(?<!\w)(?:но|однако|зато|а\s+оказалось|а\s+на\s+деле|but|however|although|turned out)(?!\w)"
)
_WORD_RE = re.compile(r"[a-zа-я0-9']+")
_IF_RE = re.compile(r"(?<!\w)(?:если|if|unless)(?!\w)")
_SUPPOSE_WINDOW = 6  # "если ваша карта не отображается": the condition is near its verb
# "если у вас, например, не работает вход": an aside's commas do not end the condition
_ASIDE_RE = re.compile(r",\s*(?:например|скажем|допустим|for example|say|e\.g\.)\s*,")
# "Если записываюсь онлайн, то бронь не приходит", "unless I reboot": the speaker's habit
# (Russian only: "if I am not syncing it" is as often a supposition.)
_HABIT_VERB_RE = re.compile(
    r"(?![а-я]*(?:ую|юю)$)(?!(?:мою|твою|свою|всю)$)[а-я]{2,}(?:ю|юсь|[жшчщ]у|усь)"
)
_SENTENCE_END_RE = re.compile(r"[.!?\n]+(?!\d)")
_THEN_RE = re.compile(r",\s*(?:то|then)(?!\w)")
# "если что", "если честно", "if anything": idioms, not conditions.
_IF_IDIOM = frozenset({"что", "честно", "кратко", "anything", "honest", "so"})
# A failure that recurs ("если тренер опять опоздал", "if the app keeps crashing") happened.
_FACT_WORDS = frozenset(
    {"опять", "снова", "уже", "постоянно", "всегда", "again", "still", "keeps", "keep", "always"}
)
_ANSWER_RE = re.compile(r"(?<!\w)(?:нет|no),\s*\S*\s*$")


def _at_words(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` that start at the start of a word, left to right, without
    overlapping. Checked here rather than with a leading lookbehind in every pattern: a
    lookbehind hides the pattern's first letters from the regex engine, which then tries every
    position, and the lexicon ran three times slower on a long text."""
    pos = 0
    end = len(text)
    while pos <= end and (m := pattern.search(text, pos)):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1  # inside a word: look again from the next character
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


def _compile(table: tuple[tuple[str, str, float], ...]) -> list[tuple[str, re.Pattern[str], float]]:
    # The boundary must hold for every alternative, not only the first.
    # The end of a match must be the end of a word too: "late" is not "latest"; the start is
    # checked by _at_words.
    return [(label, re.compile(rf"(?:{pattern})(?!\w)"), w) for label, pattern, w in table]


_NEGATIVE_C = _compile(_NEGATIVE)
_ONCE = frozenset({"досада"})
# Fixed phrases that state a failure, so a negation or a condition before them still counts.
_FAILURE_FIXED = frozenset({"лёг"})  # a sigh repeated is still one sigh
_EXPECTATION_C = _compile(_EXPECTATION)
_PRAISE_C = _compile(_PRAISE)
_FIXED_C = _compile(_FIXED)
_NEUTRAL_RE = re.compile(rf"(?:{_NEUTRAL})")


_HANDLE_OR_LINK_RE = re.compile(r"@\w+|https?://\S+|www\.\S+")


def normalise(text: str) -> str:
    """Lower case, ё as е, "n't" as " not", and no @handles or links: "@Rudeti" is a name,
    not "rude", and a link's letters say nothing about the client."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = _HANDLE_OR_LINK_RE.sub(" ", text)
    text = text.replace("’", "'")
    text = re.sub(r"\b(can)'t\b", r"\1 not", text)
    text = re.sub(r"\bwon't\b", "will not", text)
    text = re.sub(r"\bno[- ]one\b", "noone", text)  # one word, so it can negate the next
    return re.sub(r"n't\b", " not", text)


def _clause_head(text: str, start: int) -> str:
    """The words before `start` inside its clause, at most _NEGATION_CHARS of them.

    Only a fixed window before `start` is read, so the cost per marker does not grow with
    the text (slicing and scanning the whole head per marker made classify quadratic).
    """
    lo = max(0, start - _NEGATION_CHARS)
    head = text[lo:start]
    if lo and _WORD_RE.match(text, lo - 1):
        head = _WORD_RE.sub("", head, count=1) if _WORD_RE.match(head) else head  # cut word
    clause_start = 0
    for clause_break in _CLAUSE_BREAK_RE.finditer(head):
        clause_start = clause_break.end()
    return head[clause_start:]


def _negated(text: str, start: int) -> bool:
    """Is there a negator among the last few words before `start`, inside the same clause?"""
    head = _clause_head(text, start)
    if _ANSWER_RE.search(head):
        return False  # "проблем нет, спасибо": the "нет" answered, it negates nothing after
    words = _WORD_RE.findall(head)[-_NEGATION_WINDOW:]
    for word in reversed(words):
        if word in _NEGATORS:
            return True
        if word not in _SOFTENERS:
            return False
    return False


def _supposed(text: str, start: int) -> bool:
    """Is the failure only supposed ("если не работаешь", "if it does not arrive")? A
    condition asks or advises; a let-down client states what happened. Not a supposition:
    a failure after the condition's comma, in the main clause ("если открываю приложение,
    оно вылетает", "unless I reboot, it doesn't work"), an idiom ("если что") or a recurring
    trouble ("если тренер опять опоздал", "if it keeps crashing") or the speaker's habit
    ("если записываюсь онлайн, то бронь не приходит")."""
    head = _clause_head(text, start)
    conditions = list(_IF_RE.finditer(head))
    if not conditions:
        return False
    after = _ASIDE_RE.sub(" ", head[conditions[-1].end() :])
    words = _WORD_RE.findall(after)
    # "если …, то …": the consequence of a supposition is supposed too
    main_clause = "," in _THEN_RE.sub(" ", after)
    if main_clause or len(words) >= _SUPPOSE_WINDOW:
        return False
    if words and words[0] in _IF_IDIOM:
        return False
    if _habit(words) and not _asked(text, start):
        return False
    return not _FACT_WORDS.intersection(words)


def _not_stated(text: str, start: int) -> bool:
    """A failure negated or only supposed."""
    return _negated(text, start) or _supposed(text, start)


def _habit(words: list[str]) -> bool:
    """ "Если прихожу вечером", "если я записываюсь": a present first-person verb opens the
    condition (not "если мою карту", "если я не ошибаюсь")."""
    if words and words[0] in ("я", "мы"):
        words = words[1:]
    return bool(words) and bool(_HABIT_VERB_RE.fullmatch(words[0]))


def _asked(text: str, start: int) -> bool:
    """Does the sentence around `start` end in a question mark?"""
    end = _SENTENCE_END_RE.search(text, start)
    return end is not None and "?" in end.group()


@dataclass
class _Tally:
    complaint: float = 0.0
    praise: float = 0.0
    complaint_markers: list[str] = field(default_factory=list)
    praise_markers: list[str] = field(default_factory=list)
    # Where each grievance was found, to tell thanks after a grievance (sarcasm, politeness).
    complaint_at: list[int] = field(default_factory=list)
    complaint_weights: list[float] = field(default_factory=list)  # beside complaint_at

    def add(self, kind: str, label: str, weight: float, at: int = -1) -> None:
        if weight <= 0:
            return  # a fear before a contrast ("думала, будет ужасно, а…") explains nothing
        if kind == "complaint":
            self.complaint += weight
            self.complaint_markers.append(label)
            if at >= 0:
                self.complaint_at.append(at)
                self.complaint_weights.append(weight)
        else:
            self.praise += weight
            self.praise_markers.append(label)


class _Spans:
    """Disjoint spans already explained by a fixed phrase, kept sorted for a log-time
    overlap check (a list scan per match made many fixed phrases quadratic)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # The span starting last before `end` is the only one that can reach past `start`.
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def _score(x: float) -> float:
    return round(min(1.0, x / 3.0), 3)


def is_question(text: str) -> bool:
    norm = normalise(text).strip()
    return "?" in norm or bool(_QUESTION_START_RE.match(norm))


def _stopped(verb: str) -> bool:
    """A verb negated in news, offers or advice rather than by a let-down client."""
    return any(verb.startswith(stop) for stop in _NEG_VERB_STOP)


_NOBODY_BEFORE_RE = re.compile(r"(?:никто|noone|nobody)\s+$")
_INFINITIVE_RE = re.compile(r"(?:ть|ти|чь|ться|тись)$")
_ADVICE_WORDS = _words(
    "как чтобы лучше стоит старайтесь постарайтесь помогает помогают советуем советую "
    "советовал рекомендуем рекомендую рекомендовал порекомендовал важно можно нужно надо "
    "главное разрешил разрешили решил решили сложно трудно легко грех просим бы удобно "
    "удобнее проще легче принципиально"
)


def _advice(text: str, m: re.Match[str]) -> bool:
    """A negated infinitive after an advice word advises ("как не попасть", "помогает не
    стоять в очередях", "лучше не хранить"). Without one it is as often a let-down: "в зал не
    попасть вечером", "не войти в приложение"."""
    verb = m.group(1)
    if not _INFINITIVE_RE.search(verb) or m.group(0).split()[1] != verb:
        return False
    before = _WORD_RE.findall(_clause_head(text, m.start()))[-1:]
    return bool(before) and before[0] in _ADVICE_WORDS


def _ratings(norm: str) -> list[tuple[int, int, int]]:
    """The stars a review gives, and where: "Кругозор, 1 звезда" -> [(1, start, end)]."""
    out = []
    for m in _RATING_RE.finditer(norm):
        digit, word_ru, word_en, fraction = m.groups()
        number = digit or fraction
        stars = int(number) if number else _RATING_WORDS[word_ru or word_en]
        out.append((stars, m.start(), m.end()))
    return out


def _verdict_of_the_text(norm: str, start: int, end: int) -> bool:
    """Five stars that end the text and are given to nobody in particular ("Тренеру 5
    звёзд", "5 stars for the hold music" rate one thing, not the whole story)."""
    if _WORD_RE.search(norm, end):
        return False
    before = _WORD_RE.findall(norm[max(0, start - 40) : start])
    return not before or not re.fullmatch(r"[а-я]+(?:у|ю|ам|ям|ому|ему)", before[-1])


def _solved_at(norm: str, ratings: list[tuple[int, int, int]]) -> int | None:
    """Where the text says its trouble was solved ("за полчаса всё решили"), if it does and
    the solving is not negated ("так и не починили") nor only promised. Five stars at the
    end close what came before them, unless another rating in the text is low."""
    if ratings and all(r[0] >= 4 for r in ratings) and ratings[-1][0] == 5:
        _, start, end = ratings[-1]
        if _verdict_of_the_text(norm, start, end):
            return start
    for m in _SOLVED_RE.finditer(norm):
        head = _clause_head(norm, m.start())
        if not _negated(norm, m.start()) and not re.search(r"обеща|promis", head):
            return m.start()
    return None


def _thanks_for_trouble(norm: str) -> bool:
    """Thanks whose object is a trouble ("спасибо, что опять отменили занятие"): sarcasm.
    Only the first few thanks are read: each costs a pass of the lexicon over its clause."""
    for m in itertools.islice(_THANKS_FOR_RE.finditer(norm), _THANKS_READ):
        clause = norm[m.end() : m.end() + 80]
        clause = _CLAUSE_BREAK_RE.split(clause, maxsplit=1)[0]
        helped = _HELPED_RE.search(clause)
        if helped and not _negated(clause, helped.start()):
            continue  # "thanks for letting me know", not "thanks for not letting me know"
        for _, pattern, _ in (*_NEGATIVE_C, *_FIXED_C):
            for found in _at_words(pattern, clause):
                if not _negated(clause, found.start()):
                    return True
    return False


def _company_voice(norm: str, tally: _Tally) -> str | None:
    """The business speaking, and how: "asks" when every trouble it names is asked about in
    an offer of help ("Не получается войти? Напишите нам"), or an announcement; "states"
    when it states a trouble and offers help ("Портал не работает до 02:00. Пишите нам").
    A client's "я" rules it out."""
    if _SPEAKER_RE.search(norm):
        return None
    if _ANNOUNCEMENT_RE.search(norm):
        return "asks"
    if not _OFFER_RE.search(norm):
        return None
    asked = [m.span() for m in _SENTENCE_RE.finditer(norm) if "?" in m.group()]
    if all(any(lo <= at < hi for lo, hi in asked) for at in tally.complaint_at):
        return "asks"
    return "states"


def _reported(text: str, norm: str) -> bool:
    """Published and impersonal: see _PUBLISHED_RE."""
    return (
        not text.lstrip().startswith("@")
        and bool(_PUBLISHED_RE.search(text))
        and not _PERSON_RE.search(norm)
    )


def _model_weight(probability: float) -> float:
    """The model's probability as complaint evidence: none below MODEL_FLOOR, then
    MODEL_SCALE per unit of log-odds above it, at most MODEL_CAP."""
    if probability <= MODEL_FLOOR:
        return 0.0
    if probability >= 1.0:
        return MODEL_CAP
    floor = math.log(MODEL_FLOOR / (1 - MODEL_FLOOR))
    logit = math.log(probability / (1 - probability))
    return min(MODEL_CAP, MODEL_SCALE * (logit - floor))


def _shipped_model() -> ComplaintModel | None:
    return detector_model.shipped()


def classify(text: str, *, model: ComplaintModel | bool | None = True) -> Verdict:
    """Complaint, praise, question or neutral, with the markers that decided it, and whether
    it earns an instant card.

    `model`: True (the default) adds the shipped model's evidence, None or False reads the
    lexicon alone, a ComplaintModel uses that one (the bench's held-out folds).
    Reads the first CLASSIFY_CHARS characters only (see there why).
    """
    text = text[:CLASSIFY_CHARS]
    norm = normalise(text)
    contrast_at = None
    for contrast in _CONTRAST_RE.finditer(norm):
        contrast_at = contrast.start()
    before = _BEFORE_CONTRAST
    if contrast_at is not None and _FEAR_RE.search(norm, 0, contrast_at):
        before = 0.0

    def weight_at(pos: int) -> float:
        if contrast_at is None:
            return 1.0
        return _AFTER_CONTRAST if pos >= contrast_at else before

    tally = _Tally()
    taken = _Spans()

    def overlaps(m: re.Match[str]) -> bool:
        return taken.overlaps(m.start(), m.end())

    for m in _at_words(_NEUTRAL_RE, norm):
        taken.add(m.start(), m.end())
    for label, pattern, weight in _FIXED_C:
        for m in _at_words(pattern, norm):
            if overlaps(m):
                continue
            taken.add(m.start(), m.end())
            if label in _FAILURE_FIXED and _not_stated(norm, m.start()):
                continue  # "за год ни разу не упал сервер", "если упал интернет, перезагрузите"
            tally.add("complaint", label, weight * weight_at(m.start()), m.start())
    for label, pattern, weight in _NEGATIVE_C:
        for m in _at_words(pattern, norm):
            if overlaps(m):
                continue
            if _negated(norm, m.start()):
                taken.add(m.start(), m.end())  # "не плохо": not for the negated-verb rule
                continue
            if _supposed(norm, m.start()):
                continue  # "если возникнут проблемы, пишите": an offer of help
            tally.add("complaint", label, weight * weight_at(m.start()), m.start())
            if label in _ONCE:
                break
    for label, pattern, weight in _EXPECTATION_C:
        for m in _at_words(pattern, norm):
            if not overlaps(m) and _negated(norm, m.start()):
                taken.add(m.start(), m.end())
                if _supposed(norm, m.start()):
                    continue
                w = weight * weight_at(m.start())
                name = f"не {label}" if label[0] > "z" else f"not {label}"
                tally.add("complaint", name, w, m.start())
    praised: list[tuple[str, int, float]] = []
    for label, pattern, weight in _PRAISE_C:
        for m in _at_words(pattern, norm):
            if overlaps(m):
                continue
            w = weight * weight_at(m.start())
            if _negated(norm, m.start()):
                taken.add(m.start(), m.end())
                if _supposed(norm, m.start()):
                    continue  # "если вам не нравится": a supposition, no let-down
                name = f"не {label}" if label[0] > "z" else f"not {label}"
                tally.add("complaint", name, w, m.start())
            else:
                praised.append((label, m.start(), w))
    for m in _at_words(_NEG_VERB_RE, norm):
        if overlaps(m) or _stopped(m.group(1)) or _advice(norm, m):
            continue
        if _NOBODY_BEFORE_RE.search(norm, max(0, m.start() - 8), m.start()):
            continue  # "никто не поёт": only a verb the client expected adds ("не отвечает")
        taken.add(m.start(), m.end())
        if _supposed(norm, m.start()):
            continue
        verb = m.group(1)
        negator = "not" if verb[0] <= "z" else "не"
        tally.add("complaint", f"{negator} {verb}", 0.5 * weight_at(m.start()), m.start())
    first_grievance = min(tally.complaint_at, default=None)
    for label, at, w in praised:
        after_grievance = first_grievance is not None and at > first_grievance
        turned = contrast_at is not None and first_grievance is not None
        if after_grievance and not (turned and first_grievance < contrast_at <= at):
            # "Весь день без связи. Спасибо за это!": sarcasm or a polite sign-off.
            w *= _PRAISE_AFTER_GRIEVANCE
        tally.add("praise", label, w)

    ratings = _ratings(norm)
    for stars, at, _ in ratings:
        if stars in _LOW_RATING:
            tally.add("complaint", f"оценка {stars}", _LOW_RATING[stars], at)
    solved = _solved_at(norm, ratings)
    if solved is not None:
        # "Была проблема с оплатой — за полчаса всё решили": a story that ended well.
        found = zip(tally.complaint_at, tally.complaint_weights, strict=True)
        before = sum(w for at, w in found if at < solved)
        tally.complaint -= before * (1 - _SOLVED)
    # Irony needs something to turn: rolled eyes turn praise or a grievance ("Отличная
    # поддержка, ответили через неделю 🙃"); "love how" and praise in quotes only a
    # grievance ("love how patient the coach is" is praise, a lone 🙃 is nothing).
    grieved = tally.complaint > 0
    eyes = bool((grieved or praised) and _IRONY_EMOJI_RE.search(norm))
    ironic = eyes or (grieved and bool(_LOVE_HOW_RE.search(norm) or _QUOTED_PRAISE_RE.search(norm)))
    if ironic or _thanks_for_trouble(norm):
        # "Спасибо, что опять отменили занятие 👏", "«оперативная» поддержка": the praise is
        # the grievance.
        tally.praise *= _PRAISE_AFTER_GRIEVANCE
        tally.add("complaint", "сарказм", _SARCASM)
    # "Техпорт, это к вам? 😅": a grievance told laughing is a card, but not a certain one.
    joking = not ironic and bool(_LAUGH_RE.search(norm))

    question = is_question(text)
    if question and (why := _WHY_RE.search(norm)):
        # In a customer's message "why is X like this?" is a reproach, not curiosity.
        tally.add("complaint", why.group(0), 1.0, why.start())

    card_threshold = CARD_THRESHOLD
    scored = _model_evidence(text, model)
    certain = REPORT_THRESHOLD if _reported(text, norm) or joking else COMPLAINT_THRESHOLD
    voice = _company_voice(norm, tally)
    if voice is not None:
        # The business speaking ("Не получается войти? Напишите нам", "Напоминаем…"): a
        # trouble it names is one it offers help with. Stated ("портал не работает до 02:00")
        # it is still news to the director, but no client's complaint.
        certain = max(certain, REPORT_THRESHOLD)
        if voice == "asks":
            card_threshold = max(card_threshold, COMPANY_CARD)
    # A certain complaint needs a reason the director can read: the model's words alone
    # ("модель: сбер, нашёл") make a card, "возможно, жалоба", never a verdict.
    readable = tally.complaint > 0
    if scored is not None:
        weight, words, probability = scored
        if solved is not None:
            weight *= _SOLVED  # the model reads the trouble, not that it ended well
        if weight > 0:
            tally.complaint += weight
            tally.complaint_markers.append("модель: " + ", ".join(words) if words else "модель")
        if probability < MODEL_DOUBT:
            card_threshold += MODEL_VETO

    c, p = tally.complaint, tally.praise
    if c >= certain and c >= p and readable:
        return Verdict("complaint", _score(c), tuple(tally.complaint_markers), card=True)
    if p >= PRAISE_THRESHOLD and p > c:
        # A strong grievance ("душ не работает") is seen now, however warm the rest.
        confident = c < card_threshold or (c < COMPLAINT_THRESHOLD and p >= CONFIDENT_PRAISE * c)
        markers = tuple(tally.praise_markers) if confident else tuple(tally.complaint_markers)
        return Verdict("praise", _score(p), markers, card=not confident)
    card = c >= card_threshold
    if question:
        markers = tuple(tally.complaint_markers) if card else ("?",)
        return Verdict("question", 0.7, markers, card=card)
    markers = tuple(tally.complaint_markers + tally.praise_markers)
    if card:
        markers = tuple(tally.complaint_markers)
    return Verdict("neutral", _score(max(c, p)), markers, card=card)


def _model_evidence(
    text: str, model: ComplaintModel | bool | None
) -> tuple[float, tuple[str, ...], float] | None:
    """(evidence, the words that raised it, the probability), or None with no model."""
    if model is True:
        model = _shipped_model()
    if not isinstance(model, ComplaintModel):
        return None
    scored = model.score(text)
    return _model_weight(scored.probability), scored.words, scored.probability
