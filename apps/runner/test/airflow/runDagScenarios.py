"""Runs the pinpipe DAG under a real Airflow, once per scenario, with dag.test() (what
`airflow dags test` calls), in one process: Airflow's in-process execution API takes seconds to
start, and paying that once keeps the test short.

    python runDagScenarios.py <dag id> <scenarios.json>

A scenario is {"name", "logicalDate": "YYYY-MM-DD" | null, "conf": {...}, "variables": {...},
"markSuccess": "<task id regex>" | null, "hashFolder": "<path>" | null}. Its variables are set as
AIRFLOW_VAR_* environment variables for that run only (on top of those of the process). After
each run one line `SCENARIO {json}` is printed: the run's state, per task its state and try
number, and the SHA-256 of every file under hashFolder as it was right after the run (a later
scenario may rewrite the folder).
Everything else on stdout is Airflow's log, which the test searches for the failure messages.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import datetime, timezone


def state_name(state: object) -> str | None:
    """A state's name: Airflow's state enums are strings, but not always enum members here."""
    return None if state is None else str(getattr(state, "value", state))


def hash_folder(root: str) -> dict[str, str]:
    hashes = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as file:
                hashes[os.path.relpath(path, root)] = hashlib.sha256(file.read()).hexdigest()
    return dict(sorted(hashes.items()))


def main() -> None:
    dag_id, scenarios_path = sys.argv[1], sys.argv[2]
    with open(scenarios_path, encoding="utf-8") as file:
        scenarios = json.load(file)

    from airflow.utils.cli import get_bagged_dag

    dag = get_bagged_dag(None, dag_id)
    if dag is None:
        raise SystemExit(f"DAG {dag_id} not found")

    for scenario in scenarios:
        names = [f"AIRFLOW_VAR_{name.upper()}" for name in scenario.get("variables", {})]
        saved = {name: os.environ.get(name) for name in names}
        os.environ.update(
            {f"AIRFLOW_VAR_{name.upper()}": value for name, value in scenario.get("variables", {}).items()}
        )
        try:
            # null: a run without a logical date, as Airflow 3 allows for manual runs.
            logical_date = (
                None
                if scenario["logicalDate"] is None
                else datetime.fromisoformat(scenario["logicalDate"]).replace(tzinfo=timezone.utc)
            )
            run = dag.test(
                logical_date=logical_date,
                run_conf=scenario.get("conf"),
                mark_success_pattern=scenario.get("markSuccess"),
            )
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        tasks = {
            ti.task_id: {"state": state_name(ti.state), "tryNumber": ti.try_number}
            for ti in run.get_task_instances()
        }
        outcome = {"name": scenario["name"], "state": state_name(run.state), "tasks": tasks}
        if scenario.get("hashFolder"):
            outcome["files"] = hash_folder(scenario["hashFolder"])
        print("SCENARIO " + json.dumps(outcome, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
