import { ByteBufferBuilder } from "./byteBufferBuilder";
import { bitWidthOf, encodeRleBitPackedHybrid } from "./encodeRleBitPackedHybrid";
import { Encoding, MAGIC, PageType, PhysicalType, Repetition } from "./parquetFormat";
import { ThriftCompactWriter, ThriftType } from "./thriftCompactWriter";

/**
 * A field of a nested Parquet schema: scalars (`string` UTF-8, `long` INT64, `int` INT32,
 * `boolean`), structs, string-keyed maps and lists, each nullable unless `required`.
 *
 * @example
 * const field: NestedField = { name: "partitionValues", type: { map: { value: "string" } } };
 */
export interface NestedField {
  readonly name: string;
  readonly type: NestedType;
  readonly required?: boolean;
}

/** The type of a {@link NestedField}. Map keys are required strings; map values and list elements are nullable. */
export type NestedType =
  | "string"
  | "long"
  | "int"
  | "boolean"
  | { readonly struct: readonly NestedField[] }
  | { readonly map: { readonly value: NestedType } }
  | { readonly list: { readonly element: NestedType } };

type Scalar = "string" | "long" | "int" | "boolean";

/** One leaf column while shredding: its path and the levels and values gathered so far. */
interface Leaf {
  readonly path: readonly string[];
  readonly scalar: Scalar;
  readonly maxDefinition: number;
  readonly maxRepetition: number;
  readonly repetition: number[];
  readonly definition: number[];
  readonly values: unknown[];
}

/** A schema node with what shredding needs: how deep it is in optional and repeated levels. */
interface Node {
  readonly name: string;
  readonly optional: boolean;
  readonly kind: "scalar" | "struct" | "map" | "list";
  readonly children: readonly Node[];
  readonly leaves: readonly Leaf[];
  /** The repetition level of this node's repeated group (map and list only). */
  readonly repeatedLevel: number;
}

const PHYSICAL: Readonly<Record<Scalar, number>> = {
  string: PhysicalType.BYTE_ARRAY,
  long: PhysicalType.INT64,
  int: PhysicalType.INT32,
  boolean: 0,
};

const CONVERTED = { UTF8: 0, MAP: 1, MAP_KEY_VALUE: 2, LIST: 3 } as const;

function buildNode(
  name: string,
  type: NestedType,
  optional: boolean,
  path: readonly string[],
  definition: number,
  repetition: number,
): Node {
  const def = definition + (optional ? 1 : 0);
  if (typeof type === "string") {
    const leaf: Leaf = {
      path: [...path, name],
      scalar: type,
      maxDefinition: def,
      maxRepetition: repetition,
      repetition: [],
      definition: [],
      values: [],
    };
    return { name, optional, kind: "scalar", children: [], leaves: [leaf], repeatedLevel: 0 };
  }
  if ("struct" in type) {
    const children = type.struct.map((field) =>
      buildNode(field.name, field.type, field.required !== true, [...path, name], def, repetition),
    );
    return {
      name,
      optional,
      kind: "struct",
      children,
      leaves: children.flatMap((c) => c.leaves),
      repeatedLevel: 0,
    };
  }
  const level = repetition + 1;
  if ("map" in type) {
    const inner = [...path, name, "key_value"];
    const children = [
      buildNode("key", "string", false, inner, def + 1, level),
      buildNode("value", type.map.value, true, inner, def + 1, level),
    ];
    return {
      name,
      optional,
      kind: "map",
      children,
      leaves: children.flatMap((c) => c.leaves),
      repeatedLevel: level,
    };
  }
  const children = [buildNode("element", type.list.element, true, [...path, name, "list"], def + 1, level)];
  return { name, optional, kind: "list", children, leaves: children[0]!.leaves, repeatedLevel: level };
}

function emitNull(node: Node, repetition: number, definition: number): void {
  for (const leaf of node.leaves) {
    leaf.repetition.push(repetition);
    leaf.definition.push(definition);
  }
}

