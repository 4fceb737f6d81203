"""Pure customer-experience logic: no broker, no database, no web framework.

Everything here takes plain Python values and returns plain values, so it can be
unit-tested and embedded anywhere. Stream agents (``streams``) and sinks
(``sinks``) call into it; it never calls them.
"""
