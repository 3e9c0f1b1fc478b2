import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DeltaLogError, DeltaProtocolError, loadSnapshot, localDeltaStorage } from "../src/index";

const GOLDEN = resolve(
  fileURLToPath(new URL("../../../../shared/data/delta-golden/tables", import.meta.url)),
);
const present = existsSync(GOLDEN);
const describeGolden = present ? describe : describe.skip;
const title = present
  ? "the log reader on Delta's golden tables"
  : `the log reader on Delta's golden tables [skipped: ${GOLDEN} is absent; it is not part of the repository]`;

const open = (name: string) => loadSnapshot(localDeltaStorage(join(GOLDEN, name)));

describeGolden(title, () => {
  it("replays a classic checkpoint and the commits after it", async () => {
    const snapshot = (await open("checkpoint"))!;
    expect(snapshot.checkpointVersion).toBe(10);
    expect(snapshot.version).toBe(14);
    expect([...snapshot.files.keys()]).toEqual(["15"]);
    expect(snapshot.tombstones.size).toBe(14);
  });

  it("replays a multi-part checkpoint", async () => {
    const snapshot = (await open("multi-part-checkpoint"))!;
    expect(snapshot.checkpointVersion).toBe(1);
    expect(snapshot.version).toBe(1);
    expect(snapshot.files.size).toBe(10);
  });

  it("starts from a checkpoint when the earlier commits are gone, and ignores a corrupt _last_checkpoint", async () => {
    expect((await open("only-checkpoint-files"))!.version).toBe(2);
    const corrupted = (await open("corrupted-last-checkpoint"))!;
    expect(corrupted.version).toBe(10);
    expect(corrupted.files.size).toBe(11);
  });

  it("decodes escaped paths and keeps partition values as written", async () => {
    const snapshot = (await open("data-reader-escaped-chars"))!;
    expect(snapshot.metadata.partitionColumns).toEqual(["_2"]);
    const values = [...snapshot.files.values()].map((add) => add.partitionValues._2).sort();
    expect(values).toEqual(["bar+%21", "bar+%22", "bar+%23"]);
    for (const [path, add] of snapshot.files) {
      expect(path.startsWith(`_2=${add.partitionValues._2!.replaceAll("%", "%25")}/`)).toBe(true);
    }
    const partitioned = (await open("data-reader-partition-values"))!;
    const nulls = [...partitioned.files.values()].filter((add) => add.partitionValues.as_int === null);
    expect(nulls).toHaveLength(1);
    expect(Object.values(nulls[0]!.partitionValues).every((value) => value === null)).toBe(true);
    expect(
      [...partitioned.files.keys()].some((path) => path.includes("as_timestamp=2021-09-08 11%3A11%3A11/")),
    ).toBe(true);
  });

  it("treats a file: URI and the plain path of one file as the same file", async () => {
    for (const name of ["canonicalized-paths-normal-a", "canonicalized-paths-special-a"]) {
      const snapshot = (await open(name))!;
      expect(snapshot.files.size).toBe(0);
      expect(snapshot.tombstones.size).toBe(1);
    }
  });

  it("takes the latest metadata and protocol, and a reader-3 table with no reader features", async () => {
    const snapshot = (await open("log-replay-latest-metadata-protocol"))!;
    expect(snapshot.version).toBe(2);
    expect(snapshot.protocol.minReaderVersion).toBe(3);
  });

  it("keeps the last txn version of each application", async () => {
    const snapshot = (await open("deltalog-getChanges"))!;
    expect(snapshot.txns.size).toBe(1);
  });

  it("refuses a gap in the versions", async () => {
    await expect(open("versions-not-contiguous")).rejects.toThrow(DeltaLogError);
    await expect(open("versions-not-contiguous")).rejects.toThrow(/not contiguous \(version 1 is missing/);
  });

  it("refuses protocols it does not implement, naming what they need", async () => {
    await expect(open("deltalog-invalid-protocol-version")).rejects.toThrow(DeltaProtocolError);
    await expect(open("deltalog-invalid-protocol-version")).rejects.toThrow(/reader version 99/);
    await expect(open("v2-checkpoint-parquet")).rejects.toThrow(/features: v2Checkpoint/);
    await expect(open("v2-checkpoint-json")).rejects.toThrow(DeltaProtocolError);
    await expect(open("dv-partitioned-with-checkpoint")).rejects.toThrow(/deletionVectors/);
    await expect(open("table-with-columnmapping-mode-name")).rejects.toThrow(/reader version 2/);
  });

  it("refuses logs that lack their protocol or metadata", async () => {
    await expect(open("deltalog-state-reconstruction-without-protocol")).rejects.toThrow(
      /no protocol action/,
    );
    await expect(open("deltalog-state-reconstruction-without-metadata")).rejects.toThrow(
      /no metaData action/,
    );
    await expect(open("deltalog-state-reconstruction-from-checkpoint-missing-protocol")).rejects.toThrow(
      /no protocol action/,
    );
    await expect(open("deltalog-state-reconstruction-from-checkpoint-missing-metadata")).rejects.toThrow(
      /no metaData action/,
    );
  });

  it("says there is no table where there is no log", async () => {
    expect(await open("no-delta-log-folder")).toBeNull();
  });
});
