/** A Spark SQL data type as the Delta schema string spells it. */
export type SparkDataType =
  | "long"
  | "integer"
  | "double"
  | "string"
  | "boolean"
  | "timestamp"
  | { readonly type: "array"; readonly elementType: SparkDataType; readonly containsNull: boolean }
  | { readonly type: "struct"; readonly fields: readonly SparkField[] };

/** One field of a Spark `StructType`. */
export interface SparkField {
  readonly name: string;
  readonly type: SparkDataType;
  readonly nullable: boolean;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/**
 * The `schemaString` of a table's `metaData`: the Spark `StructType` JSON of its fields, every
 * field with its (empty) metadata, as Spark writes it.
 *
 * @example
 * sparkSchemaString([{ name: "ind", type: "long", nullable: false }]);
 * // '{"type":"struct","fields":[{"name":"ind","type":"long","nullable":false,"metadata":{}}]}'
 */
export function sparkSchemaString(fields: readonly SparkField[]): string {
  return JSON.stringify(structJson(fields));
}

function structJson(fields: readonly SparkField[]): unknown {
  return {
    type: "struct",
    fields: fields.map((field) => ({
      name: field.name,
      type: typeJson(field.type),
      nullable: field.nullable,
      metadata: field.metadata ?? {},
    })),
  };
}

function typeJson(type: SparkDataType): unknown {
  if (typeof type === "string") return type;
  if (type.type === "array") {
    return { type: "array", elementType: typeJson(type.elementType), containsNull: type.containsNull };
  }
  return structJson(type.fields);
}
