import { z } from "zod";

/**
 * Shape of the timestamps producers send: a naive `YYYY-MM-DD HH:MM:SS` string with no zone,
 * which the pipeline reads as UTC.
 *
 * @example
 * NAIVE_TIMESTAMP_PATTERN.test("2019-01-01 07:21:13"); // true
 */
export const NAIVE_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * Zod schema of a naive `YYYY-MM-DD HH:MM:SS` timestamp string (shape only; calendar validity is
 * checked by the cleaning rules, which turn impossible dates into `null`).
 *
 * @example
 * NaiveTimestampSchema.parse("2021-09-26 19:49:23"); // "2021-09-26 19:49:23"
 */
export const NaiveTimestampSchema = z.string().regex(NAIVE_TIMESTAMP_PATTERN, "expected YYYY-MM-DD HH:MM:SS");
