"""``FrozenRecord``: the base of the small immutable value classes on the start-up path.

Why not dataclasses: ``@dataclass`` writes each class's ``__init__``, ``__eq__``,
``__hash__``… as source text and compiles it when the module is imported, about 0.5 ms a
class. The markup nodes, the template draft and friends were 17 such classes, 7 ms of a
start-up budgeted at twice a bare PySide6 window (issue 5). A subclass here lists its
fields in ``__slots__`` (the order is the constructor's positional order) and sets them
in its own ``__init__`` with :func:`set_field`; equality, hashing, repr and pickling come
from the slots, so defining the class compiles nothing.

Unlike NamedTuples, records of different types never compare equal (a ``Paragraph`` is not
a ``Quote`` holding the same text) and are not sequences.
"""

from __future__ import annotations

from typing import Any, NoReturn

# object.__setattr__ bypasses the frozen __setattr__ below; __init__ methods use it.
set_field = object.__setattr__


class FrozenRecord:
    __slots__: tuple[str, ...] = ()

    def field_values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self.__slots__])

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, FrozenRecord)
        return self.field_values() == other.field_values()

    def __hash__(self) -> int:
        return hash((type(self), *self.field_values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[FrozenRecord], tuple[Any, ...]]:
        # copy and pickle rebuild through __init__, which takes the fields in slot order.
        return type(self), self.field_values()
