import type { JsonRecord } from "@pinpipe/ingest";

/**
 * The three records the emulator posts for one row: a table's record is absent when that table has
 * no row with this key (possible with `--rows FILE_PREFIX`, never with the generated table).
 *
 * @example
 * const post: EmulatorPost = { row: 7528, pin: { index: 7528 }, geo: { ind: 7528 }, user: { ind: 7528 } };
 */
export interface EmulatorPost {
  readonly row: number;
  readonly pin?: JsonRecord;
  readonly geo?: JsonRecord;
  readonly user?: JsonRecord;
}

/**
 * Where the emulator takes a row's records from, as the original took them from its three database
 * tables (`SELECT * FROM <table> LIMIT <row>, 1`).
 *
 * @example
 * const rows: EmulatorRows = generatedEmulatorRows(100);
 * rows.postAt(7528).pin?.index; // 7528
 */
export interface EmulatorRows {
  /** Says where rows come from, for the summary. */
  readonly description: string;
  postAt(row: number): EmulatorPost;
}
