"""``cxpulse grafana sync``: push boards, alert rules and contact points into an existing Grafana.

Idempotent: each object is read first and written only when it differs
(dashboards with ``overwrite``), so a second run reports everything
unchanged and writes nothing. The notification policy tree is the whole
organisation's, so it is replaced only when asked (``policy=True``).
The one contact point's URL comes from this process's environment
(``CXPULSE_ALERTMANAGER_URL``); unset, it is skipped and reported, and contact
points of earlier versions that paged beside Alertmanager are deleted. Grafana masks those secrets when read back, so a
rotated URL is pushed with ``rotate=True`` (``--rotate-secrets``).

Example::

    api = GrafanaApi.from_url("https://grafana.example.com", credential=os.environ["GRAFANA_TOKEN"])
    for change in sync(api):
        print(change)          # "dashboard cx-overview: created"
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grafana_client import GrafanaApi
from grafana_client.client import GrafanaClientError

from grafana.alerting.notifications import RETIRED, contact_points, policy
from grafana.alerting.provisioning import rule_documents
from grafana.alerting.rules import FOLDER_UID, GROUP, INTERVAL_SECONDS
from grafana.boards import BOARDS
from grafana.export import render

FOLDER_TITLE = "cxpulse"
_ENV = re.compile(r"\$\{?(CXPULSE_\w+)\}?")


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    name: str
    action: str  # created, updated, unchanged, skipped (...)

    def __str__(self) -> str:
        return f"{self.kind} {self.name}: {self.action}"


def sync(api: GrafanaApi, *, alerting: bool = True, replace_policy: bool = False, rotate: bool = False,
         env: Mapping[str, str] | None = None) -> list[Change]:
    changes = [_folder(api)]
    changes += [_dashboard(api, render(uid)) for uid in BOARDS]
    if alerting:
        changes += [_rule(api, rule) for rule in rule_documents()]
        changes.append(_group_interval(api))
        changes += _contact_points(api, os.environ if env is None else env, rotate)
        changes.append(_policy(api) if replace_policy else Change("policy", "notification tree",
                                                                   "skipped (use --policy to replace it)"))
    return changes


def _get(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except GrafanaClientError as exc:
        if exc.status_code == 404:
            return None
        raise


def _same(existing: Mapping[str, Any] | None, wanted: Mapping[str, Any]) -> bool:
    return existing is not None and all(existing.get(k) == v for k, v in wanted.items())


def _folder(api: GrafanaApi) -> Change:
    if _get(api.folder.get_folder, FOLDER_UID) is not None:
        return Change("folder", FOLDER_UID, "unchanged")
    api.folder.create_folder(FOLDER_TITLE, uid=FOLDER_UID)
    return Change("folder", FOLDER_UID, "created")


def _dashboard(api: GrafanaApi, board: dict[str, Any]) -> Change:
    found = _get(api.dashboard.get_dashboard, board["uid"])
    if found and found.get("meta", {}).get("folderUid") == FOLDER_UID and _same(found.get("dashboard"), board):
        return Change("dashboard", board["uid"], "unchanged")
    api.dashboard.update_dashboard({"dashboard": board, "folderUid": FOLDER_UID, "overwrite": True,
                                    "message": "cxpulse grafana sync"})
    return Change("dashboard", board["uid"], "updated" if found else "created")


def _rule(api: GrafanaApi, rule: dict[str, Any]) -> Change:
    wanted = {**rule, "folderUID": FOLDER_UID, "ruleGroup": GROUP, "orgID": 1}
    found = _get(api.alertingprovisioning.get_alertrule, rule["uid"])
    if _same(found, {k: v for k, v in wanted.items() if k != "orgID"}):
        return Change("alert rule", rule["uid"], "unchanged")
    if found is None:
        api.alertingprovisioning.create_alertrule(wanted)
        return Change("alert rule", rule["uid"], "created")
    api.alertingprovisioning.update_alertrule(rule["uid"], wanted)
    return Change("alert rule", rule["uid"], "updated")


def _group_interval(api: GrafanaApi) -> Change:
    group = _get(api.alertingprovisioning.get_rule_group, FOLDER_UID, GROUP) or {}
    if group.get("interval") == INTERVAL_SECONDS:
        return Change("rule group", GROUP, "unchanged")
    api.alertingprovisioning.update_rule_group(FOLDER_UID, GROUP, {**group, "interval": INTERVAL_SECONDS})
    return Change("rule group", GROUP, "updated")


def _contact_points(api: GrafanaApi, env: Mapping[str, str], rotate: bool) -> list[Change]:
    existing = {c["uid"]: c for c in api.alertingprovisioning.get_contactpoints() or []}
    changes = [_receiver(api, point["name"], receiver, None if rotate else existing.get(receiver["uid"]), env,
                         receiver["uid"] in existing)
               for point in contact_points() for receiver in point["receivers"]]
    for uid in (uid for uid in RETIRED if uid in existing):  # a second paging path of earlier versions
        api.alertingprovisioning.delete_contactpoint(uid)
        changes.append(Change("contact point", uid, "deleted (Grafana pages through Alertmanager only)"))
    return changes


def _receiver(api: GrafanaApi, name: str, receiver: dict[str, Any], found: dict[str, Any] | None,
              env: Mapping[str, str], exists: bool) -> Change:
    missing = [m for v in receiver["settings"].values() for m in _ENV.findall(str(v)) if not env.get(m)]
    if missing:
        return Change("contact point", receiver["uid"], f"skipped ({', '.join(missing)} not set)")
    settings = {k: _ENV.sub(lambda m: env[m[1]], str(v)) for k, v in receiver["settings"].items()}
    wanted = {"uid": receiver["uid"], "name": name, "type": receiver["type"], "settings": settings}
    # Grafana masks secret settings, so only name and type can be compared; ``rotate`` rewrites them.
    if found and all(found.get(k) == wanted[k] for k in ("name", "type")):
        return Change("contact point", receiver["uid"], "unchanged")
    if not exists:
        api.alertingprovisioning.create_contactpoint(wanted)
        return Change("contact point", receiver["uid"], "created")
    api.alertingprovisioning.update_contactpoint(receiver["uid"], wanted)
    return Change("contact point", receiver["uid"], "updated")


def _policy(api: GrafanaApi) -> Change:
    wanted = {k: v for k, v in policy().items() if k != "orgId"}
    if _same(api.alertingprovisioning.get_notification_policy_tree(), wanted):
        return Change("policy", "notification tree", "unchanged")
    api.alertingprovisioning.set_notification_policy_tree(wanted)
    return Change("policy", "notification tree", "updated")
