#!/usr/bin/env python3
"""pinpipe's batch job on Apache Spark.

Reads the raw pin, geo and user records (the Kafka Connect S3 sink layout, or NDJSON files named
after their table) from a local folder or an s3a:// prefix, cleans them with the SQL that
`pinpipe sql --dialect spark --json` generates from pinpipe's own cleaning rules, and writes:

  <out>/tables/<prefix>_<table>_table/  clean rows as Delta Lake tables (--format delta, the default;
                                 pins by category, geo by post_year, user by join_year), named
                                 and partitioned as `pinpipe batch` names and partitions its own
  <out>/tables/<table>/          clean rows as plain Parquet (--format parquet; geo by post_year,
                                 user by join_year)
  <out>/rejected/<table>/        rejected lines as JSON lines: position, reason, raw, rawEncoding
  <out>/results/<query>.json     the eight queries, in the format of `pinpipe batch`'s result files
  <out>/counts.json              per table: in, clean, rejected, duplicates, byReason

Local mode:  python3 spark/pinpipe_job.py --source DIR --out DIR [options]
Cluster:     spark-submit spark/pinpipe_job.py --source s3a://bucket/raw --out s3a://bucket/out
See docs/spark.md.
"""

import argparse
import gzip
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SQL = os.path.join(HERE, "pinpipe-sql.json")
TABLES = ("pin", "geo", "user")
RECORD_EXTENSIONS = (".json", ".ndjson", ".jsonl")
REJECT_REASONS = ("invalid_json", "too_long", "not_an_object", "missing_key", "invalid_key")
# Derived partition columns, as pinpipe batch partitions geo and user; pins are not partitioned
# here, because Spark keeps a partition column only in folder names and pinpipe keeps category
# in the files.
PARTITIONS = {"geo": ("post_year", "year(`timestamp`)"), "user": ("join_year", "year(date_joined)")}
# Delta keeps partition values in its log, so pins are partitioned by category there, as in batch.
DELTA_PARTITIONS = {"pin": "category", "geo": "post_year", "user": "join_year"}
# The Delta Lake release built for Spark 4.0 (Scala 2.13), fetched by Spark when run as a script.
DELTA_PACKAGE = "io.delta:delta-spark_2.13:4.0.0"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="pinpipe_job.py",
        description="pinpipe's batch job on Apache Spark: raw topics -> clean tables, rejects, results.",
    )
    parser.add_argument("--source", required=True, help="raw records: a folder or s3a://bucket/prefix")
    parser.add_argument("--out", required=True, help="output root: a folder or s3a://bucket/prefix")
    parser.add_argument(
        "--sql",
        default=DEFAULT_SQL,
        help="the SQL bundle from `pinpipe sql --dialect spark --json [--clean-config F]` "
        "(default: spark/pinpipe-sql.json, the default cleaning options)",
    )
    parser.add_argument("--dedupe", action="store_true", help="drop clean rows equal in every column")
    parser.add_argument("--median", choices=("lower", "exact"), default="lower")
    parser.add_argument("--ties", choices=("all", "first"), default="all")
    parser.add_argument(
        "--format",
        choices=("delta", "parquet"),
        default="delta",
        help="clean tables as Delta Lake tables <out>/tables/<prefix>_<table>_table (default) or plain "
        "Parquet folders <out>/tables/<table>",
    )
    parser.add_argument(
        "--table-prefix",
        default="pinpipe",
        help="Delta table names are <prefix>_pin_table, <prefix>_geo_table, <prefix>_user_table "
        "(letters, digits and _; default pinpipe, as pinpipe batch)",
    )
    parser.add_argument(
        "--delta-jars",
        default=None,
        help="a folder of the delta-spark jars to put on the class path instead of fetching "
        f"{DELTA_PACKAGE} from Maven Central (only when this script starts the session)",
    )
    parser.add_argument("--master", default=None, help="Spark master when not set by spark-submit (default local[*])")
    parser.add_argument(
        "--driver-memory",
        default="4g",
        help="JVM heap of the driver when this script starts a local session (default 4g; Spark's own 1g "
        "runs out on raw files of 100+ MB, each read whole to check its UTF-8); spark-submit sets its own",
    )
    args = parser.parse_args(argv)
    import re

    if not re.fullmatch(r"[A-Za-z0-9_]+", args.table_prefix):
        parser.error(f"--table-prefix must be letters, digits and _, not {args.table_prefix!r}")
    return args


def load_bundle(path):
    with open(path, encoding="utf-8") as file:
        bundle = json.load(file)
    if bundle.get("format") != "pinpipe-sql/1" or bundle.get("dialect") != "spark":
        raise SystemExit(f"{path}: not a Spark SQL bundle of `pinpipe sql --dialect spark --json`")
    return bundle


