"""Test driver: one SparkSession (local[2], Delta Lake on the class path) that answers requests, so
an integration test file pays for one JVM start however many runs and reads it asks for.

Usage: sparkSessionDriver.py <job.py> <delta jars folder> [<settings JSON>]
The settings, optional: {"jarDirs": [folder, ...], "conf": {key: value}}, more jars (every *.jar of
each folder) and Spark settings for the session (the s3a test's hadoop-aws jars and fs.s3a.*).
Reads one JSON request per line on stdin and answers each with one JSON line on stdout, prefixed
"@@" so that Spark's own output on stdout cannot be taken for an answer:
  {"op": "job", "args": [...], "ansi": true,     runs spark/pinpipe_job.py in this session -> counts;
   "moreResults": [[median, ties, out], ...]}    the job also writes those results from the same
                                                 cleaning (optional)
  {"op": "delta", "path": DIR}                   reads a Delta table -> version, schema, partition
                                                 columns, history, files, rows (instants as epoch
                                                 microseconds, so the Parquet unit is checked exactly)
  {"op": "quit"}
A failed request answers {"error": "..."} and the driver goes on."""

import glob
import importlib.util
import json
import os
import sys
import time
import traceback

# Loading the job must not leave spark/__pycache__ behind in the checkout.
sys.dont_write_bytecode = True
job_path, jars_dir = sys.argv[1], sys.argv[2]
settings = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
spec = importlib.util.spec_from_file_location("pinpipe_job", job_path)
job = importlib.util.module_from_spec(spec)
spec.loader.exec_module(job)

from pyspark.sql import SparkSession  # noqa: E402

jars = [
    jar for folder in [jars_dir, *settings.get("jarDirs", [])] for jar in sorted(glob.glob(os.path.join(folder, "*.jar")))
]
builder = SparkSession.builder
for key, value in settings.get("conf", {}).items():
    builder = builder.config(key, value)
spark = (
    builder.master("local[2]")
    .appName("pinpipe-test")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.sql.shuffle.partitions", "2")
    # Delta replays its log with as many tasks as this: the default (50) costs seconds per read.
    .config("spark.databricks.delta.snapshotPartitions", "1")
    .config("spark.jars", ",".join(jars))
    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")


def read_delta(path):
    from delta.tables import DeltaTable
    from pyspark.sql.types import TimestampType

    frame = spark.read.format("delta").load(path)
    columns = [
        f"unix_micros(`{field.name}`) AS `{field.name}`" if isinstance(field.dataType, TimestampType) else f"`{field.name}`"
        for field in frame.schema.fields
    ]
    rows = [json.loads(text) for text in frame.selectExpr(*columns).toJSON(use_unicode=True).collect()]
    # toJSON leaves out null fields: put them back, so rows compare whole.
    names = [field.name for field in frame.schema.fields]
    rows = [{name: row.get(name) for name in names} for row in rows]
    table = DeltaTable.forPath(spark, path)
    history = sorted(
        ({"version": r["version"], "operation": r["operation"]} for r in table.history().select("version", "operation").collect()),
        key=lambda entry: entry["version"],
    )
    detail = spark.sql(f"DESCRIBE DETAIL delta.`{path}`").first()
    return {
        "version": history[-1]["version"] if history else None,
        "schema": [
            {"name": field.name, "type": field.dataType.simpleString(), "nullable": field.nullable}
            for field in frame.schema.fields
        ],
        "partitionColumns": list(detail["partitionColumns"]),
        "numFiles": detail["numFiles"],
        "files": sorted(os.path.basename(name) for name in frame.inputFiles()),
        "history": history,
        "rows": rows,
    }


def answer(value):
    sys.stdout.write("@@" + json.dumps(value, default=str) + "\n")
    sys.stdout.flush()


answer({"ready": True})
for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    started = time.monotonic()
    try:
        if request["op"] == "quit":
            break
        if request["op"] == "job":
            spark.conf.set("spark.sql.ansi.enabled", "true" if request.get("ansi", True) else "false")
            more = [tuple(entry) for entry in request.get("moreResults", [])]
            result = {"counts": job.run(spark, request["args"], more)}
        elif request["op"] == "delta":
            result = read_delta(request["path"])
        else:
            raise ValueError(f"unknown request {request['op']!r}")
        result["seconds"] = time.monotonic() - started
        answer(result)
    except Exception as error:  # the test reads the message; the session stays up for the next
        answer({"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()[-4000:]})
spark.stop()
