"""``python -m pydocklint``: the same as the ``pydocklint`` command."""

from pydocklint.cli import main

main()
