import sys

from kb.evaluation.cli import main

sys.exit(main())
