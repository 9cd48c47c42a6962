"""Writing test content as YAML the way a person would: no anchors or aliases.

PyYAML's dumper writes ``&id001`` / ``*id001`` when one object appears twice
(a copied question), and the content loader refuses anchors.
"""

from __future__ import annotations

import yaml


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def dump_yaml(data: object) -> str:
    """``data`` as YAML text with every repeated object written out in full."""
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
