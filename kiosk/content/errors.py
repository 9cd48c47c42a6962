"""The one error the content raises (its own module, so catching it costs no YAML import)."""


class ContentError(Exception):
    """The content is broken; ``problems`` lists every line found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
