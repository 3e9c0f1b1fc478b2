import { ByteBufferBuilder } from "./byteBufferBuilder";
import type { ColumnChunkMetadata } from "./columnChunkEncoder";
import { writeChunkStatistics } from "./columnChunkStatistics";
import type { ParquetColumn } from "./parquetColumn";
import { schemaElementCount, writeSchemaElements } from "./parquetSchema";
import type { ThriftCompactWriter } from "./thriftCompactWriter";
import { ThriftType } from "./thriftCompactWriter";

/**
 * One written row group, as the footer describes it.
 *
 * @example
 * const group: RowGroupMetadata = { chunks, numRows: 1000, fileOffset: 4, totalByteSize: 9000, totalCompressedSize: 5000 };
 */
export interface RowGroupMetadata {
  readonly chunks: readonly ColumnChunkMetadata[];
  readonly numRows: number;
  readonly fileOffset: number;
  readonly totalByteSize: number;
  readonly totalCompressedSize: number;
}

/**
 * What the footer holds besides row groups.
 *
 * @example
 * const footer: FileMetadataInput = { columns, numRows: 0, rowGroups: [], createdBy: "pinpipe", keyValueMetadata: [], codec: 1 };
 */
export interface FileMetadataInput {
  readonly columns: readonly ParquetColumn[];
  readonly rowGroups: readonly RowGroupMetadata[];
  readonly numRows: number;
  readonly createdBy: string;
  readonly keyValueMetadata: readonly (readonly [string, string])[];
  readonly codec: number;
}

/**
 * Writes the thrift `FileMetaData` struct: version, flattened schema, row counts, row groups with
 * their column chunk metadata and statistics, key/value metadata, created_by and a TYPE_ORDER
 * column order per leaf (which tells readers min_value/max_value are trustworthy).
 *
 * @example
 * writeFileMetadata(new ThriftCompactWriter(out), { columns, rowGroups, numRows, createdBy, keyValueMetadata: [], codec: 1 });
 */
export function writeFileMetadata(thrift: ThriftCompactWriter, input: FileMetadataInput): void {
  const scratch = new ByteBufferBuilder(64);
  thrift.structBegin();
  thrift.i32Field(1, 1);
  thrift.listField(2, ThriftType.STRUCT, schemaElementCount(input.columns));
  writeSchemaElements(thrift, input.columns);
  thrift.i64Field(3, input.numRows);
  thrift.listField(4, ThriftType.STRUCT, input.rowGroups.length);
  input.rowGroups.forEach((group, ordinal) => {
    thrift.structBegin();
    thrift.listField(1, ThriftType.STRUCT, group.chunks.length);
    for (const chunk of group.chunks) writeColumnChunk(thrift, scratch, chunk, input.codec);
    thrift.i64Field(2, group.totalByteSize);
    thrift.i64Field(3, group.numRows);
    thrift.i64Field(5, group.fileOffset);
    thrift.i64Field(6, group.totalCompressedSize);
    thrift.fieldHeader(ThriftType.I16, 7);
    thrift.i32(ordinal);
    thrift.structEnd();
  });
  if (input.keyValueMetadata.length > 0) {
    thrift.listField(5, ThriftType.STRUCT, input.keyValueMetadata.length);
    for (const [key, value] of input.keyValueMetadata) {
      thrift.structBegin();
      thrift.stringField(1, key);
      thrift.stringField(2, value);
      thrift.structEnd();
    }
  }
  thrift.stringField(6, input.createdBy);
  thrift.listField(7, ThriftType.STRUCT, input.columns.length);
  for (let i = 0; i < input.columns.length; i++) {
    thrift.structBegin();
    thrift.structField(1); // TypeDefinedOrder
    thrift.structEnd();
    thrift.structEnd();
  }
  thrift.structEnd();
}

function writeColumnChunk(
  thrift: ThriftCompactWriter,
  scratch: ByteBufferBuilder,
  chunk: ColumnChunkMetadata,
  codec: number,
): void {
  const firstPage = chunk.dictionaryPageOffset ?? chunk.dataPageOffset;
  thrift.structBegin();
  thrift.i64Field(2, firstPage);
  thrift.structField(3);
  thrift.i32Field(1, chunk.leaf.physicalType);
  thrift.listField(2, ThriftType.I32, chunk.encodings.length);
  for (const encoding of chunk.encodings) thrift.i32(encoding);
  thrift.listField(3, ThriftType.BINARY, chunk.leaf.path.length);
  for (const part of chunk.leaf.path) thrift.string(part);
  thrift.i32Field(4, codec);
  thrift.i64Field(5, chunk.numValues);
  thrift.i64Field(6, chunk.totalUncompressedSize);
  thrift.i64Field(7, chunk.totalCompressedSize);
  thrift.i64Field(9, chunk.dataPageOffset);
  if (chunk.dictionaryPageOffset !== null) thrift.i64Field(11, chunk.dictionaryPageOffset);
  writeChunkStatistics(thrift, scratch, 12, chunk.leaf.column.type, chunk.statistics);
  thrift.structEnd();
  thrift.structEnd();
}
