"""`python -m graphbuild.cli`."""
from . import main

main()
