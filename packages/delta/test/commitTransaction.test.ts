import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  commitTransaction,
  type DeltaAction,
  DeltaConflictError,
  type DeltaStorage,
  loadSnapshot,
  localDeltaStorage,
} from "../src/index";

let dir: string;
let storage: DeltaStorage;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "pinpipe-delta-commit-"));
  storage = localDeltaStorage(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const create: DeltaAction[] = [
  { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
  {
    metaData: {
      id: "t",
      format: { provider: "parquet", options: {} },
      schemaString: JSON.stringify({ type: "struct", fields: [] }),
      partitionColumns: [],
      configuration: {},
    },
  },
];

const streamCommit = (txnId: string, version: number): DeltaAction[] => [
  { txn: { appId: "pinpipe-stream/s-pin", version } },
  { commitInfo: { operation: "STREAMING UPDATE", txnId } },
];

/** A storage whose conditional writes store the file but answer as if the name had been taken. */
function answerLost(inner: DeltaStorage): DeltaStorage {
  return {
    ...inner,
    location: inner.location,
    read: (path) => inner.read(path),
    async putIfAbsent(path, bytes) {
      await inner.putIfAbsent(path, bytes);
      return false;
    },
  };
}

describe("commitTransaction", () => {
  it("takes a version holding its own commit (the answer lost, the retry refused) as committed", async () => {
    await commitTransaction(storage, -1, create);
    const outcome = await commitTransaction(answerLost(storage), 0, streamCommit("a1", 1));
    expect(outcome).toEqual({ version: 1, retries: 0 });
    expect((await loadSnapshot(storage))?.version).toBe(1);
  });

  it("still refuses another writer's commit of the same txn application", async () => {
    await commitTransaction(storage, -1, create);
    await commitTransaction(storage, 0, streamCommit("other", 1));
    await expect(commitTransaction(storage, 0, streamCommit("mine", 1))).rejects.toThrow(DeltaConflictError);
    expect((await loadSnapshot(storage))?.version).toBe(1);
  });
});
