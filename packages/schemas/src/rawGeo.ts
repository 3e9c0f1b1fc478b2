import { z } from "zod";
import { NaiveTimestampSchema } from "./naiveTimestamp";

/**
 * A geolocation record as producers send it (`geolocation_data`): `timestamp` is a naive
 * `YYYY-MM-DD HH:MM:SS` string read as UTC. Unknown extra fields are allowed.
 *
 * @example
 * RawGeoSchema.parse({
 *   ind: 2, timestamp: "2022-03-14 04:34:13", latitude: 17.5632, longitude: 112.276, country: "Gambia",
 * });
 */
export const RawGeoSchema = z.looseObject({
  ind: z.number().int().nonnegative(),
  timestamp: NaiveTimestampSchema,
  latitude: z.number(),
  longitude: z.number(),
  country: z.string(),
});

/** A geolocation record as producers send it. See {@link RawGeoSchema}. */
export type RawGeo = z.infer<typeof RawGeoSchema>;
