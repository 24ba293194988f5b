"""English phrase rules: a smaller set than Russian, for companies that answer clients in
English. Same shape and conventions as ``ru.py`` (rows of pattern, flag, suggestion, hint,
source; whole-word, case-insensitive, with "’" read as "'").
"""

from __future__ import annotations

Row = tuple[str, str, str | None, str, str]

_HINT_NOT_US = "Don't send the client elsewhere: take it on and say what you will do."
_HINT_ORDER = "Ask, don't order: “Could you…”, “Would you mind…”."
_HINT_REFUSAL = "When you say no, offer what you can do instead."
_HINT_BLAME = "Don't look for the client's fault: say what you will fix."
_HINT_RUDE = "Not how we talk to a client: ask how you can help and offer a time that suits them."
_HINT_BUREAU = "Say it in your own words, as yourself, without stock phrases."
_HINT_VAGUE = "Name a date you will surely keep: “by 6 pm tomorrow”, “on Friday”."

_WILL = r"(?:'ll|\s+will|\s+shall)"
_THIRD_PARTY = (
    r"(?:courier|carrier|delivery\s+(?:service|company)|bank|post\s+office|supplier"
    r"|manufacturer|vendor|provider)"
)

RULES: tuple[Row, ...] = (
    # --- NOT_US (002, 003) ----------------------------------------------------------------
    (
        r"(?:it's|it\s+is|that's|that\s+is)\s+not\s+(?:our|my)\s+(?:department|job|area|problem"
        r"|responsibility|concern)|not\s+our\s+(?:department|responsibility)"
        r"|we\s+(?:don't|do\s+not)\s+(?:deal\s+with|handle|do)\s+(?:that|this|these|such)"
        r"(?:\s+(?:things|issues|requests|here))?",
        "NOT_US",
        None,
        _HINT_NOT_US,
        "002",
    ),
    (
        r"(?:please\s+)?(?:contact|call|reach\s+out\s+to|write\s+to|ask)\s+(?:the|your)\s+"
        + _THIRD_PARTY
        + r"|(?:it's|it\s+is|that's)\s+(?:the|a)\s+"
        + _THIRD_PARTY
        + r"(?:'s)?\s+(?:fault|problem|issue)|we\s+are\s+not\s+responsible\s+for",
        "NOT_US",
        None,
        _HINT_NOT_US,
        "003",
    ),
    # --- ORDER (002) ----------------------------------------------------------------------
    (
        r"(?<!if\s)(?<!what\s)you\s+(?:need\s+to|have\s+to|must)(?!\s+have)",
        "ORDER",
        "could you please",
        _HINT_ORDER,
        "002",
    ),
    (
        r"you\s+are\s+required\s+to|it\s+is\s+mandatory\s+(?:that|to)",
        "ORDER",
        None,
        _HINT_ORDER,
        "002",
    ),
    # --- REFUSAL_NO_ALT (002, 003) --------------------------------------------------------
    (
        r"we\s+(?:don't|do\s+not)\s+(?:offer|provide)\s+(?:that|this|such\s+a|these)"
        r"(?:\s+services?)?",
        "REFUSAL_NO_ALT",
        "we don't offer that yet, but I can suggest something similar",
        _HINT_REFUSAL,
        "002",
    ),
    (
        r"(?:that's|that\s+is|it's|it\s+is)\s+(?:not\s+possible|impossible)"
        r"|(?:we|i)\s+(?:can't|cannot|can\s+not)\s+(?:help|do\s+(?:that|anything))"
        r"|(?:no|there\s+are\s+no)\s+(?:refunds|exceptions)|(?:we|i)\s+(?:don't|do\s+not)\s+make"
        r"\s+exceptions|not\s+allowed",
        "REFUSAL_NO_ALT",
        None,
        _HINT_REFUSAL,
        "003",
    ),
    # --- BLAME (001, 002) -----------------------------------------------------------------
    (
        r"you\s+should\s+have\s+(?:read|checked|looked|asked|known|told)"
        r"|you\s+(?:didn't|did\s+not)\s+(?:read|check)|you\s+failed\s+to"
        r"|(?:it's|it\s+is|that's)\s+your\s+(?:own\s+)?(?:fault|mistake)|your\s+(?:own\s+)?fault"
        r"|(?:error|problem|issue|mistake)\s+(?:is\s+)?on\s+your\s+(?:side|end)"
        r"|you\s+were\s+(?:warned|told)|you\s+yourself",
        "BLAME",
        None,
        _HINT_BLAME,
        "002",
    ),
    # --- RUDE (003, 000) ------------------------------------------------------------------
    (
        r"nobody\s+is\s+(?:forcing|keeping)\s+you|no\s+one\s+is\s+(?:forcing|keeping)\s+you"
        r"|take\s+it\s+or\s+leave\s+it|not\s+my\s+problem|(?:that's|it's)\s+your\s+problem"
        r"|if\s+you\s+don't\s+like\s+it|calm\s+down|go\s+elsewhere|deal\s+with\s+it"
        r"|(?:i'm|i\s+am)\s+not\s+paid\s+(?:for|enough)",
        "RUDE",
        None,
        _HINT_RUDE,
        "003",
    ),
    (
        r"don't\s+look\s+a\s+gift\s+horse|what\s+did\s+you\s+expect|be\s+grateful",
        "RUDE",
        None,
        _HINT_RUDE,
        "000",
    ),
    # --- BUREAUCRATIC (001) ---------------------------------------------------------------
    (
        r"we\s+apologi[sz]e\s+for\s+(?:any|the)\s+inconvenience(?:\s+(?:caused|this\s+may"
        r"\s+have\s+caused))?",
        "BUREAUCRATIC",
        "I'm sorry this happened",
        _HINT_BUREAU,
        "001",
    ),
    (
        r"your\s+(?:request|complaint|ticket|case|inquiry|enquiry)\s+has\s+been\s+(?:received"
        r"|registered|logged)(?:\s+and\s+will\s+be\s+(?:reviewed|processed|considered))?",
        "BUREAUCRATIC",
        "I have your message and I'm looking into it myself",
        _HINT_BUREAU,
        "001",
    ),
    (
        r"will\s+be\s+(?:reviewed|processed|considered)(?:\s+in\s+due\s+course)?"
        r"|thank\s+you\s+for\s+contacting\s+us|we\s+value\s+your\s+feedback"
        r"|your\s+(?:call|opinion|feedback)\s+is\s+(?:very\s+)?important\s+to\s+us"
        r"|please\s+be\s+advised|kindly\s+note|we\s+regret\s+to\s+inform\s+you",
        "BUREAUCRATIC",
        None,
        _HINT_BUREAU,
        "001",
    ),
    # --- VAGUE_PROMISE (000) --------------------------------------------------------------
    (
        r"as\s+soon\s+as\s+possible|asap|shortly|soon|in\s+the\s+near\s+future|in\s+due\s+course"
        r"|at\s+(?:the|our)\s+earliest\s+(?:opportunity|convenience)|at\s+some\s+point"
        r"|(?:we|i)" + _WILL + r"\s+(?:try|do\s+(?:our|my)\s+best)|(?:we|i)\s+hope\s+to",
        "VAGUE_PROMISE",
        None,
        _HINT_VAGUE,
        "000",
    ),
)

