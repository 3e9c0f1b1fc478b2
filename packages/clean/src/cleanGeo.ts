import type { CleanGeo } from "@pinpipe/schemas";
import { cleanCoordinates } from "./cleanCoordinates";
import { type CleanOptions, resolvePlaceholders } from "./cleanOptions";
import type { CleanResult } from "./cleanResult";
import { reportHostileKeys } from "./hostileKeys";
import { IssueLog } from "./issueLog";
import { isRawRecord, notAnObject } from "./rawRecord";
import { readRecordKey } from "./readRecordKey";
import { readString } from "./readString";
import { readTimestamp } from "./readTimestamp";

/**
 * Cleans a raw geolocation record into exactly the clean geo columns `ind, country, coordinates,
 * timestamp`: `coordinates` is `[latitude, longitude]` (see `cleanCoordinates`), `timestamp` a UTC
 * `Date` read from the naive producer string (see `parseNaiveTimestamp`), `country` kept byte for
 * byte unless it is a placeholder. Unknown fields are dropped.
 *
 * A field that cannot be cleaned becomes `null` with an issue; the record is rejected only when it
 * is not an object or `ind` is missing or not a non-negative safe integer. Never mutates its input,
 * never throws on JSON values.
 * A key whose JSON text rounds to a valid one (`1e-400`) is indistinguishable once parsed; callers
 * holding the text reject it with `keyLiteralIssue`.
 *
 * @example
 * cleanGeo({ ind: 2, timestamp: "2022-03-14 04:34:13", latitude: 17.5632, longitude: 112.276, country: "Gambia" });
 * // { ok: true, issues: [], value: { ind: 2, country: "Gambia", coordinates: [17.5632, 112.276],
 * //   timestamp: new Date("2022-03-14T04:34:13Z") } }
 */
export function cleanGeo(raw: unknown, options?: CleanOptions): CleanResult<CleanGeo> {
  if (!isRawRecord(raw)) return notAnObject(raw);
  const log = new IssueLog();
  reportHostileKeys(raw, log);
  const ind = readRecordKey(raw.ind, "ind", log);
  if (ind < 0) return { ok: false, issues: log.issues() };

  const placeholders = resolvePlaceholders(options);
  const value: CleanGeo = {
    ind,
    country: readString(raw.country, "country", placeholders.country, log),
    coordinates: cleanCoordinates(raw.latitude, raw.longitude, log),
    timestamp: readTimestamp(raw.timestamp, "timestamp", placeholders.timestamp, log),
  };
  return { ok: true, value, issues: log.issues() };
}
