"""A wizard answer set: what the scoring reads (recommend.py has the rules)."""

import functools
from dataclasses import dataclass

from .criteria import IMPORTANCE, WEIGHTS
from .vocabulary import DEFAULT_ANSWERS


@dataclass(frozen=True)
class Answers:
    use_cases: frozenset[str] = frozenset()
    must: frozenset[str] = frozenset()
    nice: frozenset[str] = frozenset()
    experience: str = DEFAULT_ANSWERS["experience"]
    style: str = DEFAULT_ANSWERS["style"]
    database: str = DEFAULT_ANSWERS["database"]
    priority: str = DEFAULT_ANSWERS["priority"]
    importance: tuple[tuple[str, str], ...] = ()  # (question, "low" | "high"); "normal" is left out

    def weight(self, question: str) -> float:
        return self._weights[question]

    @functools.cached_property
    def _weights(self) -> dict[str, float]:
        importance = dict(self.importance)
        return {q: IMPORTANCE[importance.get(q, "normal")] * points for q, points in WEIGHTS.items()}

    @property
    def answered(self) -> bool:
        """Anything beyond the defaults: only then are frameworks scored."""
        return bool(self.use_cases or self.must or self.nice) or any(
            getattr(self, q) != DEFAULT_ANSWERS[q] for q in DEFAULT_ANSWERS
        )

    @property
    def wishes(self) -> frozenset[str]:
        """The nice-to-haves that count: a must-have is never also counted as a nice-to-have."""
        return self.nice - self.must

    def normalised(self) -> dict:
        data = {
            "use_cases": sorted(self.use_cases),
            "must": sorted(self.must),
            "nice": sorted(self.wishes),
            "experience": self.experience,
            "style": self.style,
            "database": self.database,
            "priority": self.priority,
        }
        if self.importance:
            data["importance"] = dict(sorted(self.importance))
        return data
