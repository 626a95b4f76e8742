import sys

from kb.eval.cli import main

sys.exit(main())