/** Dremel shredding of one value into the leaves of `node`. */
function shred(node: Node, value: unknown, repetition: number, definition: number): void {
  if (value === null || value === undefined) {
    if (!node.optional) throw new RangeError(`required field "${node.name}" is null`);
    emitNull(node, repetition, definition);
    return;
  }
  const def = definition + (node.optional ? 1 : 0);
  switch (node.kind) {
    case "scalar": {
      const leaf = node.leaves[0]!;
      leaf.repetition.push(repetition);
      leaf.definition.push(def);
      leaf.values.push(value);
      return;
    }
    case "struct":
      for (const child of node.children)
        shred(child, (value as Record<string, unknown>)[child.name], repetition, def);
      return;
    case "map":
    case "list": {
      const entries: unknown[][] =
        node.kind === "map"
          ? Object.entries(value as Record<string, unknown>)
          : (value as unknown[]).map((element) => [element]);
      if (entries.length === 0) {
        emitNull(node, repetition, def);
        return;
      }
      entries.forEach((entry, i) => {
        const r = i === 0 ? repetition : node.repeatedLevel;
        node.children.forEach((child, c) => {
          shred(child, entry[c], r, def + 1);
        });
      });
    }
  }
}

function writeSchema(thrift: ThriftCompactWriter, node: Node): number {
  thrift.structBegin();
  let count = 1;
  if (node.kind === "scalar") {
    const scalar = node.leaves[0]!.scalar;
    thrift.i32Field(1, PHYSICAL[scalar]);
    thrift.i32Field(3, node.optional ? Repetition.OPTIONAL : Repetition.REQUIRED);
    thrift.stringField(4, node.name);
    if (scalar === "string") thrift.i32Field(6, CONVERTED.UTF8);
    thrift.structEnd();
    return count;
  }
  thrift.i32Field(3, node.optional ? Repetition.OPTIONAL : Repetition.REQUIRED);
  thrift.stringField(4, node.name);
  if (node.kind === "struct") {
    thrift.i32Field(5, node.children.length);
    thrift.structEnd();
    for (const child of node.children) count += writeSchema(thrift, child);
    return count;
  }
  // Maps and lists: the annotated group, then the repeated group holding the entries.
  thrift.i32Field(5, 1);
  thrift.i32Field(6, node.kind === "map" ? CONVERTED.MAP : CONVERTED.LIST);
  thrift.structEnd();
  thrift.structBegin();
  thrift.i32Field(3, Repetition.REPEATED);
  thrift.stringField(4, node.kind === "map" ? "key_value" : "list");
  thrift.i32Field(5, node.children.length);
  if (node.kind === "map") thrift.i32Field(6, CONVERTED.MAP_KEY_VALUE);
  thrift.structEnd();
  count++;
  for (const child of node.children) count += writeSchema(thrift, child);
  return count;
}

function countSchema(node: Node): number {
  const own = node.kind === "map" || node.kind === "list" ? 2 : 1;
  return own + node.children.reduce((sum, child) => sum + countSchema(child), 0);
}

const utf8 = new TextEncoder();

function writeLevels(out: ByteBufferBuilder, levels: readonly number[], max: number): void {
  if (max === 0) return;
  const lengthAt = out.length;
  out.writeInt32LE(0);
  encodeRleBitPackedHybrid(out, Uint32Array.from(levels), 0, levels.length, bitWidthOf(max));
  out.patchInt32LE(lengthAt, out.length - lengthAt - 4);
}

function writeValues(out: ByteBufferBuilder, leaf: Leaf): void {
  if (leaf.scalar === "boolean") {
    let byte = 0;
    leaf.values.forEach((value, i) => {
      if (value === true) byte |= 1 << (i % 8);
      if (i % 8 === 7) {
        out.writeByte(byte);
        byte = 0;
      }
    });
    if (leaf.values.length % 8 !== 0) out.writeByte(byte);
    return;
  }
  for (const value of leaf.values) {
    if (leaf.scalar === "string") {
      if (typeof value !== "string") throw new TypeError(`${leaf.path.join(".")}: expected a string`);
      const bytes = utf8.encode(value);
      out.writeInt32LE(bytes.length);
      out.writeBytes(bytes);
    } else {
      const number = typeof value === "bigint" ? Number(value) : value;
      if (typeof number !== "number" || !Number.isSafeInteger(number)) {
        throw new TypeError(`${leaf.path.join(".")}: expected an integer, got ${String(value)}`);
      }
      if (leaf.scalar === "long") out.writeInt64LE(number);
      else out.writeInt32LE(number);
    }
  }
}

