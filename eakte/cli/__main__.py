"""`python -m eakte.cli`: the same app as the `eakte` script (the evaluation runner falls back to it)."""

from eakte.cli.main import main

main()