APOLOGY = (
    r"sorry|apologi[sz]e|apologies|(?:my|our)\s+(?:fault|mistake|bad)|(?:we|i)\s+let\s+you\s+down"
    r"|(?:we|i)\s+messed\s+up|(?:we|i)\s+regret(?!\s+to\s+inform)"
)
ALTERNATIVE = (
    r"(?:but|however|instead)[\s,]+(?:\w+[\s,]+){0,3}?(?:i|we|let\s+me|let's)"
    r"|(?:i|we)\s+can\s+(?:offer|suggest)|how\s+about"
)
PROMISE = (
    r"(?:i|we)(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to|'re\s+going\s+to"
    r"|\s+are\s+going\s+to)(?!\s+not)(?!\s+(?:look|check|investigate|find\s+out|dig|ask))"
)
ASK = (
    r"let\s+me|let's|let\s+us|(?:could|can|would)\s+you|please\s+(?:send|tell|let|share|confirm"
    r"|reply|call|choose|pick|write|check|try)|(?:i|we)\s+can\s+(?:offer|suggest)|how\s+about"
    r"|would\s+you\s+like"
)
NOW = r"right\s+now|right\s+away|now|immediately|straight\s+away"
STEP = (
    r"(?:i|we)(?:'ll|\s+will)\s+(?:look|check|investigate|find\s+out|dig)"
    r"|(?:i'm|i\s+am|we're|we\s+are)\s+(?:already\s+)?(?:checking|looking|on\s+it|fixing"
    r"|sending|calling|working)"
    r"|(?:i|we)(?:'ve|\s+have)\s+(?:already\s+|just\s+)?\w+ed|(?:i|we)\s+(?:already\s+|just\s+)?"
    r"(?:sent|refunded|fixed|replaced|credited|returned|restored|added|moved|booked|called"
    r"|changed|updated|reset|issued|cancel+ed|rescheduled)"
)
GREETING = (
    r"(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))(?:[ ,]+[^\W\d_][\w'-]*"
    r"(?:\s+[^\W\d_][\w'-]*)?)?\s*[!.,]\s*"
)
OPENING = "I'm sorry this happened."
NAMED_OPENING = "{name}, I'm sorry this happened."
QUESTION_OPENERS: tuple[str, ...] = ("could you please",)
NO_APOLOGY_HINT = "Start a first answer to a complaint with an apology: “I'm sorry this happened”."
NO_NEXT_STEP_HINT = "Say what happens next and when: who does what, by which day."
ABSENCE_SOURCES: dict[str, str] = {"NO_APOLOGY": "000", "NO_NEXT_STEP": "000"}
