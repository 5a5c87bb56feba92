"""A small declarative parameter check, in the spirit of scikit-learn's constraints.

Each class lists ``_parameter_constraints``; ``validate_params`` checks them once
in ``fit`` and raises one message shape for every parameter.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any, Callable

from .errors import ParameterError


@dataclass(frozen=True)
class Interval:
    """Numbers of ``kind`` (int or float) in [low, high] (None = unbounded)."""

    kind: type
    low: float | None
    high: float | None

    def __call__(self, value: Any) -> bool:
        if isinstance(value, bool):
            return False
        if self.kind is int and not isinstance(value, numbers.Integral):
            return False
        if not isinstance(value, numbers.Real):
            return False
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def __str__(self) -> str:
        low = "-inf" if self.low is None else self.low
        high = "inf" if self.high is None else self.high
        name = "an int" if self.kind is int else "a float"
        return f"{name} in [{low}, {high}]"


@dataclass(frozen=True)
class Options:
    """One of a fixed set of values."""

    values: tuple

    def __call__(self, value: Any) -> bool:
        return value in self.values

    def __str__(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)


@dataclass(frozen=True)
class InstanceOf:
    """An instance of one of ``types``."""

    types: tuple
    name: str

    def __call__(self, value: Any) -> bool:
        return isinstance(value, self.types)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Check:
    """Any predicate with its description."""

    func: Callable[[Any], bool]
    name: str

    def __call__(self, value: Any) -> bool:
        return bool(self.func(value))

    def __str__(self) -> str:
        return self.name


def validate_params(owner: str, params: dict[str, Any], constraints: dict[str, list]) -> None:
    """Raise ParameterError naming the first parameter that fits none of its constraints.

    ``None`` in a constraint list means the parameter may be None.
    """
    for name, rules in constraints.items():
        value = params.get(name)
        if value is None and None in rules:
            continue
        real = [r for r in rules if r is not None]
        if any(rule(value) for rule in real):
            continue
        allowed = " or ".join(str(r) for r in real)
        if None in rules:
            allowed += " or None"
        raise ParameterError(
            f"NPS201: the {name!r} parameter of {owner} must be {allowed}. Got {value!r} instead."
        )
