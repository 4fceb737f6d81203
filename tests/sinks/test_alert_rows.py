from datetime import UTC, datetime

from sinks.clickhouse.alerts import AlertWriter


def test_notifications_become_one_row_each_and_replays_replace_them(store, notes) -> None:
    writer = AlertWriter(store)
    writer.write(notes)
    writer.write(notes)  # a replay
    history = [n for n in notes if n["change"] != "refresh"]
    rows = store.query("SELECT incident, seq, change FROM alerts FINAL ORDER BY seq").result_rows
    assert [tuple(r) for r in rows] == [(n["incident"], n["seq"], n["change"]) for n in history]


def test_annotations_show_each_incident_once_with_its_latest_state(store, notes) -> None:
    AlertWriter(store).write(notes)
    (row,) = store.query("SELECT incident, time, time_end, status, severity, text FROM alert_annotations").result_rows
    last = notes[-1]
    assert row[0] == last["incident"] and row[3] == "resolved" and row[5] == last["title"]
    assert row[1] == datetime.fromisoformat(last["opened_at"]).astimezone(UTC).replace(tzinfo=row[1].tzinfo)
    assert row[2] is not None and row[4] == last["severity"]
