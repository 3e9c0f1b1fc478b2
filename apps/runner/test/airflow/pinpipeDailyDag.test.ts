import { execFile, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { BatchManifest } from "@pinpipe/core";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { describeWithPeer, type Peer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testCliArgs } from "../support/testCli";

// airflow/dags/pinpipe_daily.py under a real Airflow 3 (the `airflow` peer: apache-airflow-core and
// the standard provider from PyPI) on SQLite, running the built `pinpipe` CLI against a local S3
// server. The scenarios run in one Python process (runDagScenarios.py, dag.test() as `airflow dags
// test` does), since Airflow's in-process execution API alone takes seconds to start.

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const runExecFile = promisify(execFile);

/** A task instance as runDagScenarios.py reports it. */
interface TaskOutcome {
  readonly state: string;
  readonly tryNumber: number;
}

/** One DAG run of runDagScenarios.py. */
interface ScenarioOutcome {
  readonly name: string;
  readonly state: string;
  readonly tasks: Readonly<Record<string, TaskOutcome>>;
  readonly files?: Readonly<Record<string, string>>;
}

interface Scenario {
  readonly name: string;
  readonly logicalDate: string | null;
  readonly conf?: Readonly<Record<string, string>>;
  readonly variables?: Readonly<Record<string, string>>;
  readonly markSuccess?: string;
  readonly hashFolder?: string;
}

/** Retries the DAG gives a failing batch here (its default is 3, with minutes between them). */
const RETRIES = 2;

/** Runs the scenarios in one Python process; resolves with their outcomes and Airflow's log. */
function runScenarios(
  airflow: Peer,
  env: NodeJS.ProcessEnv,
  scenariosFile: string,
): Promise<{ code: number | null; outcomes: ScenarioOutcome[]; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      airflow.python!,
      [join(repoRoot, "apps/runner/test/airflow/runDagScenarios.py"), "pinpipe_daily", scenariosFile],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let log = "";
    child.stdout.on("data", (chunk) => {
      log += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      log += String(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const outcomes = log
        .split("\n")
        .filter((line) => line.startsWith("SCENARIO "))
        .map((line) => JSON.parse(line.slice("SCENARIO ".length)) as ScenarioOutcome);
      resolve({ code, outcomes, log });
    });
  });
}

