import { filePathOfUri } from "./dataFilePath";
import type { AddAction, DeltaAction, MetadataAction, ProtocolAction, RemoveAction } from "./deltaActions";
import { DeltaLogError, DeltaProtocolError } from "./deltaErrors";
import type { DeltaStorage } from "./deltaStorage";
import { commitFileName, DELTA_LOG, parseLogFileName } from "./logFileNames";
import { parseCommit } from "./parseCommit";
import { readCheckpointActions } from "./readCheckpoint";

/** Highest reader version this implementation reads (no table features). */
export const SUPPORTED_READER_VERSION = 1;
/** Highest writer version this implementation writes: append-only tables and column invariants. */
export const SUPPORTED_WRITER_VERSION = 2;

/**
 * A table's state at one version: what a reader needs to scan it and a writer needs to commit.
 *
 * @example
 * const snapshot = await loadSnapshot(storage);
 * snapshot?.files.size; // active data files
 */
export interface DeltaSnapshot {
  readonly version: number;
  readonly protocol: ProtocolAction;
  readonly metadata: MetadataAction;
  /** Active files by decoded relative path. */
  readonly files: ReadonlyMap<string, AddAction>;
  /** Removed files not added again (tombstones, for vacuum), by decoded path. */
  readonly tombstones: ReadonlyMap<string, RemoveAction>;
  /** The last `txn` version per application id. */
  readonly txns: ReadonlyMap<string, number>;
  /** The checkpoint replay started from, if any. */
  readonly checkpointVersion: number | null;
}

/** Options of {@link loadSnapshot}. */
export interface LoadSnapshotOptions {
  /** Load this version instead of the latest (time travel; checkpoints after it are not used). */
  readonly version?: number;
}

/**
 * Throws a {@link DeltaProtocolError} for a table this implementation cannot read correctly:
 * reader version 2 or more, except version 3 with an empty list of reader features.
 *
 * @example
 * checkReadable({ minReaderVersion: 1, minWriterVersion: 2 }); // fine
 */
export function checkReadable(protocol: ProtocolAction): void {
  // Reader version 3 lists the features a reader must support: an empty list needs none.
  const noFeatures = protocol.minReaderVersion === 3 && protocol.readerFeatures?.length === 0;
  if (protocol.minReaderVersion > SUPPORTED_READER_VERSION && !noFeatures) {
    const features = protocol.readerFeatures?.length
      ? ` (features: ${protocol.readerFeatures.join(", ")})`
      : "";
    throw new DeltaProtocolError(
      `the table needs reader version ${protocol.minReaderVersion}${features}; pinpipe reads version ${SUPPORTED_READER_VERSION}`,
    );
  }
}

/**
 * Throws a {@link DeltaProtocolError} for a table this implementation must not write to.
 *
 * @example
 * checkWritable({ minReaderVersion: 1, minWriterVersion: 7, writerFeatures: ["appendOnly"] }); // throws
 */
export function checkWritable(protocol: ProtocolAction): void {
  checkReadable(protocol);
  if (protocol.minWriterVersion > SUPPORTED_WRITER_VERSION) {
    const features = protocol.writerFeatures?.length
      ? ` (features: ${protocol.writerFeatures.join(", ")})`
      : "";
    throw new DeltaProtocolError(
      `the table needs writer version ${protocol.minWriterVersion}${features}; pinpipe writes version ${SUPPORTED_WRITER_VERSION}`,
    );
  }
}

/** Mutable replay state, applied one action at a time in log order. */
class Replay {
  protocol: ProtocolAction | null = null;
  metadata: MetadataAction | null = null;
  readonly files = new Map<string, AddAction>();
  readonly tombstones = new Map<string, RemoveAction>();
  readonly txns = new Map<string, number>();

  apply(action: DeltaAction, where: string): void {
    if ("protocol" in action) this.protocol = action.protocol;
    else if ("metaData" in action) this.metadata = action.metaData;
    else if ("txn" in action) this.txns.set(action.txn.appId, action.txn.version);
    else if ("add" in action) {
      const path = this.pathOf(action.add.path, where);
      this.files.set(path, action.add);
      this.tombstones.delete(path);
    } else if ("remove" in action) {
      const path = this.pathOf(action.remove.path, where);
      this.files.delete(path);
      this.tombstones.set(path, action.remove);
    }
  }

  private pathOf(uri: string, where: string): string {
    try {
      return filePathOfUri(uri);
    } catch {
      throw new DeltaLogError(`${where}: the path ${JSON.stringify(uri)} is not a valid URI`);
    }
  }
}

