import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import { GEO_COLUMNS, PIN_COLUMNS, USER_COLUMNS } from "@pinpipe/schemas";
import { ByteBuilder } from "./byteBuilder";
import { GrowableFloat64Array, GrowableInt32Array } from "./growableColumns";
import type { RawTableName } from "./rawTableName";

/** A numeric column (integers, epoch milliseconds); `NaN` is null. */
export interface NumberColumnValues {
  readonly kind: "numbers";
  readonly values: Float64Array;
}

/** A string column as UTF-8: row `i` is `bytes[offsets[i], offsets[i + 1])` when `valid[i]` is 1, else null. */
export interface Utf8ColumnValues {
  readonly kind: "utf8";
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
  readonly valid: Uint8Array;
}

/** A pair-of-numbers column (coordinates); a row is null when its `first` is `NaN`. */
export interface PairColumnValues {
  readonly kind: "pairs";
  readonly first: Float64Array;
  readonly second: Float64Array;
}

/** One column of a {@link CleanRowBatch}. */
export type CleanColumnValues = NumberColumnValues | Utf8ColumnValues | PairColumnValues;

/**
 * Whole clean rows of one table in columns, in the table's schema order (`PIN_COLUMNS`,
 * `GEO_COLUMNS`, `USER_COLUMNS`): what sinks write (Parquet, Delta) without building objects.
 * Typed arrays only, so a batch moves between threads without copying
 * ({@link cleanRowBatchTransferList}).
 *
 * @example
 * const batch: CleanRowBatch = builder.take();
 * batch.columns[0]; // { kind: "numbers", values: Float64Array [...] } (ind)
 */
export interface CleanRowBatch {
  readonly table: RawTableName;
  readonly length: number;
  readonly columns: readonly CleanColumnValues[];
}

/** A numeric column under construction. */
export class NumberColumnBuilder {
  private readonly values = new GrowableFloat64Array();

  /** Appends a value (`NaN`: null). */
  push(value: number): void {
    this.values.push(value);
  }

  /** The values since the last take. */
  take(): NumberColumnValues {
    return { kind: "numbers", values: this.values.take() };
  }
}

/** A UTF-8 string column under construction. */
export class Utf8ColumnBuilder {
  private readonly bytes = new ByteBuilder(4096);
  private readonly valid = new ByteBuilder();
  private readonly ends = new GrowableInt32Array();
  /** Appends the string whose UTF-8 bytes are `source[start, end)`. */
  pushBytes(source: Uint8Array, start: number, end: number): void {
    this.bytes.append(source, start, end);
    this.ends.push(this.bytes.length);
    this.valid.push(1);
  }

  /** Appends a string given as text, or null. */
  pushText(text: string | null): void {
    if (text === null) {
      this.pushNull();
      return;
    }
    this.bytes.appendText(text);
    this.ends.push(this.bytes.length);
    this.valid.push(1);
  }

  /** Appends null. */
  pushNull(): void {
    this.ends.push(this.bytes.length);
    this.valid.push(0);
  }

  /** The strings since the last take. */
  take(): Utf8ColumnValues {
    const ends = this.ends.take();
    const offsets = new Int32Array(ends.length + 1);
    offsets.set(ends, 1);
    return { kind: "utf8", offsets, bytes: this.bytes.take(), valid: this.valid.take() };
  }
}

/** A pair column under construction. */
export class PairColumnBuilder {
  private readonly first = new GrowableFloat64Array();
  private readonly second = new GrowableFloat64Array();

  /** Appends a pair. */
  push(first: number, second: number): void {
    this.first.push(first);
    this.second.push(second);
  }

  /** Appends null. */
  pushNull(): void {
    this.first.push(Number.NaN);
    this.second.push(Number.NaN);
  }

  /** The pairs since the last take. */
  take(): PairColumnValues {
    return { kind: "pairs", first: this.first.take(), second: this.second.take() };
  }
}

type ColumnBuilder = NumberColumnBuilder | Utf8ColumnBuilder | PairColumnBuilder;

const epochMillis = (date: Date | null): number => (date === null ? Number.NaN : date.getTime());

/**
 * Clean pin rows under construction, one builder per column of `PIN_COLUMNS`.
 *
 * @example
 * const rows = new PinRowsBuilder();
 * rows.pushRecord(cleanPinValue);
 * rows.take().length; // 1
 */
export class PinRowsBuilder {
  readonly ind = new NumberColumnBuilder();
  readonly uniqueId = new Utf8ColumnBuilder();
  readonly title = new Utf8ColumnBuilder();
  readonly description = new Utf8ColumnBuilder();
  readonly followerCount = new NumberColumnBuilder();
  readonly posterName = new Utf8ColumnBuilder();
  readonly tagList = new Utf8ColumnBuilder();
  readonly isImageOrVideo = new Utf8ColumnBuilder();
  readonly imageSrc = new Utf8ColumnBuilder();
  readonly saveLocation = new Utf8ColumnBuilder();
  readonly category = new Utf8ColumnBuilder();
  private length = 0;