describeWithPeer("airflow", "the pinpipe_daily DAG under Airflow 3", (airflow) => {
  let work = "";
  let s3: LocalS3Server | undefined;
  let out = "";
  let log = "";
  let daysAround: string[] = [];
  const outcomes = new Map<string, ScenarioOutcome>();

  const outcome = (name: string): ScenarioOutcome => {
    const found = outcomes.get(name);
    if (found === undefined)
      throw new Error(`scenario ${name} did not report; the end of Airflow's log:\n${log.slice(-8000)}`);
    return found;
  };

  const expectLogged = (text: string): void => {
    expect(log.includes(text), `Airflow's log has no ${JSON.stringify(text)}`).toBe(true);
  };
  /** How many lines the tasks' commands printed that start with `text` (Airflow logs each line). */
  const commandLines = (text: string): number =>
    log.split("\n").filter((line) => /^\S+ \[info\s*\] /.test(line) && line.includes(`] ${text}`)).length;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "pinpipe-airflow-"));
    out = join(work, "out");
    s3 = await startLocalS3({ buckets: ["raw"] });

    // `pinpipe` on PATH, as the DAG's default pinpipe_command expects.
    const bin = join(work, "bin");
    mkdirSync(bin);
    writeFileSync(
      join(bin, "pinpipe"),
      `#!/bin/sh\nexec "${process.execPath}" ${testCliArgs([])
        .map((arg) => `"${arg}"`)
        .join(" ")} "$@"\n`,
    );
    chmodSync(join(bin, "pinpipe"), 0o755);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
      AWS_ENDPOINT_URL: s3.endpoint,
      AWS_MAX_ATTEMPTS: "1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      // Airflow prints tracebacks with rich: no colours and no wrapping keep messages searchable.
      NO_COLOR: "1",
      COLUMNS: "10000",
      AIRFLOW_HOME: join(work, "airflow"),
      AIRFLOW__CORE__DAGS_FOLDER: join(repoRoot, "airflow/dags"),
      AIRFLOW__CORE__LOAD_EXAMPLES: "False",
      AIRFLOW_VAR_PINPIPE_SOURCE: "s3://raw",
      AIRFLOW_VAR_PINPIPE_OUT: out,
      AIRFLOW_VAR_PINPIPE_RETRIES: String(RETRIES),
      AIRFLOW_VAR_PINPIPE_RETRY_DELAY_SECONDS: "1",
      AIRFLOW_VAR_PINPIPE_MAX_RETRY_DELAY_SECONDS: "2",
    };

    // The raw topics in the Kafka Connect S3 layout, with some bad records so rejected files exist.
    await runExecFile(
      "pinpipe",
      ["emulate", "--to", "s3", "--bucket", "raw", "--count", "300", "--sleep", "none", "--dirty", "0.1"],
      { env },
    );
    await runExecFile(join(airflow.bin!, "airflow"), ["db", "migrate"], { env });

    const runFolder = (date: string) => join(out, "runs", date);
    const scenarios: Scenario[] = [
      // First: dag.test() without a logical date clears every earlier run's tasks and may run one
      // of them again (with that run's conf) instead of a new run.
      { name: "noLogicalDate", logicalDate: null },
      { name: "first", logicalDate: "2026-12-01", hashFolder: runFolder("2026-12-01") },
      { name: "rerun", logicalDate: "2026-12-01", hashFolder: runFolder("2026-12-01") },
      { name: "brokenSource", logicalDate: "2026-12-02", conf: { source: "s3://no-such-bucket/topics" } },
      {
        name: "usageError",
        logicalDate: "2026-12-03",
        variables: { pinpipe_batch_args: "--no-such-option" },
      },
      { name: "missingManifest", logicalDate: "2026-12-04", markSuccess: "batch" },
      { name: "otherRunsManifest", logicalDate: "2026-12-05", markSuccess: "batch" },
      {
        name: "s3WithoutProvider",
        logicalDate: "2026-12-06",
        markSuccess: "batch",
        conf: { out: "s3://lake" },
      },
    ];
    // A manifest in the wrong run's folder (copied by hand, say): check_manifest must not take it.
    mkdirSync(runFolder("2026-12-05"), { recursive: true });
    writeFileSync(
      join(runFolder("2026-12-05"), "manifest.json"),
      JSON.stringify({ format: "pinpipe-batch/1", runId: "2026-12-01", counts: {}, files: [] }),
    );
    // The UTC days around the scenarios, for the run without a logical date (named after the day
    // it ran, which is one of these even across midnight).
    daysAround = [new Date().toISOString().slice(0, 10)];
    const scenariosFile = join(work, "scenarios.json");
    writeFileSync(scenariosFile, JSON.stringify(scenarios));
    const result = await runScenarios(airflow, env, scenariosFile);
    log = result.log;
    // Airflow's whole log, for a failure's details: PINPIPE_AIRFLOW_LOG=<file> keeps it.
    if (process.env.PINPIPE_AIRFLOW_LOG) writeFileSync(process.env.PINPIPE_AIRFLOW_LOG, log);
    daysAround.push(new Date().toISOString().slice(0, 10));
    for (const found of result.outcomes) outcomes.set(found.name, found);
    if (result.code !== 0)
      throw new Error(`runDagScenarios.py exited with ${result.code}:\n${log.slice(-8000)}`);
  }, 900_000);

  afterAll(async () => {
    await s3?.stop();
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  it("runs batch, check_manifest and report for the day; the run folder is named by the logical date", () => {
    const first = outcome("first");
    expect(first.state).toBe("success");
    expect(first.tasks).toEqual({
      batch: { state: "success", tryNumber: 1 },
      check_manifest: { state: "success", tryNumber: 1 },
      report: { state: "success", tryNumber: 1 },
    });
    const runDir = join(out, "runs", "2026-12-01");
    const manifest = JSON.parse(readFileSync(join(runDir, "manifest.json"), "utf8")) as BatchManifest;
    expect(manifest.runId).toBe("2026-12-01");
    expect(manifest.source).toBe("s3://raw");
    expect(manifest.counts.pin.in).toBe(300);
    expect(
      manifest.counts.pin.rejected + manifest.counts.geo.rejected + manifest.counts.user.rejected,
    ).toBeGreaterThan(0);
    // Every file the manifest lists is there with its recorded hash, and so is the report.
    const files = first.files ?? {};
    for (const file of manifest.files) expect(files[file.path], file.path).toBe(file.sha256);
    expect(Object.keys(files)).toContain("report.html");
    // check_manifest's summary (its XCom) is in the log: the manifest's counts.
    expectLogged(`'pin': {'in': 300, 'clean': ${manifest.counts.pin.clean}`);
  });

  it("reruns the same date byte for byte: the manifest and every file it lists are identical", () => {
    const first = outcome("first");
    const rerun = outcome("rerun");
    expect(rerun.state).toBe("success");
    expect(rerun.files).toBeDefined();
    expect(rerun.files?.["manifest.json"]).toBe(first.files?.["manifest.json"]);
    expect(rerun.files).toEqual(first.files);
  });

  it("names a run without a logical date after the UTC day it ran", () => {
    expect(outcome("noLogicalDate").state).toBe("success");
    const named = daysAround.filter((day) => existsSync(join(out, "runs", day, "manifest.json")));
    expect(named).not.toEqual([]);
    const manifest = JSON.parse(readFileSync(join(out, "runs", named[0]!, "manifest.json"), "utf8"));
    expect(manifest.runId).toBe(named[0]);
  });

  it("fails a batch whose source cannot be read after its retries, and runs nothing after it", () => {
    const broken = outcome("brokenSource");
    expect(broken.state).toBe("failed");
    expect(broken.tasks.batch).toEqual({ state: "failed", tryNumber: RETRIES + 1 });
    expect(broken.tasks.check_manifest?.state).toBe("upstream_failed");
    expect(broken.tasks.report?.state).toBe("upstream_failed");
    // pinpipe itself ran once per try, each time failing on the source.
    expect(commandLines("pinpipe batch: cannot list s3://no-such-bucket/topics")).toBe(RETRIES + 1);
  });

  it("fails a usage error (exit 2) at once, without retrying", () => {
    const usage = outcome("usageError");
    expect(usage.state).toBe("failed");
    expect(usage.tasks.batch).toEqual({ state: "failed", tryNumber: 1 });
    expect(usage.tasks.report?.state).toBe("upstream_failed");
    expect(commandLines("pinpipe batch: Unknown option '--no-such-option'")).toBe(1);
    expectLogged("pinpipe exited with code 2 (usage error): not retried");
  });

  it("fails check_manifest clearly, without retrying, when the day's manifest is missing", () => {
    const missing = outcome("missingManifest");
    expect(missing.state).toBe("failed");
    expect(missing.tasks.batch?.state).toBe("success");
    expect(missing.tasks.check_manifest).toEqual({ state: "failed", tryNumber: 1 });
    expect(missing.tasks.report?.state).toBe("upstream_failed");
    expectLogged(`manifest missing: ${join(out, "runs", "2026-12-04", "manifest.json")} does not exist`);
  });

  it("fails check_manifest when the manifest in the day's folder is another run's", () => {
    const other = outcome("otherRunsManifest");
    expect(other.tasks.check_manifest).toEqual({ state: "failed", tryNumber: 1 });
    expect(other.tasks.report?.state).toBe("upstream_failed");
    expectLogged(
      `${join(out, "runs", "2026-12-05", "manifest.json")} is not the manifest of batch run 2026-12-05`,
    );
  });

  it("fails check_manifest of an s3:// output, naming the provider it needs, when Airflow cannot read S3", () => {
    const s3Out = outcome("s3WithoutProvider");
    expect(s3Out.tasks.check_manifest).toEqual({ state: "failed", tryNumber: 1 });
    expectLogged("cannot read s3://lake/runs/2026-12-06/manifest.json");
    expectLogged("needs apache-airflow-providers-amazon");
  });
});