def spark_session(master, table_format="parquet", delta_jars=None, driver_memory=None):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("pinpipe")
    # spark-submit sets the master; `python3 pinpipe_job.py` runs PySpark's local[*] unless told.
    if master is not None:
        builder = builder.master(master)
    if table_format == "delta" and SparkSession.getActiveSession() is None:
        # Only a session this script starts takes jars; spark-submit --packages and clusters with
        # Delta (Databricks) have them already.
        if delta_jars is not None:
            import glob

            builder = builder.config("spark.jars", ",".join(sorted(glob.glob(os.path.join(delta_jars, "*.jar")))))
        else:
            builder = builder.config("spark.jars.packages", DELTA_PACKAGE)
        builder = builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension").config(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog"
        )
    if master is not None and master.startswith("local") and SparkSession.getActiveSession() is None:
        # One machine: a few shuffle partitions (Spark's default of 200 suits clusters).
        builder = builder.config("spark.sql.shuffle.partitions", "4")
        if driver_memory is not None:
            # Only takes effect here, before the JVM starts; in local mode the driver runs the tasks.
            builder = builder.config("spark.driver.memory", driver_memory)
    return builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()


def write_clean_table(clean, table, args, out):
    """Writes one clean table: a Delta table named and partitioned as pinpipe batch's (each run
    overwrites the table's rows in a new version, so the history keeps the earlier ones), or a
    plain Parquet folder."""
    partition = PARTITIONS.get(table)
    frame = clean if partition is None else clean.selectExpr("*", f"{partition[1]} AS {partition[0]}")
    if args.format == "delta":
        path = f"{out}/tables/{args.table_prefix}_{table}_table"
        # Spark declares every computed column nullable; pinpipe declares the key `ind` non-null. The
        # table is created with pinpipe's schema first (once), and each run's rows go into it: Delta
        # keeps the table's NOT NULL and checks it on every write.
        columns = ", ".join(
            f"`{field.name}` {field.dataType.simpleString()}{' NOT NULL' if field.name == 'ind' else ''}"
            for field in frame.schema.fields
        )
        frame.sparkSession.sql(
            f"CREATE TABLE IF NOT EXISTS delta.`{path}` ({columns}) USING delta "
            f"PARTITIONED BY (`{DELTA_PARTITIONS[table]}`)"
        )
        writer = frame.write.format("delta").mode("overwrite").partitionBy(DELTA_PARTITIONS[table])
        writer.save(path)
        return
    writer = frame.write.mode("overwrite")
    if partition is not None:
        writer = writer.partitionBy(partition[0])
    writer.parquet(f"{out}/tables/{table}")


# ---------------------------------------------------------------------------------------------
# Files: listing through Hadoop's FileSystem, so local folders and s3a:// read the same way.


def hadoop_fs(spark, path):
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return jvm, fs, hadoop_path


def list_record_files(spark, source):
    """(qualified path, path relative to the source) of every record file, in path order."""
    _, fs, root = hadoop_fs(spark, source)
    root_text = fs.makeQualified(root).toString().rstrip("/")
    found = []
    iterator = fs.listFiles(root, True)
    while iterator.hasNext():
        status = iterator.next()
        path = status.getPath().toString()
        relative = path[len(root_text) + 1 :] if path.startswith(root_text + "/") else status.getPath().getName()
        if any(part.startswith(".") or part.startswith("_") for part in relative.split("/")):
            continue
        name = relative.rsplit("/", 1)[-1].lower()
        bare = name[:-3] if name.endswith(".gz") else name
        if bare.endswith(RECORD_EXTENSIONS):
            found.append((path, relative))
    return sorted(found, key=lambda item: item[1])


def table_of_name(name):
    lower = name.lower()
    found = [table for table in TABLES if table in lower]
    return found[0] if len(found) == 1 else None


def table_of_path(relative):
    """pinpipe's rule (apps/runner/src/analyze/tableOfPath.ts): a Kafka Connect object by its topic,
    else the nearest path segment naming exactly one table."""
    import re

    segments = relative.split("/")
    match = re.match(r"^(.+)\+\d+\+\d+\.json(\.gz)?$", segments[-1])
    if match is not None:
        topic = re.match(r"^[a-zA-Z0-9._-]{1,249}$", match.group(1)) and re.match(r"^.+\.(pin|geo|user)$", match.group(1))
        if topic:
            return topic.group(1)
    for segment in reversed(segments):
        table = table_of_name(segment)
        if table is not None:
            return table
    return None


