import { rmSync } from "node:fs";
import { ColumnarMerger } from "@pinpipe/analytics";
import { afterAll, describe, expect, it } from "vitest";
import { findInputFiles } from "../../src/analyze/findInputFiles";
import { planReadTasks } from "../../src/analyze/planReadTasks";
import { runReadTasks } from "../../src/analyze/runReadTasks";
import { writeRawFixture } from "./writeRawFixture";

const fixture = writeRawFixture(150, 5);
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

async function read(threads: number, mainThreadReads: boolean) {
  const { files } = findInputFiles(fixture.dir);
  const tasks = planReadTasks(files, { rangeBytes: 4096, batchBytes: 4096, batchFiles: 9 });
  const merger = new ColumnarMerger({ dedupe: true });
  const sources = new Set<number>();
  await runReadTasks(
    tasks,
    threads,
    true,
    (source, result) => {
      sources.add(source);
      merger.add(source, result.partial);
    },
    mainThreadReads,
  );
  return { tables: merger.tables(), accounting: merger.accounting(), sources, tasks: tasks.length };
}

describe("runReadTasks", () => {
  it("reads on worker threads exactly what the main thread alone reads", async () => {
    const alone = await read(1, true);
    const workers = await read(2, false);
    expect(alone.tasks).toBeGreaterThan(4);
    expect([...alone.sources]).toEqual([0]);
    // The worker (source 0) took every task; its dictionary ids were remapped on merging.
    expect([...workers.sources]).toEqual([0]);
    expect(workers.accounting).toEqual(alone.accounting);
    const rows = (t: typeof alone.tables) =>
      Array.from(
        { length: t.pin.length },
        (_, r) => `${t.pin.ind[r]} ${t.strings[t.pin.posterName[r]!] ?? null}`,
      ).sort();
    expect(rows(workers.tables)).toEqual(rows(alone.tables));
    expect(Array.from(workers.tables.geo.ind).sort()).toEqual(Array.from(alone.tables.geo.ind).sort());
  });
});
