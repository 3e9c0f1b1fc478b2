/**
 * Throughput of the synthetic generator and of the local file source and sinks. Timings live here,
 * never in tests. Target: generatePosts ≥ 200k posts/s.
 *
 * Usage (from the repo root): node_modules/.bin/tsx packages/ingest/bench/generatorAndLocalFiles.bench.ts
 *   [--posts 500000] [--megabytes 100] [--files 20000] [--rounds 3]
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  generatePostLines,
  generatePosts,
  readLocalRecords,
  writeKafkaConnectLayout,
  writeNdjson,
} from "../src/index";

const { values } = parseArgs({
  options: {
    posts: { type: "string", default: "500000" },
    megabytes: { type: "string", default: "100" },
    files: { type: "string", default: "20000" },
    rounds: { type: "string", default: "3" },
  },
});
const posts = Number(values.posts);
const megabytes = Number(values.megabytes);
const files = Number(values.files);
const rounds = Number(values.rounds);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perSecond = (count: number, ms: number): string =>
  `${Math.round(count / (ms / 1000)).toLocaleString("en")}/s`;

async function time(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function timeRounds(run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) times.push(await time(run));
  return median(times);
}

console.log(`node ${process.version}; medians of ${rounds} rounds`);

const generateMs = await timeRounds(() => {
  let sum = 0;
  for (const post of generatePosts({ seed: 1, count: posts })) sum += post.pin.index;
  return sum;
});
console.log(`generatePosts        ${perSecond(posts, generateMs).padStart(14)} posts (target ≥ 200,000/s)`);

const linesMs = await timeRounds(() => {
  let sum = 0;
  for (const lines of generatePostLines({ seed: 1, count: posts / 2 })) sum += lines.pin.length;
  return sum;
});
console.log(`generatePostLines    ${perSecond(posts / 2, linesMs).padStart(14)} posts`);

const dir = await mkdtemp(join(tmpdir(), "pinpipe-bench-"));
try {
  const path = join(dir, "pinterest_data.ndjson");
  const targetBytes = megabytes * 1024 * 1024;
  async function* pinLines(): AsyncGenerator<string> {
    let written = 0;
    for (const lines of generatePostLines({ seed: 2, count: Number.MAX_SAFE_INTEGER })) {
      if (written >= targetBytes) return;
      written += lines.pin.length + 1;
      yield lines.pin;
    }
  }
  let count = 0;
  const writeMs = await time(async () => {
    count = await writeNdjson(path, pinLines(), { serialized: true });
  });
  const { size } = await stat(path);
  console.log(
    `writeNdjson          ${perSecond(count, writeMs).padStart(14)} records (${(size / 1048576).toFixed(0)} MiB)`,
  );
  const readMs = await timeRounds(async () => {
    for await (const _ of readLocalRecords(path));
  });
  console.log(
    `readLocalRecords     ${perSecond(count, readMs).padStart(14)} records, ${(size / 1048576 / (readMs / 1000)).toFixed(0)} MiB/s`,
  );

  const objects = join(dir, "objects");
  const geo = Array.from({ length: files }, (_, ind) => ({ ind, country: "Gambia" }));
  const writeObjectsMs = await time(() =>
    writeKafkaConnectLayout(objects, "bench", "geo", geo, { partitions: 1, recordsPerObject: 1 }),
  );
  console.log(`write ${files} one-record objects ${(writeObjectsMs / 1000).toFixed(2)} s`);
  const readObjectsMs = await timeRounds(async () => {
    for await (const _ of readLocalRecords(objects));
  });
  console.log(`read ${files} one-record objects  ${(readObjectsMs / 1000).toFixed(2)} s`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
