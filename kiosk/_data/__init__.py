"""The shipped data of an installed wheel: ``content/`` and ``assets/`` land here.

In the repository they stay at the top level; ``pyproject.toml`` maps them
into this package when a wheel is built. See ``kiosk/resources.py``.
"""
