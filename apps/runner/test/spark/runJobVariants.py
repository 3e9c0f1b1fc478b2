"""Test driver: runs spark/pinpipe_job.py several times in one SparkSession (local[2]), so the
integration test pays for one JVM start. Usage: runJobVariants.py <job.py> <runs.json>, where
runs.json is a list of {"args": [...], "ansi": bool}. Prints one JSON line per run."""

import importlib.util
import json
import sys
import time

# Loading the job must not leave spark/__pycache__ behind in the checkout.
sys.dont_write_bytecode = True
job_path, runs_path = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("pinpipe_job", job_path)
job = importlib.util.module_from_spec(spec)
spec.loader.exec_module(job)

from pyspark.sql import SparkSession  # noqa: E402

spark = (
    SparkSession.builder.master("local[2]")
    .appName("pinpipe-test")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.shuffle.partitions", "4")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MILLIS")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")

with open(runs_path, encoding="utf-8") as file:
    runs = json.load(file)
for run in runs:
    spark.conf.set("spark.sql.ansi.enabled", "true" if run["ansi"] else "false")
    started = time.monotonic()
    counts = job.run(job.parse_args(run["args"]))
    print(json.dumps({"args": run["args"], "seconds": time.monotonic() - started, "counts": counts}), flush=True)
spark.stop()