def write_text(spark, path, text):
    """Writes one small file (local or s3a) through Hadoop's FileSystem."""
    _, fs, hadoop_path = hadoop_fs(spark, path)
    stream = fs.create(hadoop_path, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


# ---------------------------------------------------------------------------------------------
# Raw lines: one row per non-blank line with its position; UTF-8 checked on the bytes.


def raw_lines(spark, files, position_field="file"):
    """The raw view of one table's files ((path, name in positions) pairs): (line, position,
    raw_base64), the position {<position_field>: name, line, byteOffset}. Files whose bytes are all UTF-8
    (nearly all) are split in SQL; the others line by line in Python on their bytes, so that a line
    that is not UTF-8 is rejected as invalid_json with its exact bytes (Spark's string functions
    would replace them)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType

    position_type = StructType(
        [
            StructField(position_field, StringType()),
            StructField("line", LongType()),
            StructField("byteOffset", LongType()),
        ]
    )
    schema = StructType(
        [
            StructField("line", StringType()),
            StructField("position", position_type),
            StructField("raw_base64", StringType()),
        ]
    )
    if not files:
        return spark.createDataFrame([], schema)
    relative_of = {path: relative for path, relative in files}
    texts = spark.read.text([path for path, _ in files], wholetext=True).select(
        F.col("value"), F.col("_metadata.file_path").alias("path")
    )
    relatives = spark.createDataFrame(list(relative_of.items()), "path string, relative string")
    texts = texts.join(F.broadcast(relatives), "path", "left").withColumn(
        "relative", F.coalesce(F.col("relative"), F.col("path"))
    )
    valid_files = texts.where(F.expr("is_valid_utf8(value)"))
    invalid_paths = [row.path for row in texts.where(F.expr("NOT is_valid_utf8(value)")).select("path").collect()]

    split = valid_files.selectExpr("relative", "posexplode(split(value, '\\n', -1)) AS (pos, text)").selectExpr(
        "relative",
        "pos",
        # A byte order mark is dropped at a file's start only, as pinpipe's readers do.
        "CASE WHEN pos = 0 AND startswith(text, '\\uFEFF') THEN substr(text, 2) ELSE text END AS text",
        "sum(octet_length(text) + 1) OVER (PARTITION BY relative ORDER BY pos ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before",
    )
    lines = split.selectExpr(
        "text AS line",
        f"named_struct('{position_field}', relative, 'line', CAST(pos + 1 AS BIGINT), 'byteOffset', CAST(coalesce(before, 0) AS BIGINT)) AS position",
        "CAST(NULL AS STRING) AS raw_base64",
    ).where("NOT (line RLIKE '^[ \\t\\r\\n]*\\\\z')")

    if invalid_paths:
        import base64

        def split_bytes(item):
            path, content = item
            data = bytes(content)
            if path.endswith(".gz"):
                data = gzip.decompress(data)
            offset = 0
            for number, chunk in enumerate(data.split(b"\n"), start=1):
                start = offset
                offset += len(chunk) + 1
                if number == 1 and chunk.startswith(b"\xef\xbb\xbf"):
                    chunk = chunk[3:]
                if chunk.strip(b" \t\r\n") == b"":
                    continue
                position = (relative_of.get(path, path), number, start)
                try:
                    yield (chunk.decode("utf-8"), position, None)
                except UnicodeDecodeError:
                    yield (None, position, base64.b64encode(chunk).decode("ascii"))

        binary = spark.sparkContext.binaryFiles(",".join(invalid_paths))
        lines = lines.unionByName(spark.createDataFrame(binary.flatMap(split_bytes), schema))
    return lines


# ---------------------------------------------------------------------------------------------
# Results in the format of pinpipe batch (packages/core/src/resultFiles.ts: resultJson).


def js_number(value):
    """A number as JavaScript's JSON.stringify writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value) or math.isinf(value):
        return "null"
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        text = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    return text


def js_value(value):
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float)):
        return js_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"unexpected result value {value!r}")


def result_json(rows):
    if not rows:
        return "[]\n"
    lines = []
    for row in rows:
        lines.append("{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{js_value(v)}" for k, v in row.items()) + "}")
    return "[\n" + ",\n".join(lines) + "\n]\n"


# ---------------------------------------------------------------------------------------------


def object_key(path):
    """The object key of an s3a:// (or s3://) path: what pinpipe batch names in an S3 record's position."""
    from urllib.parse import urlparse

    return urlparse(path).path.lstrip("/")


def position_field(source):
    """Rejected records name where they were read as pinpipe batch does: `file` (relative to the source
    folder) for a folder, `key` (the object's key in its bucket) for an S3 prefix."""
    return "key" if source.lower().startswith(("s3a://", "s3://", "s3n://")) else "file"


