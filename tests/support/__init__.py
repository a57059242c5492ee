"""What the tests share: the fake Bot API, the feed server, feeds, configs and a bot to talk to.

No test module imports another; each imports from here.
"""
