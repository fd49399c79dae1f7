import sys

from framework_qa.cli.main import main

sys.exit(main())
