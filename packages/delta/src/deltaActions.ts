/**
 * The actions of a Delta transaction log (PROTOCOL.md of delta-io/delta, "Actions"), as they
 * appear in a commit file: one JSON object per line with exactly one of these keys.
 */

/** `protocol`: the reader and writer versions a client needs (and, from 3/7, table features). */
export interface ProtocolAction {
  readonly minReaderVersion: number;
  readonly minWriterVersion: number;
  readonly readerFeatures?: readonly string[];
  readonly writerFeatures?: readonly string[];
}

/** `metaData`: the table's identity, schema, partitioning and configuration. */
export interface MetadataAction {
  readonly id: string;
  readonly name?: string | null;
  readonly description?: string | null;
  readonly format: { readonly provider: string; readonly options: Readonly<Record<string, string>> };
  /** The Spark `StructType` of the table as JSON text. */
  readonly schemaString: string;
  readonly partitionColumns: readonly string[];
  readonly configuration: Readonly<Record<string, string>>;
  readonly createdTime?: number | null;
}

/** `add`: a data file that becomes part of the table. */
export interface AddAction {
  /** A relative URI (percent-encoded) from the table root, or an absolute URI. */
  readonly path: string;
  /** Partition column → value as text (`null` for a null value). */
  readonly partitionValues: Readonly<Record<string, string | null>>;
  readonly size: number;
  readonly modificationTime: number;
  readonly dataChange: boolean;
  /** JSON text: `{ numRecords, minValues, maxValues, nullCount }`. */
  readonly stats?: string | null;
  readonly tags?: Readonly<Record<string, string>> | null;
}

/** `remove`: a data file that leaves the table (kept as a tombstone until vacuum). */
export interface RemoveAction {
  readonly path: string;
  readonly deletionTimestamp?: number | null;
  readonly dataChange: boolean;
  readonly extendedFileMetadata?: boolean;
  readonly partitionValues?: Readonly<Record<string, string | null>>;
  readonly size?: number;
}

/** `txn`: the last version an application committed, for idempotent writes (stream batches). */
export interface TxnAction {
  readonly appId: string;
  readonly version: number;
  readonly lastUpdated?: number | null;
}

/** `commitInfo`: free-form provenance of a commit (operation, parameters, engine). */
export type CommitInfoAction = Readonly<Record<string, unknown>>;

/**
 * One action of a commit.
 *
 * @example
 * const action: DeltaAction = { txn: { appId: "stream-pin", version: 3, lastUpdated: 0 } };
 */
export type DeltaAction =
  | { readonly protocol: ProtocolAction }
  | { readonly metaData: MetadataAction }
  | { readonly add: AddAction }
  | { readonly remove: RemoveAction }
  | { readonly txn: TxnAction }
  | { readonly commitInfo: CommitInfoAction };

/**
 * The text of a commit file: each action as one line of JSON, newline-terminated.
 *
 * @example
 * commitText([{ commitInfo: { operation: "WRITE" } }]); // '{"commitInfo":{"operation":"WRITE"}}\n'
 */
export function commitText(actions: readonly DeltaAction[]): string {
  return actions.map((action) => `${JSON.stringify(action)}\n`).join("");
}
