"""Run the command line as ``python -m nextround``."""

from nextround.cli.main import main

main()
