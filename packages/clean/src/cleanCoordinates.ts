import type { IssueRule } from "./cleanIssue";
import type { IssueLog } from "./issueLog";

/** A usable coordinate, "no data" (`null`), or the rule that makes it unusable. */
type CoordinateState = "usable" | "null" | IssueRule;

function coordinateState(value: unknown, limit: number): CoordinateState {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "wrong_type";
    return value >= -limit && value <= limit ? "usable" : "coordinates_out_of_range";
  }
  if (value === null) return "null";
  return value === undefined ? "missing_field" : "wrong_type";
}

/** Logs why a half of a dropped pair is lost; a usable half is lost only because of its partner. */
function reportDropped(state: CoordinateState, field: string, value: unknown, log: IssueLog): void {
  if (state === "usable") log.add(field, value, "incomplete_coordinates");
  else if (state !== "null") log.add(field, value, state);
}

/**
 * Builds the clean `[latitude, longitude]` pair, or `null` when either half is unusable: absent
 * (`missing_field`), not a number (`wrong_type`), outside [-90, 90] / [-180, 180]
 * (`coordinates_out_of_range`) or `null` (no issue: producers send `null` for "no data"). A usable
 * half dropped with its pair is reported as `incomplete_coordinates`. -0 is read as 0.
 *
 * @example
 * cleanCoordinates(51.5, -0.12, log); // [51.5, -0.12]
 * cleanCoordinates(91, -0.12, log); // null; coordinates_out_of_range on latitude, incomplete_coordinates on longitude
 */
export function cleanCoordinates(
  latitude: unknown,
  longitude: unknown,
  log: IssueLog,
): [number, number] | null {
  const latitudeState = coordinateState(latitude, 90);
  const longitudeState = coordinateState(longitude, 180);
  if (latitudeState === "usable" && longitudeState === "usable") {
    return [(latitude as number) + 0, (longitude as number) + 0];
  }
  reportDropped(latitudeState, "latitude", latitude, log);
  reportDropped(longitudeState, "longitude", longitude, log);
  return null;
}