describeWithPeer("airflow", "pinpipe_daily as Airflow parses it", (airflow) => {
  // Parsed without a metadata database: every Variable the file reads at parse time is set.
  const parse = async (variables: Readonly<Record<string, string>>) => {
    const script = [
      "import json, runpy, sys",
      "dag = runpy.run_path(sys.argv[1])['dag']",
      "tasks = {t.task_id: {'downstream': sorted(t.downstream_task_ids), 'retries': t.retries,",
      "  'retryDelay': t.retry_delay.total_seconds(), 'backoff': t.retry_exponential_backoff,",
      "  'maxRetryDelay': t.max_retry_delay.total_seconds(), 'type': type(t).__name__} for t in dag.tasks}",
      "print(json.dumps({'dagId': dag.dag_id, 'schedule': dag.schedule, 'catchup': dag.catchup, 'tasks': tasks}))",
    ].join("\n");
    const home = mkdtempSync(join(tmpdir(), "pinpipe-airflow-parse-"));
    try {
      const { stdout } = await runExecFile(
        airflow.python!,
        ["-c", script, join(repoRoot, "airflow/dags/pinpipe_daily.py")],
        { env: { ...process.env, AIRFLOW_HOME: home, ...variables } },
      );
      return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as {
        dagId: string;
        schedule: string;
        catchup: boolean;
        tasks: Record<string, Record<string, unknown>>;
      };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };
  const noSettings = {
    AIRFLOW_VAR_PINPIPE_DAG_ID_PREFIX: "",
    AIRFLOW_VAR_PINPIPE_CATCHUP: "",
    AIRFLOW_VAR_PINPIPE_RETRIES: "",
    AIRFLOW_VAR_PINPIPE_RETRY_DELAY_SECONDS: "",
    AIRFLOW_VAR_PINPIPE_MAX_RETRY_DELAY_SECONDS: "",
  };

  it("is pinpipe_daily, daily without catch-up, batch then check_manifest then report, retried with backoff", async () => {
    const dag = await parse(noSettings);
    expect(dag).toMatchObject({ dagId: "pinpipe_daily", schedule: "@daily", catchup: false });
    const retried = { retries: 3, retryDelay: 300, backoff: 2, maxRetryDelay: 3600 };
    expect(dag.tasks).toEqual({
      batch: { downstream: ["check_manifest"], type: "PinpipeOperator", ...retried },
      check_manifest: { ...retried, downstream: ["report"], type: "_PythonDecoratedOperator", retries: 0 },
      report: { downstream: [], type: "PinpipeOperator", ...retried },
    });
  }, 120_000);

  it("takes the original's <id>_dag name, catchup and the retry settings from Variables", async () => {
    const dag = await parse({
      ...noSettings,
      AIRFLOW_VAR_PINPIPE_DAG_ID_PREFIX: "0a1b2c3d4e5f",
      AIRFLOW_VAR_PINPIPE_CATCHUP: "true",
      AIRFLOW_VAR_PINPIPE_RETRIES: "5",
      AIRFLOW_VAR_PINPIPE_RETRY_DELAY_SECONDS: "60",
      AIRFLOW_VAR_PINPIPE_MAX_RETRY_DELAY_SECONDS: "600",
    });
    expect(dag.dagId).toBe("0a1b2c3d4e5f_dag");
    expect(dag.catchup).toBe(true);
    expect(dag.tasks.batch).toMatchObject({ retries: 5, retryDelay: 60, maxRetryDelay: 600 });
  }, 120_000);
});