def read_and_clean(spark, args, bundle):
    """Reads the raw topics, registers the raw views and runs the cleaning SQL of `args.dedupe`, its
    clean tables cached. Returns the not-UTF-8 lines of each table (their rejects)."""
    views = bundle["views"]
    field = position_field(args.source)
    files = list_record_files(spark, args.source)
    by_table = {table: [] for table in TABLES}
    for path, relative in files:
        table = table_of_path(relative)
        if table is not None:
            by_table[table].append((path, object_key(path) if field == "key" else relative))

    not_utf8 = {}
    for table in TABLES:
        lines = raw_lines(spark, by_table[table], field).cache()
        lines.where("raw_base64 IS NULL").select("line", "position").createOrReplaceTempView(views[table]["raw"])
        not_utf8[table] = lines.where("raw_base64 IS NOT NULL").select("position", "raw_base64")

    for statement in bundle["setup"]:
        spark.sql(statement)
    statements = bundle["statements"]["dedupe" if args.dedupe else "all"]
    for statement in statements:
        spark.sql(statement["sql"])
        if statement["materialized"]:
            spark.sql(f"CACHE TABLE {statement['view']}")
    return not_utf8


def write_tables(spark, args, bundle, not_utf8, out):
    """Writes the clean tables and the rejected lines of the cleaned views; returns the counts."""
    views = bundle["views"]
    counts = {}
    for table in TABLES:
        names = views[table]
        clean = spark.table(names["clean"])
        write_clean_table(clean, table, args, out)

        rejected = spark.sql(
            f"""SELECT position, reason,
                  CASE WHEN reason = 'too_long' THEN NULL ELSE line END AS raw,
                  CASE WHEN reason = 'too_long' THEN NULL ELSE 'text' END AS rawEncoding
                FROM {names['rejected']}"""
        ).unionByName(
            not_utf8[table].selectExpr(
                "position", "'invalid_json' AS reason", "raw_base64 AS raw", "'base64' AS rawEncoding"
            )
        )
        rejected = rejected.orderBy(f"position.{position_field(args.source)}", "position.line").cache()
        rejected.coalesce(1).write.mode("overwrite").json(f"{out}/rejected/{table}")

        by_reason = {reason: 0 for reason in REJECT_REASONS}
        for row in rejected.groupBy("reason").count().collect():
            by_reason[row["reason"]] = row["count"]
        clean_count = clean.count()
        duplicates = 0
        if args.dedupe:
            duplicates = spark.sql(f"SELECT count(*) FROM pinpipe_{table}_checked WHERE _reason IS NULL").first()[0] - clean_count
        rejected_count = sum(by_reason.values())
        counts[table] = {
            "in": clean_count + rejected_count + duplicates,
            "clean": clean_count,
            "rejected": rejected_count,
            "duplicates": duplicates,
            "byReason": by_reason,
        }
    return counts


def write_results(spark, bundle, median, ties, out):
    """Writes the eight results of `--median`/`--ties` over the cleaned views to <out>/results."""
    queries = bundle["queries"][f"median={median},ties={ties}"]
    for name, sql in queries.items():
        rows = [row.asDict() for row in spark.sql(sql).collect()]
        write_text(spark, f"{out}/results/{name}.json", result_json(rows))


def run(spark, argv, more_results=()):
    """Runs the job in `spark` (a session with the time zone and, for Delta, the Delta extension set;
    `spark_session` builds one) with the command line `argv` (a list, or parse_args' namespace).
    Returns the counts per table.

    more_results: further (median, ties, out) whose eight results are written to <out>/results
    from the same cleaning, as a run with those options would write them: --median and --ties
    change only the queries, so a caller that needs several (the tests) cleans once."""
    args = argv if isinstance(argv, argparse.Namespace) else parse_args(argv)
    bundle = load_bundle(args.sql)
    # pinpipe's Parquet holds TIMESTAMP(isAdjustedToUTC, MICROS), Spark's own unit; Spark's default
    # output type is INT96. Runtime settings, so they apply to a session that already existed too.
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    spark.conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
    out = args.out.rstrip("/")
    try:
        not_utf8 = read_and_clean(spark, args, bundle)
        counts = write_tables(spark, args, bundle, not_utf8, out)
        write_results(spark, bundle, args.median, args.ties, out)
        for median, ties, more_out in more_results:
            write_results(spark, bundle, median, ties, more_out.rstrip("/"))
    finally:
        spark.catalog.clearCache()
    options = {
        "dedupe": args.dedupe,
        "median": args.median,
        "ties": args.ties,
        "maxLineBytes": bundle["maxLineBytes"],
        "format": args.format,
    }
    write_text(spark, f"{out}/counts.json", json.dumps({"options": options, "counts": counts}, indent=2) + "\n")
    return counts


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    spark = spark_session(args.master, args.format, args.delta_jars, args.driver_memory)
    counts = run(spark, args)
    summary = ", ".join(f"{table} {c['clean']} clean / {c['rejected']} rejected" for table, c in counts.items())
    print(f"pinpipe_job: {summary}; results in {args.out.rstrip('/')}/results")


if __name__ == "__main__":
    main()
