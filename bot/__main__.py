"""`python -m bot` runs the `vigie` command line."""

from bot.app.cli import main

raise SystemExit(main())
