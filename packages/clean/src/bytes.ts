/**
 * `@pinpipe/clean/bytes`: the byte-level forms of the cleaners' rules, for readers that work on raw
 * UTF-8 lines without decoding them (the columnar fast path of @pinpipe/analytics). Each is the
 * same rule as the string form the cleaners use, defined once here in @pinpipe/clean and held equal
 * to it by property tests: the naive timestamp, the placeholder and blank test, name joining and
 * plain key digits; and the calendar arithmetic they share with writers of dates.
 *
 * @module @pinpipe/clean/bytes
 */

export { civilDateOfEpochDays } from "./civilDate";
export { isTrimmedNameBytes, NameJoiner, USER_NAME_SEPARATOR } from "./joinNameBytes";
export {
  NAIVE_TIMESTAMP_MAX_LENGTH,
  NAIVE_TIMESTAMP_MIN_LENGTH,
  naiveTimestampFromBytes,
} from "./naiveTimestampFromBytes";
export type { PlaceholderVerdict } from "./placeholderBytes";
export { ColumnPlaceholders, columnPlaceholders } from "./placeholderBytes";
export { MAX_PLAIN_KEY_DIGITS, plainKeyDigits } from "./plainKeyDigits";
