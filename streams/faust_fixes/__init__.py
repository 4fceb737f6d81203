"""Two fixes to faust-streaming that keep its at-least-once promise; each module says what and why.

- :mod:`~streams.faust_fixes.commits`: a commit never passes an event still in
  flight (upstream issue #606, fix pending as PR #707).
- :mod:`~streams.faust_fixes.recovery`: events delivered while a worker becomes
  ready are not thrown away with the agents' queues.

``streams.app.create_app`` installs both. Each has a test that shows the
stock Faust behaviour, so an upgrade that fixes it upstream is noticed.
"""
