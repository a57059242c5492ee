"""Entry points: the command line, `vigie run`, the Telegram application, demo and analyze."""
