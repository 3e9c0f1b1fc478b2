import type { AnalyticsTables, GeoColumns, PinColumns, UserColumns } from "../analyticsTables";
import type { ColumnarPartial } from "./columnarPartial";
import { HashSet64 } from "./hashSet64";
import type { RawTableName } from "./rawTableName";
import { addAccounting, emptyAccounting, type RecordAccounting, type TableAccount } from "./recordAccounting";

/**
 * A column of the merged tables, kept as the exact-length arrays appended to it and joined into
 * one array only when read: nothing is copied while partials arrive and no growth slack is ever
 * allocated, so the merged tables cost their exact size (plus one column while it is joined).
 */
class ChunkedColumn<T extends Float64Array | Int32Array> {
  length = 0;
  private chunks: T[] = [];
  constructor(private readonly create: (length: number) => T) {}

  /** Appends `chunk`, which the column keeps as is. */
  append(chunk: T): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** All values in one array; the chunks are joined once and dropped. */
  values(): T {
    if (this.chunks.length !== 1) {
      const joined = this.create(this.length);
      let at = 0;
      for (const chunk of this.chunks) {
        joined.set(chunk, at);
        at += chunk.length;
      }
      this.chunks = [joined];
    }
    return this.chunks[0]!;
  }
}

const f64 = () => new ChunkedColumn((length) => new Float64Array(length));
const i32 = () => new ChunkedColumn((length) => new Int32Array(length));

/** Which rows of a partial table to keep and how many (`mask` `null`: all of them). */
interface KeptRows {
  readonly mask: Uint8Array | null;
  readonly count: number;
}

/**
 * Gathers the {@link ColumnarPartial}s of any number of builders (one per worker thread, say)
 * into one {@link AnalyticsTables}: each source's dictionary ids are remapped to one shared
 * dictionary as its new strings arrive, rows are appended, and with `dedupe` a row whose
 * whole-record hash was already seen in its table is dropped and counted as a duplicate. The
 * order partials arrive in does not change the query results (duplicates are identical records).
 * The merger keeps the partials' float columns without copying them: do not write to a partial
 * once added.
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
  private readonly totals: RecordAccounting = emptyAccounting();
  private readonly seen: Record<RawTableName, HashSet64> | null;
  private readonly pin = { ind: f64(), followerCount: f64(), posterName: i32(), category: i32() };
  private readonly geo = { ind: f64(), country: i32(), timestamp: f64() };
  private readonly user = { ind: f64(), age: f64(), dateJoined: f64() };

  constructor(options: { readonly dedupe: boolean }) {
    this.seen = options.dedupe ? { pin: new HashSet64(), geo: new HashSet64(), user: new HashSet64() } : null;
  }

  /** Adds a partial made by the builder identified by `source`. */
  add(source: number, partial: ColumnarPartial): void {
    const remap = this.extendRemap(source, partial.strings);
    addAccounting(this.totals, partial.accounting);
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
  }

  /** Where every record went so far; `clean` counts rows kept after deduplication. */
  accounting(): RecordAccounting {
    const copy = emptyAccounting();
    addAccounting(copy, this.totals);
    return copy;
  }

  /**
   * The merged tables, each column one exact-length array (joined from the partials' rows on the
   * first call after an `add`).
   */
  tables(): AnalyticsTables {
    const pin: PinColumns = {
      length: this.pin.ind.length,
      ind: this.pin.ind.values(),
      followerCount: this.pin.followerCount.values(),
      posterName: this.pin.posterName.values(),
      category: this.pin.category.values(),
    };
    const geo: GeoColumns = {
      length: this.geo.ind.length,
      ind: this.geo.ind.values(),
      country: this.geo.country.values(),
      timestamp: this.geo.timestamp.values(),
    };
    const user: UserColumns = {
      length: this.user.ind.length,
      ind: this.user.ind.values(),
      age: this.user.age.values(),
      dateJoined: this.user.dateJoined.values(),
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
   * Which rows of a partial table to keep: all of them without deduplication, else those whose
   * hash is new; duplicates are moved from `clean` to `duplicates` in the accounts.
   */
  private keep(table: RawTableName, length: number, hashes: Int32Array | null): KeptRows {
    if (this.seen === null) return { mask: null, count: length };
    if (hashes === null) throw new Error(`partial ${table} rows carry no hashes but deduplication is on`);
    const seen = this.seen[table];
    const mask = new Uint8Array(length);
    let duplicates = 0;
    for (let row = 0; row < length; row++) {
      if (seen.add(hashes[row * 2]!, hashes[row * 2 + 1]!)) mask[row] = 1;
      else duplicates++;
    }
    const account: TableAccount = this.totals[table];
    account.clean -= duplicates;
    account.duplicates += duplicates;
    return { mask, count: length - duplicates };
  }
}

function appendFloat(column: ChunkedColumn<Float64Array>, values: Float64Array, keep: KeptRows): void {
  if (keep.mask === null) {
    column.append(values);
    return;
  }
  const kept = new Float64Array(keep.count);
  let n = 0;
  for (let row = 0; row < values.length; row++) if (keep.mask[row] === 1) kept[n++] = values[row]!;
  column.append(kept);
}

function appendIds(
  column: ChunkedColumn<Int32Array>,
  ids: Int32Array,
  remap: Int32Array,
  keep: KeptRows,
): void {
  const out = new Int32Array(keep.count);
  let n = 0;
  for (let row = 0; row < ids.length; row++) {
    if (keep.mask !== null && keep.mask[row] !== 1) continue;
    const id = ids[row]!;
    out[n++] = id < 0 ? -1 : remap[id]!;
  }
  column.append(out);
}
