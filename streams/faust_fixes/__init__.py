"""Two fixes to faust-streaming that keep its at-least-once promise; each module says what and why.

- :mod:`~streams.faust_fixes.commits`: a commit never passes an event still in
  flight (upstream issue #606, fix pending as PR #707).
- :mod:`~streams.faust_fixes.recovery`: events delivered while a worker becomes
  ready are not thrown away with the agents' queues (upstream issue #596, open).

``streams.app.create_app`` installs both. ``tests/streams/faust_fixes/test_commits.py``
shows the stock behaviour of the first, so an upgrade that fixes it upstream is
noticed; the second is a race that only a running worker shows
(``tests/integration/test_faults_worker.py``). Re-check both on a faust-streaming
upgrade: they override ``Consumer._new_offset`` and ``Recovery.on_recovery_completed``.
"""
