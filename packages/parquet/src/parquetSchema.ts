import type { ParquetColumn } from "./parquetColumn";
import { ConvertedType, PhysicalType, Repetition } from "./parquetFormat";
import type { ThriftCompactWriter } from "./thriftCompactWriter";

/**
 * What the page encoder needs to know about a column: its leaf's physical type, path and the
 * maximum definition/repetition levels.
 *
 * @example
 * leafOf({ name: "pos", type: "double-pair" }).path; // ["pos", "list", "element"]
 */
export interface LeafColumn {
  readonly column: ParquetColumn;
  readonly physicalType: number;
  readonly path: readonly string[];
  readonly maxDefinitionLevel: number;
  readonly maxRepetitionLevel: number;
}

const REQUIRABLE = new Set(["int64", "int32", "utf8", "double"]);

/**
 * Checks a column definition and derives its leaf; throws a RangeError for options that do not
 * apply to the type.
 *
 * @example
 * leafOf({ name: "ind", type: "int64", required: true }).maxDefinitionLevel; // 0
 */
export function leafOf(column: ParquetColumn): LeafColumn {
  if (typeof column.name !== "string" || column.name === "") {
    throw new RangeError("a column name must be a non-empty string");
  }
  if (column.required === true && !REQUIRABLE.has(column.type)) {
    throw new RangeError(`column "${column.name}": type ${column.type} cannot be required`);
  }
  if (column.dictionary === true && column.type !== "utf8") {
    throw new RangeError(`column "${column.name}": dictionary encoding is only for utf8 columns`);
  }
  const optional = column.required === true ? 0 : 1;
  switch (column.type) {
    case "int64":
    case "timestamp-millis":
    case "timestamp-micros":
      return leaf(column, PhysicalType.INT64, optional);
    case "int32":
      return leaf(column, PhysicalType.INT32, optional);
    case "double":
      return leaf(column, PhysicalType.DOUBLE, optional);
    case "utf8":
      return leaf(column, PhysicalType.BYTE_ARRAY, optional);
    case "double-pair":
      return {
        column,
        physicalType: PhysicalType.DOUBLE,
        path: [column.name, "list", "element"],
        maxDefinitionLevel: 2,
        maxRepetitionLevel: 1,
      };
    default:
      throw new RangeError(`column "${String((column as ParquetColumn).name)}": unknown type`);
  }
}

function leaf(column: ParquetColumn, physicalType: number, maxDefinitionLevel: number): LeafColumn {
  return { column, physicalType, path: [column.name], maxDefinitionLevel, maxRepetitionLevel: 0 };
}

/**
 * Writes the footer's flattened schema (root, then each column's elements depth first) as the
 * elements of an already opened thrift list; {@link schemaElementCount} gives that list's size.
 *
 * @example
 * thrift.listField(2, ThriftType.STRUCT, schemaElementCount(columns));
 * writeSchemaElements(thrift, columns);
 */
export function writeSchemaElements(thrift: ThriftCompactWriter, columns: readonly ParquetColumn[]): void {
  thrift.structBegin();
  thrift.stringField(4, "schema");
  thrift.i32Field(5, columns.length);
  thrift.structEnd();
  for (const column of columns) {
    const repetition = column.required === true ? Repetition.REQUIRED : Repetition.OPTIONAL;
    switch (column.type) {
      case "int64":
        scalar(thrift, column.name, PhysicalType.INT64, repetition, null);
        thrift.structEnd();
        break;
      case "int32":
        scalar(thrift, column.name, PhysicalType.INT32, repetition, ConvertedType.INT_32);
        thrift.structField(10);
        thrift.structField(10); // IntType
        thrift.byteField(1, 32);
        thrift.boolField(2, true);
        thrift.structEnd();
        thrift.structEnd();
        thrift.structEnd();
        break;
      case "timestamp-millis":
      case "timestamp-micros": {
        const millis = column.type === "timestamp-millis";
        scalar(
          thrift,
          column.name,
          PhysicalType.INT64,
          repetition,
          millis ? ConvertedType.TIMESTAMP_MILLIS : ConvertedType.TIMESTAMP_MICROS,
        );
        thrift.structField(10);
        thrift.structField(8); // TimestampType
        thrift.boolField(1, true);
        thrift.structField(2); // TimeUnit
        thrift.structField(millis ? 1 : 2);
        thrift.structEnd();
        thrift.structEnd();
        thrift.structEnd();
        thrift.structEnd();
        thrift.structEnd();
        break;
      }
      case "double":
        scalar(thrift, column.name, PhysicalType.DOUBLE, repetition, null);
        thrift.structEnd();
        break;
      case "utf8":
        scalar(thrift, column.name, PhysicalType.BYTE_ARRAY, repetition, ConvertedType.UTF8);
        thrift.structField(10);
        thrift.structField(1); // StringType
        thrift.structEnd();
        thrift.structEnd();
        thrift.structEnd();
        break;
      case "double-pair":
        thrift.structBegin();
        thrift.i32Field(3, Repetition.OPTIONAL);
        thrift.stringField(4, column.name);
        thrift.i32Field(5, 1);
        thrift.i32Field(6, ConvertedType.LIST);
        thrift.structField(10);
        thrift.structField(3); // ListType
        thrift.structEnd();
        thrift.structEnd();
        thrift.structEnd();
        thrift.structBegin();
        thrift.i32Field(3, Repetition.REPEATED);
        thrift.stringField(4, "list");
        thrift.i32Field(5, 1);
        thrift.structEnd();
        scalar(thrift, "element", PhysicalType.DOUBLE, Repetition.REQUIRED, null);
        thrift.structEnd();
        break;
    }
  }
}

/** Opens a leaf SchemaElement and writes fields 1..6; the caller adds field 10 and closes it. */
function scalar(
  thrift: ThriftCompactWriter,
  name: string,
  physicalType: number,
  repetition: number,
  convertedType: number | null,
): void {
  thrift.structBegin();
  thrift.i32Field(1, physicalType);
  thrift.i32Field(3, repetition);
  thrift.stringField(4, name);
  if (convertedType !== null) thrift.i32Field(6, convertedType);
}

/**
 * The number of schema elements {@link writeSchemaElements} writes.
 *
 * @example
 * schemaElementCount([{ name: "pos", type: "double-pair" }]); // 4
 */
export function schemaElementCount(columns: readonly ParquetColumn[]): number {
  let count = 1;
  for (const column of columns) count += column.type === "double-pair" ? 3 : 1;
  return count;
}
