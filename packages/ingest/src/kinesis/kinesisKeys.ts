/** Kinesis partition keys are 1 to 256 Unicode characters. */
const MAX_PARTITION_KEY_CHARACTERS = 256;
const MAX_HASH_KEY = 2n ** 128n - 1n;
// With the `u` flag a surrogate pair is one code point, so this matches only unpaired halves,
// which UTF-8 cannot carry (they would silently become U+FFFD).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Why `key` is not a valid Kinesis partition key (1 to 256 characters of well-formed Unicode), or
 * `null` when it is one.
 *
 * @example
 * partitionKeyProblem("partition-1"); // null
 * partitionKeyProblem(""); // "partition key is empty"
 */
export function partitionKeyProblem(key: unknown): string | null {
  if (typeof key !== "string") return "partition key is not a string";
  if (key.length === 0) return "partition key is empty";
  if (key.length > 2 * MAX_PARTITION_KEY_CHARACTERS || [...key].length > MAX_PARTITION_KEY_CHARACTERS) {
    return `partition key is longer than ${MAX_PARTITION_KEY_CHARACTERS} characters`;
  }
  if (LONE_SURROGATE.test(key)) return "partition key has an unpaired surrogate";
  return null;
}

/**
 * Why `key` is not a valid Kinesis explicit hash key (a decimal integer from 0 to 2^128 - 1, without
 * leading zeros), or `null` when it is one.
 *
 * @example
 * explicitHashKeyProblem("170141183460469231731687303715884105728"); // null
 * explicitHashKeyProblem("-1"); // "explicit hash key is not a decimal integer"
 */
export function explicitHashKeyProblem(key: unknown): string | null {
  if (typeof key !== "string" || !/^(0|[1-9]\d{0,38})$/.test(key)) {
    return "explicit hash key is not a decimal integer";
  }
  return BigInt(key) > MAX_HASH_KEY ? "explicit hash key exceeds 2^128 - 1" : null;
}
