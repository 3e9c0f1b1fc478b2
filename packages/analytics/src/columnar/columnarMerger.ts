import { CountsTally, type TableCounts } from "@pinpipe/clean";
import type { AnalyticsTables, GeoColumns, PinColumns, UserColumns } from "../analyticsTables";
import type { ColumnarPartial } from "./columnarPartial";
import { HashSet64 } from "./hashSet64";
import { RAW_TABLE_NAMES, type RawTableName } from "./rawTableName";

/**
 * Which rows of each table of a partial a merger kept: a mask (1: kept), or `null` for every row.
 *
 * @example
 * const kept: KeptRows = merger.add(0, partial);
 * kept.pin?.[0]; // 1 when the partial's first pin was kept
 */
export type KeptRows = { readonly [T in RawTableName]: Uint8Array | null };

/** Columns double while under this many values, then grow by a quarter. */
const DOUBLING_LIMIT = 1 << 20;

/**
 * A growable column of the merged tables. Large columns grow by a quarter, not by doubling, so
 * their slack (and the copy {@link Column.view} may make to trim it) stays within a quarter of
 * the rows rather than up to as many again.
 */
class Column<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(public values: T) {}

  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.values.length) return;
    let capacity = Math.max(1024, this.values.length);
    while (capacity < needed) capacity += capacity < DOUBLING_LIMIT ? capacity : capacity >> 2;
    const next = new (this.values.constructor as new (length: number) => T)(capacity);
    next.set(this.values.subarray(0, this.length));
    this.values = next;
  }

  /** The values, trimmed to their length when the growth slack is worth freeing. */
  view(): T {
    if (this.values.length > this.length + (this.length >> 3))
      this.values = this.values.slice(0, this.length) as T;
    return this.values.subarray(0, this.length) as T;
  }
}

const f64 = () => new Column(new Float64Array(0));
const i32 = () => new Column(new Int32Array(0));

/**
 * Gathers the {@link ColumnarPartial}s of any number of builders (one per worker thread, say)
 * into one {@link AnalyticsTables}: each source's dictionary ids are remapped to one shared
 * dictionary as its new strings arrive, rows are appended, and with `dedupe` a row whose
 * whole-record hash was already seen in its table is dropped and counted as a duplicate. The
 * order partials arrive in does not change the query results (duplicates are identical records).
 *
 * @example
 * const merger = new ColumnarMerger({ dedupe: true });
 * merger.add(0, partialFromWorker0);
 * merger.add(1, partialFromWorker1);
 * const tables = merger.tables();
 * merger.accounting().pin.duplicates; // exact duplicate pins dropped
 */
export class ColumnarMerger {
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly remaps = new Map<number, Int32Array>();
  private readonly remapLengths = new Map<number, number>();
  private readonly totals: Record<RawTableName, CountsTally> = {
    pin: new CountsTally(),
    geo: new CountsTally(),
    user: new CountsTally(),
  };
  private readonly seen: Record<RawTableName, HashSet64> | null;
  private readonly pin = { ind: f64(), followerCount: f64(), posterName: i32(), category: i32() };
  private readonly geo = { ind: f64(), country: i32(), timestamp: f64() };
  private readonly user = { ind: f64(), age: f64(), dateJoined: f64() };

  constructor(options: { readonly dedupe: boolean }) {
    this.seen = options.dedupe ? { pin: new HashSet64(), geo: new HashSet64(), user: new HashSet64() } : null;
  }

  /**
   * Adds a partial made by the builder identified by `source`; returns, per table, which of its
   * rows were kept (`null`: all of them), so whole rows can follow the same choice.
   */
  add(source: number, partial: ColumnarPartial): KeptRows {
    const remap = this.extendRemap(source, partial.strings);
    for (const table of RAW_TABLE_NAMES) this.totals[table].add(partial.accounting[table]);
    const { pin, geo, user } = partial;
    const keepPin = this.keep("pin", pin.length, pin.hashes);
    appendFloat(this.pin.ind, pin.ind, keepPin);
    appendFloat(this.pin.followerCount, pin.followerCount, keepPin);
    appendIds(this.pin.posterName, pin.posterName, remap, keepPin);
    appendIds(this.pin.category, pin.category, remap, keepPin);
    const keepGeo = this.keep("geo", geo.length, geo.hashes);
    appendFloat(this.geo.ind, geo.ind, keepGeo);
    appendIds(this.geo.country, geo.country, remap, keepGeo);
    appendFloat(this.geo.timestamp, geo.timestamp, keepGeo);
    const keepUser = this.keep("user", user.length, user.hashes);
    appendFloat(this.user.ind, user.ind, keepUser);
    appendFloat(this.user.age, user.age, keepUser);
    appendFloat(this.user.dateJoined, user.dateJoined, keepUser);
    return { pin: keepPin, geo: keepGeo, user: keepUser };
  }

