import { RawGeoSchema, RawPinSchema, RawUserSchema } from "@pinpipe/schemas";

const FOLLOWER_COUNT_FORM = /^(\d+|\d+k|\d+M|User Info Error)$/;
const HOSTILE_KEYS = ["__proto__", "constructor", "prototype"];

function isRealNaiveTimestamp(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (match === null) return false;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  );
}

const hasHostileKey = (record: object): boolean => HOSTILE_KEYS.some((key) => Object.hasOwn(record, key));

/**
 * Test oracle, written independently of the generator: is this post exactly as clean producers send
 * posts (raw schemas pass, follower count in a real form, real calendar instants, coordinates in range,
 * no hostile keys)?
 */
export function isStrictlyValidPost(post: { pin: unknown; geo: unknown; user: unknown }): boolean {
  const pin = RawPinSchema.safeParse(post.pin);
  const geo = RawGeoSchema.safeParse(post.geo);
  const user = RawUserSchema.safeParse(post.user);
  if (!pin.success || !geo.success || !user.success) return false;
  if ([post.pin, post.geo, post.user].some((record) => hasHostileKey(record as object))) return false;
  const fc = pin.data.follower_count;
  if (typeof fc !== "string" || !FOLLOWER_COUNT_FORM.test(fc)) return false;
  if (!isRealNaiveTimestamp(geo.data.timestamp) || !isRealNaiveTimestamp(user.data.date_joined)) return false;
  return Math.abs(geo.data.latitude) <= 90 && Math.abs(geo.data.longitude) <= 180;
}
