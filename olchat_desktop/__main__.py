import sys

from olchat_desktop.cli import main

sys.exit(main())