  /** Where every record went so far; `clean` counts rows kept after deduplication. */
  accounting(): Record<RawTableName, TableCounts> {
    return { pin: this.totals.pin.counts(), geo: this.totals.geo.counts(), user: this.totals.user.counts() };
  }

  /**
   * The merged tables (the merger's own columns, trimmed of their growth slack: take them once all
   * partials are in).
   */
  tables(): AnalyticsTables {
    const pin: PinColumns = {
      length: this.pin.ind.length,
      ind: this.pin.ind.view(),
      followerCount: this.pin.followerCount.view(),
      posterName: this.pin.posterName.view(),
      category: this.pin.category.view(),
    };
    const geo: GeoColumns = {
      length: this.geo.ind.length,
      ind: this.geo.ind.view(),
      country: this.geo.country.view(),
      timestamp: this.geo.timestamp.view(),
    };
    const user: UserColumns = {
      length: this.user.ind.length,
      ind: this.user.ind.view(),
      age: this.user.age.view(),
      dateJoined: this.user.dateJoined.view(),
    };
    return { strings: this.strings, pin, geo, user };
  }

  private extendRemap(source: number, strings: readonly string[]): Int32Array {
    let remap = this.remaps.get(source) ?? new Int32Array(64);
    const length = this.remapLengths.get(source) ?? 0;
    if (length + strings.length > remap.length) {
      const next = new Int32Array(Math.max(remap.length * 2, length + strings.length));
      next.set(remap.subarray(0, length));
      remap = next;
    }
    strings.forEach((text, offset) => {
      let id = this.ids.get(text);
      if (id === undefined) {
        id = this.strings.length;
        this.strings.push(text);
        this.ids.set(text, id);
      }
      remap[length + offset] = id;
    });
    this.remaps.set(source, remap);
    this.remapLengths.set(source, length + strings.length);
    return remap;
  }

  /**
   * Which rows of a partial table to keep: `null` for all of them (no deduplication), else a
   * mask; duplicates are moved from `clean` to `duplicates` in the accounts.
   */
  private keep(table: RawTableName, length: number, hashes: Int32Array | null): Uint8Array | null {
    if (this.seen === null) return null;
    if (hashes === null) throw new Error(`partial ${table} rows carry no hashes but deduplication is on`);
    const seen = this.seen[table];
    const mask = new Uint8Array(length);
    let duplicates = 0;
    for (let row = 0; row < length; row++) {
      if (seen.add(hashes[row * 2]!, hashes[row * 2 + 1]!)) mask[row] = 1;
      else duplicates++;
    }
    this.totals[table].countDuplicates(duplicates);
    return mask;
  }
}

function appendFloat(column: Column<Float64Array>, values: Float64Array, keep: Uint8Array | null): void {
  column.reserve(values.length);
  if (keep === null) {
    column.values.set(values, column.length);
    column.length += values.length;
    return;
  }
  const out = column.values;
  let n = column.length;
  for (let row = 0; row < values.length; row++) if (keep[row] === 1) out[n++] = values[row]!;
  column.length = n;
}

function appendIds(
  column: Column<Int32Array>,
  ids: Int32Array,
  remap: Int32Array,
  keep: Uint8Array | null,
): void {
  column.reserve(ids.length);
  const out = column.values;
  let n = column.length;
  for (let row = 0; row < ids.length; row++) {
    if (keep !== null && keep[row] !== 1) continue;
    const id = ids[row]!;
    out[n++] = id < 0 ? -1 : remap[id]!;
  }
  column.length = n;
}
