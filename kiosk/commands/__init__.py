"""Sub-commands of ``kiosk``; each module has ``register(subparsers)``."""

from types import ModuleType

from kiosk.commands import content_cmd, handout_cmd, settings_cmd, triage_cmd

# Each module adds its parser and sets ``func`` to a ``(args) -> int`` runner.
COMMAND_MODULES: list[ModuleType] = [content_cmd, triage_cmd, settings_cmd, handout_cmd]
