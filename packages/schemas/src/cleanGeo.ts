import { z } from "zod";

/**
 * The columns of the clean geo table, in order.
 *
 * @example
 * GEO_COLUMNS.join(","); // "ind,country,coordinates,timestamp"
 */
export const GEO_COLUMNS = ["ind", "country", "coordinates", "timestamp"] as const;

/**
 * A `[latitude, longitude]` pair in degrees, latitude in [-90, 90] and longitude in [-180, 180].
 *
 * @example
 * CoordinatesSchema.parse([17.5632, 112.276]);
 */
export const CoordinatesSchema = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);

/**
 * A clean geo record: exactly the {@link GEO_COLUMNS}; `coordinates` is `[latitude, longitude]` or
 * `null`, `timestamp` a valid `Date` (the naive raw string read as UTC) or `null`.
 *
 * @example
 * CleanGeoSchema.parse({
 *   ind: 2, country: "Gambia", coordinates: [17.5632, 112.276], timestamp: new Date("2022-03-14T04:34:13Z"),
 * });
 */
export const CleanGeoSchema = z.strictObject({
  ind: z.number().int().nonnegative(),
  country: z.string().nullable(),
  coordinates: CoordinatesSchema.nullable(),
  timestamp: z.date().nullable(),
});

/** A clean geo record. See {@link CleanGeoSchema}. */
export type CleanGeo = z.infer<typeof CleanGeoSchema>;
