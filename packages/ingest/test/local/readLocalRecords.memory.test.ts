import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePostLines, readLocalRecords } from "../../src/index";
import { useTempDirs } from "./tempDir";

const newTempDir = useTempDirs();

const TARGET_BYTES = 200 * 1024 * 1024;
/** Measured growth is a few MiB; reading the file whole would add ~200 MiB. */
const HEAP_GROWTH_LIMIT = 64 * 1024 * 1024;

describe("readLocalRecords: constant memory", () => {
  it("streams a ~200 MB NDJSON file with bounded heap and buffer growth", async () => {
    const dir = await newTempDir();
    const path = join(dir, "pinterest_data.ndjson");
    // A ~4 MB block of generated pin lines, written until the file reaches the target size.
    const block = `${[...generatePostLines({ seed: 9, count: 6000 })].map((p) => p.pin).join("\n")}\n`;
    const linesPerBlock = 6000;
    const blocks = Math.ceil(TARGET_BYTES / Buffer.byteLength(block));
    const out = createWriteStream(path);
    for (let i = 0; i < blocks; i++) if (!out.write(block)) await once(out, "drain");
    out.end();
    await once(out, "finish");

    // Buffers live outside the JS heap: count them too (arrayBuffers), or a file read whole would pass.
    const used = (): number => {
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    const baseline = used();
    let peak = baseline;
    let count = 0;
    let errors = 0;
    for await (const item of readLocalRecords(path)) {
      if (item.error !== undefined) errors++;
      if (++count % 20_000 === 0) peak = Math.max(peak, used());
    }
    expect(errors).toBe(0);
    expect(count).toBe(blocks * linesPerBlock);
    expect(peak - baseline).toBeLessThan(HEAP_GROWTH_LIMIT);
  }, 120_000);
});
