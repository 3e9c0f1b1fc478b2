import type { CommandEntry } from "../command";

/** Every `pinpipe` subcommand, in the order `pinpipe --help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: "demo",
    summary: "run the whole pipeline on local S3 and Kinesis servers (no configuration needed)",
    load: async () => (await import("./demo")).demoCommand,
  },
  {
    name: "analyze",
    summary: "clean raw records from a local folder and print the eight batch query results",
    load: async () => (await import("./analyze")).analyzeCommand,
  },
  {
    name: "batch",
    summary:
      "clean the raw topics into Delta (or Parquet) tables, rejected records and query results (one run)",
    load: async () => (await import("./batch")).batchCommand,
  },
  {
    name: "connect-s3",
    summary: "write Kafka topics to the Kafka Connect S3 sink layout (folder or bucket), exactly once",
    load: async () => (await import("./connectS3")).connectS3Command,
  },
  {
    name: "emulate",
    summary:
      "replay the original posting emulator into Kinesis, Kafka, S3, a folder, a REST proxy or API Gateway",
    load: async () => (await import("./emulate")).emulateCommand,
  },
  {
    name: "gateway",
    summary: "serve the original producers' HTTP APIs (REST Proxy v2 → Kafka, API Gateway → Kinesis)",
    load: async () => (await import("./gateway")).gatewayCommand,
  },
  {
    name: "optimize",
    summary: "compact the small files of the Delta tables (an OPTIMIZE commit, rows unchanged)",
    load: async () => (await import("./optimize")).optimizeCommand,
  },
  {
    name: "report",
    summary: "write a self-contained HTML report (charts and tables) of a finished batch run",
    load: async () => (await import("./report")).reportCommand,
  },
  {
    name: "sql",
    summary: "print the cleaning and the eight queries as SQL for Spark SQL or DuckDB",
    load: async () => (await import("./sql")).sqlCommand,
  },
  {
    name: "stream",
    summary:
      "consume the pin, geo and user Kinesis streams or Kafka topics into clean tables (Delta or Parquet), exactly once",
    load: async () => (await import("./stream")).streamCommand,
  },
  {
    name: "vacuum",
    summary: "delete Delta table files no longer referenced, after a retention period",
    load: async () => (await import("./vacuum")).vacuumCommand,
  },
];
