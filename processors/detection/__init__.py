"""Spike and anomaly detection over per-minute CX buckets (no I/O).

Example::

    from processors.detection import Bucket, DetectorConfig, SpikeDetector
    detector = SpikeDetector(DetectorConfig(), state={})
    notes = detector.observe([bucket])      # incident notifications, each with a dedup "id"

See docs/detection.md for the method, warm-up and the evaluation.
"""

from processors.detection.bucket import Bucket
from processors.detection.config import DetectorConfig
from processors.detection.detector import SpikeDetector
from processors.detection.finding import Finding
from processors.detection.series import METRICS, Metric, Series

__all__ = ["METRICS", "Bucket", "DetectorConfig", "Finding", "Metric", "Series", "SpikeDetector"]
