"""pinpipe's daily batch as an Airflow 3 DAG (docs/airflow.md).

The original pipeline's MWAA DAG ran one Databricks notebook a day (read the raw topics from S3,
clean them, run the queries). Here ``pinpipe batch`` does all three in one task; the DAG adds what
the job itself does not: a check that the run finished (its manifest) and the HTML report.

    batch  -->  check_manifest  -->  report

Configuration, most specific first: the run's params (``airflow dags trigger --conf``), then the
Airflow Variables below, then the defaults. The DAG's settings (its id, catchup, retries and delays) are read
when the file is parsed, so they come from Variables (``AIRFLOW_VAR_<NAME>`` environment
variables work too) and not from params.

    Variable                          default            what
    pinpipe_source                    s3://pinpipe-raw   raw topics (--source of pinpipe batch)
    pinpipe_out                       s3://pinpipe-out   output root (--out): runs/<run id>/
    pinpipe_command                   pinpipe            how to start the CLI (split on spaces)
    pinpipe_batch_args                (none)             more batch options, e.g. --dedupe
    pinpipe_dag_id_prefix             (none)             <id> names the DAG <id>_dag
    pinpipe_catchup                   false              true runs the days missed since start_date
    pinpipe_retries                   3                  retries of a failed batch or report
    pinpipe_retry_delay_seconds       300                first retry's delay; doubles each retry
    pinpipe_max_retry_delay_seconds   3600               longest delay between retries
    pinpipe_aws_conn_id               aws_default        connection of an s3:// manifest check

The run id is the run's logical date (``YYYY-MM-DD``), so a rerun of a day replaces that day's
run folder, byte for byte the same when the source has not changed.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pendulum
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, Param, Variable, task
from airflow.sdk.exceptions import AirflowException, AirflowFailException

DEFAULT_SOURCE = "s3://pinpipe-raw"
DEFAULT_OUT = "s3://pinpipe-out"
DEFAULT_COMMAND = "pinpipe"

# `pinpipe batch` and `pinpipe report` exit with 2 on a usage error (a bad option or Variable):
# running the same command again cannot succeed, so it fails at once instead of retrying.
# 1 (source or output unreachable) and 3 (no records yet) may pass later and are retried.
USAGE_ERROR_EXIT_CODES = (2,)


def _setting(name: str, default: str) -> str:
    """A parse-time setting: the Airflow Variable `name`, else `default`."""
    value = Variable.get(name, default=None)
    return default if value is None or str(value).strip() == "" else str(value).strip()


def _seconds(name: str, default: int) -> timedelta:
    return timedelta(seconds=float(_setting(name, str(default))))


# Jinja: the value of a run param when given, else the Variable, else the default. Values reach
# the shell as environment variables, never spliced into the command line, so no value needs
# quoting and none can inject shell syntax.
def _templated(param: str, variable: str, default: str) -> str:
    return (
        "{{ params." + param + " if params." + param + " else "
        "var.value.get('" + variable + "', '" + default + "') }}"
    )


# The logical date names the run. A run triggered without one (possible in Airflow 3) is named
# after the time it was asked to run.
RUN_ID = "{{ (dag_run.logical_date or dag_run.run_after).strftime('%Y-%m-%d') }}"


class PinpipeOperator(BashOperator):
    """Runs a ``pinpipe`` command line; the exit codes in ``fail_fast_exit_codes`` fail the task
    without its retries (AirflowFailException), any other non-zero code fails it as usual.
    """

    def __init__(
        self, *, fail_fast_exit_codes: tuple[int, ...] = USAGE_ERROR_EXIT_CODES, **kwargs: Any
    ) -> None:
        # No exit code means "skipped" here: BashOperator's default (99) would hide a failure.
        super().__init__(skip_on_exit_code=None, append_env=True, **kwargs)
        self.fail_fast_exit_codes = fail_fast_exit_codes

    def execute(self, context: Any) -> Any:
        try:
            return super().execute(context)
        except AirflowException as error:
            process = self.subprocess_hook.sub_process
            code = None if process is None else process.returncode
            if code in self.fail_fast_exit_codes:
                raise AirflowFailException(
                    f"pinpipe exited with code {code} (usage error): not retried, since the same "
                    "command cannot succeed; check the pinpipe_* Variables and the run's params"
                ) from error
            raise


PREFIX = _setting("pinpipe_dag_id_prefix", "")
RETRIES = int(_setting("pinpipe_retries", "3"))
# Off unless asked for: a DAG enabled late, or paused for a while, runs only the latest day; the
# missed ones are a backfill (`airflow backfill create`), each one its own run id.
CATCHUP = _setting("pinpipe_catchup", "false").lower() in ("1", "true", "yes")

with DAG(
    dag_id=f"{PREFIX}_dag" if PREFIX else "pinpipe_daily",
    description="pinpipe batch (raw topics -> clean Parquet tables and the eight queries), daily",
    schedule="@daily",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=CATCHUP,
    max_active_runs=1,
    tags=["pinpipe"],
    doc_md=__doc__,
    params={
        "source": Param(None, type=["null", "string"], description="--source (default: pinpipe_source)"),
        "out": Param(None, type=["null", "string"], description="--out (default: pinpipe_out)"),
    },
    default_args={
        "retries": RETRIES,
        "retry_delay": _seconds("pinpipe_retry_delay_seconds", 300),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": _seconds("pinpipe_max_retry_delay_seconds", 3600),
    },
) as dag:
    env = {
        "PINPIPE_COMMAND": "{{ var.value.get('pinpipe_command', '" + DEFAULT_COMMAND + "') }}",
        "PINPIPE_SOURCE": _templated("source", "pinpipe_source", DEFAULT_SOURCE),
        "PINPIPE_OUT": _templated("out", "pinpipe_out", DEFAULT_OUT),
        "PINPIPE_BATCH_ARGS": "{{ var.value.get('pinpipe_batch_args', '') }}",
        "PINPIPE_RUN_ID": RUN_ID,
    }

    # $PINPIPE_COMMAND and $PINPIPE_BATCH_ARGS are left unquoted on purpose: they are word lists
    # ("node /opt/pinpipe/cli.js", "--dedupe --workers 2"); `set -f` keeps their words from being
    # expanded as file name patterns.
    batch = PinpipeOperator(
        task_id="batch",
        env=env,
        bash_command=(
            'set -f; exec $PINPIPE_COMMAND batch --source "$PINPIPE_SOURCE" --out "$PINPIPE_OUT" '
            '--run-id "$PINPIPE_RUN_ID" $PINPIPE_BATCH_ARGS'
        ),
    )

    @task(retries=0)
    def check_manifest(out: str, batch_run: str) -> dict[str, Any]:
        """Fails, without retrying, when runs/<run id>/manifest.json (written last) is missing or
        is not this run's: the batch said it finished, so a retry cannot make the file appear.
        """
        from airflow.sdk import ObjectStoragePath

        conn_id = Variable.get("pinpipe_aws_conn_id", default="aws_default")
        location = f"{out.rstrip('/')}/runs/{batch_run}/manifest.json"
        path = ObjectStoragePath(location, conn_id=conn_id if "://" in out else None)
        try:
            found = path.exists()
        except (ImportError, ValueError) as error:  # no filesystem for the scheme
            raise AirflowFailException(
                f"cannot read {location}: {error} (an s3:// output needs "
                "apache-airflow-providers-amazon, which MWAA has)"
            ) from error
        if not found:
            raise AirflowFailException(
                f"manifest missing: {location} does not exist, so batch run {batch_run} did not "
                "finish (a run folder without manifest.json is unfinished)"
            )
        try:
            manifest = json.loads(path.read_bytes())
        except ValueError as error:  # not UTF-8 or not JSON
            raise AirflowFailException(f"{location} is not a JSON manifest: {error}") from error
        if (
            not isinstance(manifest, dict)
            or manifest.get("format") != "pinpipe-batch/1"
            or manifest.get("runId") != batch_run
        ):
            raise AirflowFailException(
                f"{location} is not the manifest of batch run {batch_run}: "
                f"{json.dumps(manifest)[:200]}"
            )
        # The run's size, as the task's XCom and in its log: records in, clean, rejected and
        # duplicate per table.
        counts = {
            table: {key: manifest["counts"][table][key] for key in ("in", "clean", "rejected", "duplicates")}
            for table in sorted(manifest["counts"])
        }
        return {"manifest": location, "files": len(manifest["files"]), "counts": counts}

    report = PinpipeOperator(
        task_id="report",
        env=env,
        bash_command='set -f; exec $PINPIPE_COMMAND report "$PINPIPE_OUT" --run-id "$PINPIPE_RUN_ID"',
    )

    batch >> check_manifest(env["PINPIPE_OUT"], RUN_ID) >> report