/**
 * Encodes rows of JavaScript objects as one Parquet file with nested columns (structs, maps,
 * lists), shredded into repetition and definition levels (the Dremel encoding): one row group,
 * one uncompressed PLAIN data page per leaf column, no statistics. Meant for small metadata files
 * such as Delta checkpoints; the bulk tables go through {@link ParquetFileWriter}. A missing
 * (undefined) field is written as null. Throws a RangeError for null in a required field and a
 * TypeError for a value of the wrong type.
 *
 * @example
 * const bytes = encodeNestedParquetFile(
 *   [{ name: "txn", type: { struct: [{ name: "appId", type: "string" }, { name: "version", type: "long" }] } }],
 *   [{ txn: { appId: "a", version: 3 } }],
 *   { createdBy: "pinpipe" },
 * );
 */
export function encodeNestedParquetFile(
  fields: readonly NestedField[],
  rows: readonly Readonly<Record<string, unknown>>[],
  options: { readonly createdBy: string },
): Uint8Array {
  const nodes = fields.map((field) => buildNode(field.name, field.type, field.required !== true, [], 0, 0));
  for (const row of rows) for (const node of nodes) shred(node, row[node.name], 0, 0);
  const leaves = nodes.flatMap((node) => node.leaves);

  const out = new ByteBufferBuilder(64 * 1024);
  out.writeBytes(MAGIC);
  const chunks: { offset: number; size: number; values: number }[] = [];
  const body = new ByteBufferBuilder(64 * 1024);
  for (const leaf of leaves) {
    body.reset();
    writeLevels(body, leaf.repetition, leaf.maxRepetition);
    writeLevels(body, leaf.definition, leaf.maxDefinition);
    writeValues(body, leaf);
    const page = body.toBytes();
    const offset = out.length;
    const header = new ThriftCompactWriter(out);
    header.structBegin();
    header.i32Field(1, PageType.DATA_PAGE);
    header.i32Field(2, page.length);
    header.i32Field(3, page.length);
    header.structField(5);
    header.i32Field(1, leaf.definition.length);
    header.i32Field(2, Encoding.PLAIN);
    header.i32Field(3, Encoding.RLE);
    header.i32Field(4, Encoding.RLE);
    header.structEnd();
    header.structEnd();
    out.writeBytes(page);
    chunks.push({ offset, size: out.length - offset, values: leaf.definition.length });
  }

  const footerStart = out.length;
  const thrift = new ThriftCompactWriter(out);
  thrift.structBegin();
  thrift.i32Field(1, 1);
  thrift.listField(2, ThriftType.STRUCT, 1 + nodes.reduce((sum, node) => sum + countSchema(node), 0));
  thrift.structBegin();
  thrift.stringField(4, "schema");
  thrift.i32Field(5, nodes.length);
  thrift.structEnd();
  for (const node of nodes) writeSchema(thrift, node);
  thrift.i64Field(3, rows.length);
  thrift.listField(4, ThriftType.STRUCT, 1);
  thrift.structBegin();
  thrift.listField(1, ThriftType.STRUCT, leaves.length);
  let total = 0;
  leaves.forEach((leaf, i) => {
    const chunk = chunks[i]!;
    total += chunk.size;
    thrift.structBegin();
    thrift.i64Field(2, chunk.offset);
    thrift.structField(3);
    thrift.i32Field(1, PHYSICAL[leaf.scalar]);
    thrift.listField(2, ThriftType.I32, 2);
    thrift.i32(Encoding.PLAIN);
    thrift.i32(Encoding.RLE);
    thrift.listField(3, ThriftType.BINARY, leaf.path.length);
    for (const part of leaf.path) thrift.string(part);
    thrift.i32Field(4, 0);
    thrift.i64Field(5, chunk.values);
    thrift.i64Field(6, chunk.size);
    thrift.i64Field(7, chunk.size);
    thrift.i64Field(9, chunk.offset);
    thrift.structEnd();
    thrift.structEnd();
  });
  thrift.i64Field(2, total);
  thrift.i64Field(3, rows.length);
  thrift.structEnd();
  thrift.stringField(6, options.createdBy);
  thrift.structEnd();
  out.writeInt32LE(out.length - footerStart);
  out.writeBytes(MAGIC);
  return out.toBytes();
}
