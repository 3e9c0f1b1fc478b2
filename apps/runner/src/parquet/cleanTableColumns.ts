import type { CleanRecordOf, TableName } from "@pinpipe/clean";
import { geoArrowSchema, pinArrowSchema, userArrowSchema } from "@pinpipe/schemas";
import { type Field, type Schema, Type } from "apache-arrow";

/**
 * How one clean column is held: integers and instants (epoch milliseconds) in a `Float64Array`
 * with `NaN` for null (clean integers are safe integers, so no precision is lost), strings in an
 * array, coordinates as two `Float64Array`s (`NaN` latitude for a null pair).
 *
 * @example
 * const column: ColumnValues = { kind: "int64", values: new Float64Array([1, Number.NaN]) };
 */
export type ColumnValues =
  | { readonly kind: "int64" | "int32" | "timestamp"; readonly values: Float64Array }
  | { readonly kind: "text"; readonly values: readonly (string | null)[] }
  | { readonly kind: "coordinates"; readonly latitude: Float64Array; readonly longitude: Float64Array };

/**
 * The Arrow schema of each clean table (from @pinpipe/schemas): column names, order and types.
 *
 * @example
 * CLEAN_ARROW_SCHEMAS.geo.fields[2]!.name; // "coordinates"
 */
export const CLEAN_ARROW_SCHEMAS: { readonly [T in TableName]: Schema } = {
  pin: pinArrowSchema,
  geo: geoArrowSchema,
  user: userArrowSchema,
};

type Kind = ColumnValues["kind"];

function kindOf(field: Field): Kind {
  switch (field.typeId) {
    case Type.Int:
      return field.type.bitWidth === 64 ? "int64" : "int32";
    case Type.Utf8:
      return "text";
    case Type.Timestamp:
      return "timestamp";
    case Type.FixedSizeList:
      return "coordinates";
    default:
      throw new TypeError(`no columnar form for ${field.name}: ${String(field.type)}`);
  }
}

class GrowableFloats {
  values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }

  view(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

type Store =
  | { readonly kind: "int64" | "int32" | "timestamp"; readonly name: string; readonly floats: GrowableFloats }
  | { readonly kind: "text"; readonly name: string; readonly texts: (string | null)[] }
  | {
      readonly kind: "coordinates";
      readonly name: string;
      readonly latitude: GrowableFloats;
      readonly longitude: GrowableFloats;
    };

const numberOrNaN = (value: unknown): number => (typeof value === "number" ? value : Number.NaN);

/**
 * A clean table held column by column instead of as one object per row: a day's millions of rows
 * cost a few typed arrays plus the strings. Columns follow the table's Arrow schema
 * ({@link CLEAN_ARROW_SCHEMAS}). Records pushed must be clean records (as @pinpipe/clean makes them).
 *
 * @example
 * const geo = new CleanTableColumns("geo");
 * geo.push({ ind: 7, country: "Chad", coordinates: [12.1, 15.0], timestamp: new Date("2020-01-01T00:00:00Z") });
 * geo.length; // 1
 * geo.record(0).country; // "Chad"
 */
export class CleanTableColumns<T extends TableName> {
  readonly schema: Schema;
  private readonly stores: Store[];
  private rows = 0;

  constructor(readonly table: T) {
    const schema = CLEAN_ARROW_SCHEMAS[table];
    if (schema === undefined) throw new RangeError(`unknown table ${JSON.stringify(table)}`);
    this.schema = schema;
    this.stores = schema.fields.map((field): Store => {
      const kind = kindOf(field);
      if (kind === "text") return { kind, name: field.name, texts: [] };
      if (kind === "coordinates") {
        return { kind, name: field.name, latitude: new GrowableFloats(), longitude: new GrowableFloats() };
      }
      return { kind, name: field.name, floats: new GrowableFloats() };
    });
  }

  /** Rows held. */
  get length(): number {
    return this.rows;
  }

  /** Appends one clean record. */
  push(record: CleanRecordOf<T>): void {
    const values = record as unknown as Readonly<Record<string, unknown>>;
    for (const store of this.stores) {
      const value = values[store.name];
      switch (store.kind) {
        case "text":
          store.texts.push(typeof value === "string" ? value : null);
          break;
        case "timestamp":
          store.floats.push(value instanceof Date ? value.getTime() : Number.NaN);
          break;
        case "coordinates": {
          const pair = Array.isArray(value) ? value : null;
          store.latitude.push(pair === null ? Number.NaN : numberOrNaN(pair[0]));
          store.longitude.push(pair === null ? Number.NaN : numberOrNaN(pair[1]));
          break;
        }
        default:
          store.floats.push(numberOrNaN(value));
      }
    }
    this.rows++;
  }

  /** The values of one column (views: valid until the next `push`). */
  column(name: string): ColumnValues {
    const store = this.stores.find((candidate) => candidate.name === name);
    if (store === undefined)
      throw new RangeError(`table ${this.table} has no column ${JSON.stringify(name)}`);
    if (store.kind === "text") return { kind: "text", values: store.texts };
    if (store.kind === "coordinates") {
      return { kind: "coordinates", latitude: store.latitude.view(), longitude: store.longitude.view() };
    }
    return { kind: store.kind, values: store.floats.view() };
  }

  /** Row `row` as a clean record again (nulls restored, instants as `Date`). */
  record(row: number): CleanRecordOf<T> {
    if (!Number.isInteger(row) || row < 0 || row >= this.rows) {
      throw new RangeError(`row ${row} is outside 0..${this.rows - 1}`);
    }
    const record: Record<string, unknown> = {};
    for (const store of this.stores) {
      if (store.kind === "text") record[store.name] = store.texts[row] ?? null;
      else if (store.kind === "coordinates") {
        const latitude = store.latitude.values[row]!;
        record[store.name] = Number.isNaN(latitude) ? null : [latitude, store.longitude.values[row]!];
      } else {
        const value = store.floats.values[row]!;
        record[store.name] = Number.isNaN(value)
          ? null
          : store.kind === "timestamp"
            ? new Date(value)
            : value;
      }
    }
    return record as CleanRecordOf<T>;
  }
}