  /** Counts a row whose columns the caller pushed one by one. */
  endRow(): void {
    this.length++;
  }

  /** Appends a clean record (the reference path). */
  pushRecord(value: CleanPin): void {
    this.ind.push(value.ind);
    this.uniqueId.pushText(value.unique_id);
    this.title.pushText(value.title);
    this.description.pushText(value.description);
    this.followerCount.push(value.follower_count ?? Number.NaN);
    this.posterName.pushText(value.poster_name);
    this.tagList.pushText(value.tag_list);
    this.isImageOrVideo.pushText(value.is_image_or_video);
    this.imageSrc.pushText(value.image_src);
    this.saveLocation.pushText(value.save_location);
    this.category.pushText(value.category);
    this.length++;
  }

  /** The rows since the last take. */
  take(): CleanRowBatch {
    const length = this.length;
    this.length = 0;
    return takeRows("pin", length, [
      this.ind,
      this.uniqueId,
      this.title,
      this.description,
      this.followerCount,
      this.posterName,
      this.tagList,
      this.isImageOrVideo,
      this.imageSrc,
      this.saveLocation,
      this.category,
    ]);
  }
}

/**
 * Clean geo rows under construction (`GEO_COLUMNS`; timestamps as epoch milliseconds).
 *
 * @example
 * const rows = new GeoRowsBuilder();
 * rows.pushRecord({ ind: 1, country: "Chad", coordinates: [1, 2], timestamp: null });
 */
export class GeoRowsBuilder {
  readonly ind = new NumberColumnBuilder();
  readonly country = new Utf8ColumnBuilder();
  readonly coordinates = new PairColumnBuilder();
  readonly timestamp = new NumberColumnBuilder();
  private length = 0;

  /** Counts a row whose columns the caller pushed one by one. */
  endRow(): void {
    this.length++;
  }

  /** Appends a clean record (the reference path). */
  pushRecord(value: CleanGeo): void {
    this.ind.push(value.ind);
    this.country.pushText(value.country);
    if (value.coordinates === null) this.coordinates.pushNull();
    else this.coordinates.push(value.coordinates[0], value.coordinates[1]);
    this.timestamp.push(epochMillis(value.timestamp));
    this.length++;
  }

  /** The rows since the last take. */
  take(): CleanRowBatch {
    const length = this.length;
    this.length = 0;
    return takeRows("geo", length, [this.ind, this.country, this.coordinates, this.timestamp]);
  }
}

/**
 * Clean user rows under construction (`USER_COLUMNS`; `date_joined` as epoch milliseconds).
 *
 * @example
 * const rows = new UserRowsBuilder();
 * rows.pushRecord({ ind: 1, user_name: "Ada Lovelace", age: 36, date_joined: null });
 */
export class UserRowsBuilder {
  readonly ind = new NumberColumnBuilder();
  readonly userName = new Utf8ColumnBuilder();
  readonly age = new NumberColumnBuilder();
  readonly dateJoined = new NumberColumnBuilder();
  private length = 0;

  /** Counts a row whose columns the caller pushed one by one. */
  endRow(): void {
    this.length++;
  }

  /** Appends a clean record (the reference path). */
  pushRecord(value: CleanUser): void {
    this.ind.push(value.ind);
    this.userName.pushText(value.user_name);
    this.age.push(value.age ?? Number.NaN);
    this.dateJoined.push(epochMillis(value.date_joined));
    this.length++;
  }

  /** The rows since the last take. */
  take(): CleanRowBatch {
    const length = this.length;
    this.length = 0;
    return takeRows("user", length, [this.ind, this.userName, this.age, this.dateJoined]);
  }
}

function takeRows(table: RawTableName, length: number, builders: readonly ColumnBuilder[]): CleanRowBatch {
  return { table, length, columns: builders.map((builder) => builder.take()) };
}

/**
 * The column names of each table's {@link CleanRowBatch}, in order.
 *
 * @example
 * CLEAN_ROW_COLUMNS.geo; // ["ind", "country", "coordinates", "timestamp"]
 */
export const CLEAN_ROW_COLUMNS: { readonly [T in RawTableName]: readonly string[] } = {
  pin: PIN_COLUMNS,
  geo: GEO_COLUMNS,
  user: USER_COLUMNS,
};

/**
 * The buffers of a batch's typed arrays, for `postMessage`'s transfer list.
 *
 * @example
 * port.postMessage(batch, cleanRowBatchTransferList(batch));
 */
export function cleanRowBatchTransferList(batch: CleanRowBatch): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const column of batch.columns) {
    if (column.kind === "numbers") buffers.push(column.values.buffer as ArrayBuffer);
    else if (column.kind === "pairs")
      buffers.push(column.first.buffer as ArrayBuffer, column.second.buffer as ArrayBuffer);
    else
      buffers.push(
        column.offsets.buffer as ArrayBuffer,
        column.bytes.buffer as ArrayBuffer,
        column.valid.buffer as ArrayBuffer,
      );
  }
  return buffers;
}