/** A complete checkpoint: every part of it is in the listing. */
function completeCheckpoints(names: readonly string[]): Map<number, string[]> {
  const parts = new Map<number, Map<number, { parts: number; name: string }>>();
  for (const name of names) {
    const file = parseLogFileName(name);
    if (file.kind !== "checkpoint") continue;
    let byPart = parts.get(file.version);
    if (byPart === undefined) {
      byPart = new Map();
      parts.set(file.version, byPart);
    }
    byPart.set(file.part, { parts: file.parts, name });
  }
  const complete = new Map<number, string[]>();
  for (const [version, byPart] of parts) {
    // A classic checkpoint wins over a multi-part one of the same version.
    const classic = [...byPart.values()].find((part) => part.parts === 1);
    if (classic) {
      complete.set(version, [classic.name]);
      continue;
    }
    const count = [...byPart.values()][0]!.parts;
    const names: string[] = [];
    for (let part = 1; part <= count; part++) {
      const found = byPart.get(part);
      if (found === undefined || found.parts !== count) break;
      names.push(found.name);
    }
    if (names.length === count) complete.set(version, names);
  }
  return complete;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

async function readCommit(storage: DeltaStorage, version: number): Promise<DeltaAction[]> {
  const name = commitFileName(version);
  const bytes = await storage.read(`${DELTA_LOG}/${name}`);
  if (bytes === null) throw new DeltaLogError(`${storage.location}: ${DELTA_LOG}/${name} is missing`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new DeltaLogError(`${DELTA_LOG}/${name} is not UTF-8 (a corrupt commit)`);
  }
  return parseCommit(text, `${DELTA_LOG}/${name}`);
}

/**
 * Reads the actions of one commit, or null when the version was not written.
 *
 * @example
 * const actions = await readCommitActions(storage, 4);
 */
export async function readCommitActions(
  storage: DeltaStorage,
  version: number,
): Promise<DeltaAction[] | null> {
  const bytes = await storage.read(`${DELTA_LOG}/${commitFileName(version)}`);
  if (bytes === null) return null;
  return readCommit(storage, version);
}

/**
 * Reconstructs a table's snapshot from its log: the newest complete checkpoint (classic or
 * multi-part, at or before the version wanted), then every later commit in order, which must be
 * contiguous. `_last_checkpoint` is only a hint, so a corrupt one or one naming a missing
 * checkpoint does not stop a table whose commits are all there. Returns null when the table has
 * no log yet. Throws a {@link DeltaLogError} for a gap in the versions, a missing or corrupt
 * entry, or a log without protocol or metadata, and a {@link DeltaProtocolError} for a table
 * that needs a newer reader.
 *
 * @example
 * const snapshot = await loadSnapshot(localDeltaStorage("/data/pin_table"));
 * snapshot?.version; // 12
 */
export async function loadSnapshot(
  storage: DeltaStorage,
  options: LoadSnapshotOptions = {},
): Promise<DeltaSnapshot | null> {
  const names = await storage.list(DELTA_LOG);
  const wanted = options.version;
  const commits = names
    .map(parseLogFileName)
    .filter((file) => file.kind === "commit")
    .map((file) => file.version)
    .filter((version) => wanted === undefined || version <= wanted)
    .sort((a, b) => a - b);
  const checkpoints = completeCheckpoints(names);
  const checkpointVersions = [...checkpoints.keys()]
    .filter((version) => wanted === undefined || version <= wanted)
    .sort((a, b) => a - b);
  const checkpoint = checkpointVersions.at(-1) ?? null;
  if (commits.length === 0 && checkpoint === null) {
    if (names.some((name) => parseLogFileName(name).kind !== "other")) {
      throw new DeltaLogError(`${storage.location}: no log entry at or before version ${wanted}`);
    }
    return null;
  }
  const latest = Math.max(commits.at(-1) ?? -1, checkpoint ?? -1);
  if (wanted !== undefined && latest !== wanted) {
    throw new DeltaLogError(`${storage.location}: version ${wanted} does not exist (latest ${latest})`);
  }
  const start = checkpoint === null ? 0 : checkpoint + 1;
  const replayed = commits.filter((version) => version >= start);
  if (checkpoint === null && replayed[0] !== 0) {
    throw new DeltaLogError(
      `${storage.location}: the log starts at version ${replayed[0]} with no checkpoint to start from`,
    );
  }
  replayed.forEach((version, i) => {
    const expected = start + i;
    if (version !== expected) {
      throw new DeltaLogError(
        `${storage.location}: versions are not contiguous (version ${expected} is missing before ${version})`,
      );
    }
  });

  const replay = new Replay();
  if (checkpoint !== null) {
    for (const name of checkpoints.get(checkpoint)!) {
      const bytes = await storage.read(`${DELTA_LOG}/${name}`);
      if (bytes === null) throw new DeltaLogError(`${storage.location}: checkpoint ${name} vanished`);
      for (const action of await readCheckpointActions(bytes, `${DELTA_LOG}/${name}`)) {
        replay.apply(action, `${DELTA_LOG}/${name}`);
      }
    }
  }
  for (const version of replayed) {
    const where = `${DELTA_LOG}/${commitFileName(version)}`;
    for (const action of await readCommit(storage, version)) replay.apply(action, where);
  }
  if (replay.protocol === null) {
    throw new DeltaLogError(`${storage.location}: the log has no protocol action up to version ${latest}`);
  }
  checkReadable(replay.protocol);
  if (replay.metadata === null) {
    throw new DeltaLogError(`${storage.location}: the log has no metaData action up to version ${latest}`);
  }
  return {
    version: latest,
    protocol: replay.protocol,
    metadata: replay.metadata,
    files: replay.files,
    tombstones: replay.tombstones,
    txns: replay.txns,
    checkpointVersion: checkpoint,
  };
}
