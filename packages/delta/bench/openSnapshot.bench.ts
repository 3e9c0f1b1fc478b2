import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CHECKPOINT_INTERVAL,
  cleanTableDefinition,
  DELTA_LOG,
  fileStatsJson,
  loadSnapshot,
  localDeltaStorage,
  writeTableCommit,
} from "../src/index";

/**
 * `pnpm bench` for opening a stream's Delta table: PINPIPE_DELTA_BENCH_COMMITS commits (default
 * 1,000; `--quick`: 200), each as a stream micro-batch writes it (one `add` of a small file with its
 * stats, a `txn` of the stream, `commitInfo`), with a checkpoint every ten versions as the writer
 * makes them. Then times opening the latest snapshot (`loadSnapshot`: `_last_checkpoint`, the
 * checkpoint's Parquet, the commits after it) PINPIPE_DELTA_BENCH_OPENS times (default 20) and
 * prints the median and the slowest, and for comparison one replay of every JSON commit from
 * version 0 (the checkpoints ignored). The target: opening takes well under a second. Only the
 * log is written; the data files it names do not exist (opening never reads them).
 */
const quick = process.argv.includes("--quick");
const commits = Number(process.env.PINPIPE_DELTA_BENCH_COMMITS ?? (quick ? 200 : 1_000));
const opens = Number(process.env.PINPIPE_DELTA_BENCH_OPENS ?? 20);
if (!Number.isSafeInteger(commits) || commits < 1 || !Number.isSafeInteger(opens) || opens < 1) {
  throw new Error("PINPIPE_DELTA_BENCH_COMMITS and PINPIPE_DELTA_BENCH_OPENS must be positive integers");
}
const log = (line: string) => process.stdout.write(`${line}\n`);

const root = mkdtempSync(join(tmpdir(), "pinpipe-delta-open-bench-"));
try {
  const storage = localDeltaStorage(join(root, "pinpipe_geo_table"));
  const definition = cleanTableDefinition("geo", "pinpipe");
  const writeStarted = performance.now();
  for (let batch = 1; batch <= commits; batch++) {
    const year = 2018 + (batch % 5);
    await writeTableCommit(storage, definition, {
      add: [
        {
          path: `post_year=${year}/part-00000-shardId-000000000000-${batch}-bench.parquet`,
          partitionValues: { post_year: String(year) },
          size: 4_096,
          stats: fileStatsJson(12, [
            { name: "ind", type: "long", nullCount: 0, min: batch * 12, max: batch * 12 + 11 },
            { name: "country", type: "string", nullCount: 0, min: "Albania", max: "Zambia" },
          ]),
          modificationTime: Date.now(),
        },
      ],
      txn: { appId: "pinpipe-stream/pinpipe-geo", version: batch },
      operation: "STREAMING UPDATE",
    });
  }
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  const checkpoints = (await storage.list(DELTA_LOG)).filter((name) => name.endsWith(".checkpoint.parquet"));
  log(
    `Delta table of ${commits.toLocaleString("en-US")} stream commits (${checkpoints.length} checkpoints, every ${CHECKPOINT_INTERVAL} versions) written in ${writeSeconds.toFixed(1)} s; node ${process.version}`,
  );

  const times: number[] = [];
  let files = 0;
  for (let i = 0; i < opens; i++) {
    const started = performance.now();
    const snapshot = await loadSnapshot(storage);
    times.push(performance.now() - started);
    files = snapshot?.files.size ?? 0;
    if (snapshot?.version !== commits - 1) throw new Error(`opened version ${snapshot?.version}`);
    if (snapshot.txns.get("pinpipe-stream/pinpipe-geo") !== commits) throw new Error("the txn is wrong");
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1]!;
  log(
    `open latest snapshot (version ${commits - 1}, ${files.toLocaleString("en-US")} files, txn found): median ${median.toFixed(1)} ms, slowest ${times[times.length - 1]!.toFixed(1)} ms over ${opens} opens (target: well under 1000 ms)`,
  );

  // The same table without its checkpoints: every JSON commit replayed.
  for (const name of checkpoints) await storage.remove(`${DELTA_LOG}/${name}`);
  await storage.remove(`${DELTA_LOG}/_last_checkpoint`);
  const started = performance.now();
  await loadSnapshot(storage);
  log(
    `for comparison, without checkpoints (all ${commits} JSON commits replayed): ${(performance.now() - started).toFixed(1)} ms`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
