"""How sensitive the spike detector is, and how alerts live and die.

The defaults were chosen with ``cxpulse eval detect`` (docs/detection.md):
on simulated traffic they page for every incident that triples a channel's
negative rate for 15 minutes, with a median delay under two minutes of event
time and fewer than one false page per simulated day.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DetectorConfig:
    windows: tuple[int, ...] = (2, 5, 15)  # minutes of event time, the newest one partial
    alpha: float = 1e-5  # a window is significant below this p-value ...
    alpha_resolve: float = 1e-3  # ... and still abnormal below this one (hysteresis)
    min_contacts: int = 10  # a rate window needs this many contacts
    min_excess: int = 5  # and this many more hits than the baseline expects
    min_ratio: float = 1.5  # and at least this multiple of the baseline
    pending_seconds: int = 10  # significant again this much later (event time) before it fires
    resolve_seconds: int = 300  # normal this long before it resolves
    cooldown_seconds: int = 600  # a resolved alert does not fire again sooner
    lateness_seconds: int = 120  # minutes are final (learned) this long after they end
    warmup_minutes: int = 60  # minutes of history before a series may alert
    dispersion_cap_sd: float = 2.5  # a residual counts for at most this many sd in the dispersion estimate
    learn_clip_sd: float = 3.0  # a minute is learned at most this many standard deviations from expected
    episode_gap_seconds: int = 3600  # a burst returning this soon after the last one ends is the same incident
    level_shift_seconds: int = 6 * 3600  # a volume alert firing this long is a new level: learned, resolved
    drop_ratio: float = 4.0  # a drop: at most 1/this of the expected contacts (and min_excess short)
    horizon_past_seconds: int = 2 * 86_400  # events older than processing time minus this are ignored
    horizon_future_seconds: int = 600  # ... and newer than processing time plus this (a wrong clock)
    account_burst: int = 5  # negative contacts from one account within the account window ...
    account_window_minutes: int = 60
    account_share: float = 0.5  # ... that are at least this share of its contacts there (its size) ...
    account_alpha: float = 1e-6  # ... and improbable under its own usual rate (processors/detection/accounts.py)
    account_live_seconds: int = 900  # account findings only while event time is this close to processing time
    board_url: str = ""  # link in every notification; {from} and {to} are epoch ms

    @property
    def keep_minutes(self) -> int:
        """How much minute data the detector holds: the longest look-back plus lateness."""
        return max(*self.windows, self.account_window_minutes) + self.lateness_seconds // 60 + 2

    @property
    def dispersion_windows(self) -> tuple[int, ...]:
        """Window lengths (complete minutes) whose dispersion is learned: one minute, and each test's."""
        return tuple(sorted({1, *(w - 1 for w in self.windows if w > 1)}))
