"""Sub-commands of ``kiosk``; each module has ``register(subparsers)``.

The modules are imported only when a command line may name one of them, so
opening the kiosk does not pay for their imports (docs/performance.md).
"""

from importlib import import_module
from types import ModuleType

# Each module adds its parser and sets ``func`` to a ``(args) -> int`` runner.
COMMAND_MODULE_NAMES: tuple[str, ...] = (
    "kiosk.commands.content_cmd",
    "kiosk.commands.triage_cmd",
    "kiosk.commands.settings_cmd",
    "kiosk.commands.handout_cmd",
)


def command_modules() -> list[ModuleType]:
    """The sub-command modules, imported."""
    return [import_module(name) for name in COMMAND_MODULE_NAMES]
