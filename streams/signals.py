"""Topics and friction for one event: contract fields -> processor inputs.

Example::

    signals = Signals.from_settings(settings, classifier)
    topics, friction = signals(event, texts, sentiments)

Who counts as a customer contact is decided here, once: chats, calls,
inbound emails and social posts not written by the brand. Contacts get
topics and friction; survey comments get both too (customers name their
friction there); cases get topics from their subject (keywords only: the
subject is not scored); accounts get neither.
"""

from __future__ import annotations

from collections.abc import Sequence

from processors.friction import ContactFacts, FrictionDetector, FrictionHit, load_rules
from processors.sentiment import Sentiment, SentimentClassifier
from processors.sentiment.backend import unit_mean
from processors.topics import TopicClassifier, TopicMatch, load_taxonomy
from streams.contract import CallEvent, CaseEvent, ChatEvent, EmailEvent, Event, SocialEvent, SurveyEvent
from streams.settings import Settings

Result = tuple[tuple[TopicMatch, ...], tuple[FrictionHit, ...]]


def is_contact(event: Event) -> bool:
    match event:
        case ChatEvent() | CallEvent():
            return True
        case EmailEvent():
            return event.direction == "inbound"
        case SocialEvent():
            return not event.brand_reply
    return False


def contact_facts(event: Event, customer_text: str) -> ContactFacts:
    match event:
        case ChatEvent():
            agent = "\n".join(t.text for t in event.turns if t.speaker == "agent")
            return ContactFacts(customer_text, agent, bot_turns=sum(t.speaker == "bot" for t in event.turns))
        case CallEvent():
            agent = "\n".join(u.text for u in event.utterances if u.speaker == "agent")
            machine = sum(u.speaker in ("ivr", "bot") for u in event.utterances)
            return ContactFacts(customer_text, agent, event.wait_seconds, event.transfers, machine)
    return ContactFacts(customer_text)


class Signals:
    def __init__(self, topics: TopicClassifier, friction: FrictionDetector) -> None:
        self.topics, self.friction = topics, friction

    @classmethod
    def from_settings(cls, settings: Settings, classifier: SentimentClassifier) -> Signals:
        topics = TopicClassifier(load_taxonomy(settings.topic_taxonomy), classifier.vectors)
        detector = FrictionDetector(load_rules(settings.friction_rules), settings.wait_sla_seconds)
        return cls(topics, detector)

    def __call__(self, event: Event, texts: Sequence[str], scores: Sequence[Sentiment]) -> Result:
        if isinstance(event, CaseEvent):
            return self.topics.classify(event.subject) if event.subject else (), ()
        if not (is_contact(event) or (isinstance(event, SurveyEvent) and texts)):
            return (), ()
        text = "\n".join(texts)
        vector = unit_mean([s.vector for s in scores if s.vector is not None])
        topics = self.topics.classify(text, vector) if text.strip() else ()
        return topics, self.friction(contact_facts(event, text))
