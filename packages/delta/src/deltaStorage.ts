/**
 * Where a table lives: a local folder or an S3 prefix, addressed by `/`-separated paths relative
 * to the table root. The log's correctness rests on {@link DeltaStorage.putIfAbsent}: a commit
 * file is created only if no file has that name, atomically, so two writers can never both
 * write the same version.
 *
 * @example
 * const created = await storage.putIfAbsent("_delta_log/00000000000000000000.json", bytes);
 */
export interface DeltaStorage {
  /** A human-readable location for messages (`/data/t`, `s3://bucket/t`). */
  readonly location: string;
  /** The file's bytes, or null when it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  /** Creates the file whole only when the name is free; false when it already exists. */
  putIfAbsent(path: string, bytes: Uint8Array): Promise<boolean>;
  /** Writes (or replaces) the file whole: data files, checkpoints, `_last_checkpoint`. */
  put(path: string, bytes: Uint8Array): Promise<void>;
  /** The names of the files directly inside a folder (`_delta_log`), sorted; empty when absent. */
  list(folder: string): Promise<string[]>;
  /** Every file path under the table root with its size and modification time (for vacuum). */
  listAll(): Promise<StoredFile[]>;
  /** Deletes a file (missing files are not an error). */
  remove(path: string): Promise<void>;
}

/** A file found by {@link DeltaStorage.listAll}. */
export interface StoredFile {
  readonly path: string;
  readonly size: number;
  readonly modificationTime: number;
}
