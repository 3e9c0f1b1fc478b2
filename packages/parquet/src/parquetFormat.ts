/**
 * Numeric codes of the Parquet thrift enums this writer uses (from the format's parquet.thrift).
 * Plain constant objects so they inline and cost nothing at runtime.
 */

/**
 * Physical types (`Type`).
 *
 * @example
 * PhysicalType.INT64; // 2
 */
export const PhysicalType = { INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;

/**
 * `FieldRepetitionType`.
 *
 * @example
 * Repetition.OPTIONAL; // 1
 */
export const Repetition = { REQUIRED: 0, OPTIONAL: 1, REPEATED: 2 } as const;

/**
 * `ConvertedType`, the legacy annotations older readers still look at.
 *
 * @example
 * ConvertedType.UTF8; // 0
 */
export const ConvertedType = {
  UTF8: 0,
  LIST: 3,
  TIMESTAMP_MILLIS: 9,
  TIMESTAMP_MICROS: 10,
  INT_32: 17,
} as const;

/**
 * `Encoding`.
 *
 * @example
 * Encoding.RLE_DICTIONARY; // 8
 */
export const Encoding = { PLAIN: 0, RLE: 3, RLE_DICTIONARY: 8 } as const;

/**
 * `CompressionCodec`.
 *
 * @example
 * Codec.SNAPPY; // 1
 */
export const Codec = { UNCOMPRESSED: 0, SNAPPY: 1 } as const;

/**
 * `PageType`.
 *
 * @example
 * PageType.DICTIONARY_PAGE; // 2
 */
export const PageType = { DATA_PAGE: 0, DICTIONARY_PAGE: 2 } as const;

/**
 * The 4-byte magic at both ends of a Parquet file.
 *
 * @example
 * new TextDecoder().decode(MAGIC); // "PAR1"
 */
export const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]);
