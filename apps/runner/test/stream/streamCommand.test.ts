import { describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { memoryContext } from "./commandContext";

async function run(...args: string[]) {
  const io = memoryContext();
  const code = await main(["stream", ...args], commands, io.context);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("pinpipe stream options", () => {
  it("--help documents every option and the output layout", async () => {
    const { code, stdout } = await run("--help");
    expect(code).toBe(0);
    for (const option of [
      "--out",
      "--streams",
      "--from",
      "--until-idle",
      "--batch-records",
      "--batch-seconds",
      "--poll-ms",
      "--max-record-bytes",
      "--clean-config",
      "--kinesis-endpoint",
      "--s3-endpoint",
      "--format",
      "--table-prefix",
    ]) {
      expect(stdout).toContain(option);
    }
    expect(stdout).toContain("tables/<table>/shard=<shard>/<firstSeq>_<lastSeq>.parquet");
    expect(stdout).toContain("checkpoints/<stream>.json");
    expect(stdout).toContain("<out>/tables/<prefix>_<table>_table/");
    // The Kafka stream commits to the same tables, one txn application per topic partition.
    expect(stdout).toMatch(/appId pinpipe-kafka\/<topic>\/<partition>/);
    expect(stdout).toMatch(
      /--max-record-bytes <size> Longest record kept [^)]*KPL aggregate\); a longer one is a\s+rejected record/,
    );
    expect(stdout).toMatch(/\(default and largest: 1MiB, Kinesis's\s+own limit\)/);
  });

  it("is listed by pinpipe --help", async () => {
    const io = memoryContext();
    await main(["--help"], commands, io.context);
    expect(io.stdout()).toMatch(/\n {2}stream +consume the pin, geo and user Kinesis streams/);
  });

  it("refuses bad options with one line and exit code 2, before touching Kinesis", async () => {
    const cases: [string[], RegExp][] = [
      [[], /--out .* is required/],
      [["--out", "x", "extra"], /unexpected argument "extra"/],
      [["--out", "x", "--streams", "a,b"], /--streams needs three names/],
      [["--out", "x", "--streams", "a,a,b"], /distinct/],
      [["--out", "x", "--streams", "a,b/c,d"], /illegal stream name/],
      [["--out", "x", "--from", "earliest"], /--from must be one of trim-horizon, latest/],
      [["--out", "x", "--batch-records", "0"], /--batch-records must be an integer from 1/],
      [["--out", "x", "--batch-records", "2.5"], /--batch-records/],
      [["--out", "x", "--batch-seconds", "0"], /--batch-seconds must be a number above 0/],
      [["--out", "x", "--until-idle", "soon"], /--until-idle/],
      [["--out", "x", "--poll-ms=-1"], /--poll-ms must be an integer from 0/],
      [["--out", "x", "--frm", "latest"], /Unknown option '--frm'/],
      [["--out", "x", "--max-record-bytes", "big"], /--max-record-bytes: "big" is not a byte size/],
      [["--out", "x", "--max-record-bytes", "1KB"], /--max-record-bytes: "1KB" has an unknown unit "KB"/],
      [["--out", "x", "--max-record-bytes", "0"], /--max-record-bytes must be from 1B to 1MiB, got "0"/],
      [["--out", "x", "--max-record-bytes", "2MiB"], /--max-record-bytes must be from 1B to 1MiB/],
      [["--out", "x", "--format", "csv"], /--format must be one of delta, parquet/],
      [["--out", "x", "--table-prefix", "a-b"], /--table-prefix must be 1 to 100 letters, digits or "_"/],
      [["--out", "x", "--format", "parquet", "--table-prefix", "t"], /--table-prefix is for --format delta/],
      [
        ["--out", "x", "--source", "kafka", "--format", "parquet", "--table-prefix", "t"],
        /--table-prefix is for --format delta/,
      ],
      [
        ["--out", "x", "--clean-config", "/no/such/clean.json"],
        /^pinpipe stream: --clean-config \/no\/such\/clean\.json: cannot read it \(ENOENT\)/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await run(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split("\n"), stderr).toHaveLength(1);
    }
  });
});
