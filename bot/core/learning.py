"""Routing that learns from the director.

Every "complaint" / "not a complaint" press is a labelled example for this installation. Two
things come of them:

- exact-text verdicts: the latest verdict on a text (by a hash of its normalised words) routes
  an identical text that way before any model is asked, so a director who said "not a
  complaint" to a text never gets its twin as a card again, nor the other way round;
- after MIN_EXAMPLES of them, a small per-installation model (a logistic regression over the
  shipped model's text features plus the shipped detector's own decision as evidence) decides
  `card`. It is trained in a worker thread — numpy's fit would stall the event loop for the
  length of the training — once presses stop coming for RETRAIN_DELAY, saved in the database
  as JSON and loaded at start.

Before an example is stored, what routing would have said about its text is stored with it:
the agreement shown in /health is measured on predictions made before learning each label.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from dataclasses import dataclass

from bot.clock import Clock, utc_now
from collectors.complaints import Verdict, classify
from collectors.detector_model import ComplaintModel, features, train
from collectors.keywords import normalise as normalise_words
from storage import settings, verdict_examples
from storage.db import Database

log = logging.getLogger(__name__)

MIN_EXAMPLES = 20
AGREEMENT_WINDOW = 50
RETRAIN_DELAY = 5.0  # seconds without a new press before retraining
MODEL_SETTING = "learned_detector"
CARD_PROBABILITY = 0.5


def text_hash(text: str) -> str:
    """The same words in any case and spacing are the same text."""
    words = " ".join(normalise_words(text).split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]


def detector_evidence(verdict: Verdict) -> list[str]:
    """The shipped detector's decision as features, so a few dozen examples adjust the
    detector instead of replacing it."""
    out = [f"detector:kind:{verdict.kind}"]
    if verdict.card:
        out.append("detector:card")
    return out


def evidence(text: str, verdict: Verdict) -> list[str]:
    """The model's inputs: the text's features and the detector's decision."""
    return [name for name, _ in features(text)] + detector_evidence(verdict)


def fit(examples: list[tuple[str, bool]]) -> ComplaintModel:
    """Train on (text, label) pairs: pure CPU work, run in a worker thread."""
    docs = [evidence(text, classify(text)) for text, _ in examples]
    labels = [int(label) for _, label in examples]
    return train(docs, labels, min_df=1, meta={"examples": len(examples)})


@dataclass(frozen=True)
class Route:
    """Does a mention earn a card at once, and was it what was learned that said so against
    the detector: "same_text" (the director's verdict on this very text) or "model" (this
    installation's model)? The card and the summary tell the director which."""

    card: bool
    learned: str | None = None


NO_CARD = Route(False)


def detector_route(text: str, verdict: Verdict) -> Route:
    """Routing without anything learned: the shipped detector's `card`."""
    return Route(verdict.card)


@dataclass(frozen=True)
class LearningStats:
    examples: int
    agreed: int
    measured: int
    trained: bool


class Learner:
    def __init__(
        self,
        db: Database,
        clock: Clock = utc_now,
        *,
        retrain_delay: float = RETRAIN_DELAY,
        min_examples: int = MIN_EXAMPLES,
    ) -> None:
        self._db = db
        self._now = clock
        self._delay = retrain_delay
        self._min = min_examples
        self._exact: dict[str, bool] = {}
        self._count = 0
        self._model: ComplaintModel | None = None
        self._retrain: asyncio.Task[None] | None = None

    async def load(self) -> None:
        """Read the exact-text verdicts and the saved model; safe to call again."""
        async with self._db.read() as conn:
            rows = await verdict_examples.all_examples(conn)
            saved = await settings.get(conn, MODEL_SETTING)
        self._exact = {h: label for h, _, label in rows}
        self._count = len(rows)
        self._model = None
        if saved and self._count >= self._min:
            try:
                self._model = ComplaintModel.from_json(saved)
            except (ValueError, KeyError):
                log.exception("learning.model_unreadable")

    async def stop(self) -> None:
        if self._retrain is not None:
            self._retrain.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retrain
            self._retrain = None

    # --- routing ------------------------------------------------------------------------

    def route(self, text: str, verdict: Verdict) -> Route:
        """Does this text earn a card at once? The director's verdict on the same text first,
        then this installation's model, then the shipped detector. Cheap: runs per mention in
        the intake's worker thread."""
        exact = self._exact.get(text_hash(text))
        if exact is not None:
            return Route(exact, "same_text" if exact != verdict.card else None)
        model = self._model
        if model is not None:
            probability = model.score(text, extra=detector_evidence(verdict)).probability
            card = probability >= CARD_PROBABILITY
            return Route(card, "model" if card != verdict.card else None)
        return Route(verdict.card)

    def card(self, text: str, verdict: Verdict) -> bool:
        return self.route(text, verdict).card

    # --- learning -----------------------------------------------------------------------

    async def record(self, ticket_id: int | None, text: str, complaint: bool) -> None:
        """One press: predict, then store the example, then learn (debounced).

        A text is one example however often it is pressed: a second press on it (or on its
        twin in another ticket) is the director's latest word, and counting it again would
        weigh one text twice and make the agreement figure repeat itself."""
        predicted = self.card(text, classify(text))
        key = text_hash(text)
        async with self._db.transaction() as conn:
            new = await verdict_examples.add(
                conn,
                ticket_id=ticket_id,
                text_hash=key,
                text=text,
                label=complaint,
                predicted=predicted,
                now=self._now(),
            )
        changed = self._exact.get(key) != complaint
        self._exact[key] = complaint
        self._count += new
        if changed and self._count >= self._min:
            self._schedule()

    def _schedule(self) -> None:
        if self._retrain is not None and not self._retrain.done():
            self._retrain.cancel()
        self._retrain = asyncio.create_task(self._retrain_later())

    async def _retrain_later(self) -> None:
        await asyncio.sleep(self._delay)
        try:
            await self.retrain()
        except Exception:
            log.exception("learning.retrain_failed")

    async def retrain(self) -> bool:
        """Fit on every example off the event loop and save; False with too few examples."""
        async with self._db.read() as conn:
            rows = await verdict_examples.all_examples(conn)
        if len(rows) < self._min:
            return False
        examples = [(text, label) for _, text, label in rows]
        loop = asyncio.get_running_loop()
        model = await loop.run_in_executor(None, fit, examples)
        async with self._db.transaction() as conn:
            await settings.set(conn, MODEL_SETTING, model.to_json())
        self._model = model
        log.info("learning.retrained examples=%d", len(rows))
        return True

    async def stats(self) -> LearningStats:
        async with self._db.read() as conn:
            agreed, measured = await verdict_examples.agreement(conn, AGREEMENT_WINDOW)
        return LearningStats(self._count, agreed, measured, self._model is not None)
