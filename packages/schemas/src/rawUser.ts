import { z } from "zod";
import { NaiveTimestampSchema } from "./naiveTimestamp";

/**
 * A user record as producers send it (`user_data`): `date_joined` is a naive
 * `YYYY-MM-DD HH:MM:SS` string read as UTC. Unknown extra fields are allowed.
 *
 * @example
 * RawUserSchema.parse({
 *   ind: 0, first_name: "Adam", last_name: "Acosta", age: 20, date_joined: "2015-10-21 21:26:45",
 * });
 */
export const RawUserSchema = z.looseObject({
  ind: z.number().int().nonnegative(),
  first_name: z.string(),
  last_name: z.string(),
  age: z.number().int(),
  date_joined: NaiveTimestampSchema,
});

/** A user record as producers send it. See {@link RawUserSchema}. */
export type RawUser = z.infer<typeof RawUserSchema>;
