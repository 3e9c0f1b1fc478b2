"""A producer written the way the original pipeline's posting snippets were: `requests`, the payload
built as a dict and serialized with json.dumps(payload, default=str), the REST proxy's and the API
Gateway Kinesis proxy's headers and paths. It reads the rows to send as JSON lines
{"table": "pin"|"geo"|"user", "record": {...}} from a file and posts each one on its own.

Usage: seedsClient.py <invoke_url> rest-proxy <topic_prefix> <rows.ndjson>
       seedsClient.py <invoke_url> api-gateway <pin_stream>,<geo_stream>,<user_stream> <rows.ndjson>

Prints one line "<n> rows sent" and exits 0, or names the first refused row and exits 1.
"""

import json
import sys
from datetime import datetime

import requests


def as_original(record):
    # The original rows came from MySQL with datetime columns; default=str writes them as text.
    converted = dict(record)
    for field in ("timestamp", "date_joined"):
        value = converted.get(field)
        if isinstance(value, str):
            try:
                converted[field] = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                pass
    return converted


def post_to_kafka(invoke_url, topic_prefix, table, record):
    url = f"{invoke_url}/topics/{topic_prefix}.{table}"
    payload = json.dumps({"records": [{"value": as_original(record)}]}, default=str)
    headers = {"Content-Type": "application/vnd.kafka.json.v2+json"}
    return requests.request("POST", url, headers=headers, data=payload)


def put_to_kinesis(invoke_url, stream_name, record):
    url = f"{invoke_url}/streams/{stream_name}/record"
    payload = json.dumps(
        {"StreamName": stream_name, "Data": as_original(record), "PartitionKey": "partition-1"},
        default=str,
    )
    headers = {"Content-Type": "application/json"}
    return requests.request("PUT", url, headers=headers, data=payload)


def main():
    invoke_url, mode, target, rows_path = sys.argv[1:5]
    streams = dict(zip(("pin", "geo", "user"), target.split(","))) if mode == "api-gateway" else {}
    sent = 0
    with open(rows_path, encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            if mode == "rest-proxy":
                response = post_to_kafka(invoke_url, target, row["table"], row["record"])
            else:
                response = put_to_kinesis(invoke_url, streams[row["table"]], row["record"])
            if response.status_code != 200:
                print(f"row {sent} refused: {response.status_code} {response.text}")
                return 1
            sent += 1
    print(f"{sent} rows sent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
