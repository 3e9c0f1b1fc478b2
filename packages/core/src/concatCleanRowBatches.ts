import type { CleanColumnValues, CleanRowBatch } from "@pinpipe/analytics/columnar";

function concatArrays<T extends Float64Array | Uint8Array>(
  parts: readonly T[],
  make: (length: number) => T,
): T {
  const out = make(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function concatColumn(parts: readonly CleanColumnValues[]): CleanColumnValues {
  const first = parts[0]!;
  if (first.kind === "numbers") {
    const values = parts.map((part) => (part as typeof first).values);
    return { kind: "numbers", values: concatArrays(values, (n) => new Float64Array(n)) };
  }
  if (first.kind === "pairs") {
    const pairs = parts as readonly (typeof first)[];
    return {
      kind: "pairs",
      first: concatArrays(
        pairs.map((part) => part.first),
        (n) => new Float64Array(n),
      ),
      second: concatArrays(
        pairs.map((part) => part.second),
        (n) => new Float64Array(n),
      ),
    };
  }
  const strings = parts as readonly (typeof first)[];
  const rows = strings.reduce((sum, part) => sum + part.valid.length, 0);
  const offsets = new Int32Array(rows + 1);
  let row = 0;
  let base = 0;
  for (const part of strings) {
    const n = part.valid.length;
    for (let i = 1; i <= n; i++) offsets[row + i] = base + part.offsets[i]!;
    row += n;
    base += part.offsets[n]!;
  }
  return {
    kind: "utf8",
    offsets,
    bytes: concatArrays(
      strings.map((part) => part.bytes),
      (n) => new Uint8Array(n),
    ),
    valid: concatArrays(
      strings.map((part) => part.valid),
      (n) => new Uint8Array(n),
    ),
  };
}

/**
 * One batch holding the rows of `batches` (all of one table) in order: column buffers are copied
 * whole, never row by row. A single batch is returned as it is, unless `copy` asks for a batch
 * that owns its buffers (to transfer it to another thread).
 *
 * @throws {RangeError} when the batches are of different tables or there are none.
 * @example
 * const merged = concatCleanRowBatches([first, second]);
 * merged.length === first.length + second.length; // true
 */
export function concatCleanRowBatches(
  batches: readonly CleanRowBatch[],
  options: { readonly copy?: boolean } = {},
): CleanRowBatch {
  const first = batches[0];
  if (first === undefined) throw new RangeError("no batch to concatenate");
  if (batches.length === 1 && options.copy !== true) return first;
  if (batches.some((batch) => batch.table !== first.table)) {
    throw new RangeError("cannot concatenate batches of different tables");
  }
  return {
    table: first.table,
    length: batches.reduce((sum, batch) => sum + batch.length, 0),
    columns: first.columns.map((_, c) => concatColumn(batches.map((batch) => batch.columns[c]!))),
  };
}
