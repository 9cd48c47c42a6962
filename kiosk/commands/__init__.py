"""Sub-commands of ``kiosk``; each module has ``register(subparsers)``.

The modules are imported only when a command line may name one of them, so
opening the kiosk does not pay for their imports (docs/performance.md).
"""

from types import ModuleType


def command_modules() -> list[ModuleType]:
    """The sub-command modules, in help order. Each adds its parser and sets
    ``func`` to a ``(args) -> int`` runner."""
    from kiosk.commands import content_cmd, counts_cmd, handout_cmd, settings_cmd, triage_cmd

    return [content_cmd, triage_cmd, settings_cmd, handout_cmd, counts_cmd]
