import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";

/**
 * A clean pin with only the columns the queries read set; the rest are null.
 *
 * @example
 * cleanPin(3, "art", "Ann", 120).category; // "art"
 */
export function cleanPin(
  ind: number,
  category: string | null,
  poster_name: string | null = "poster",
  follower_count: number | null = 0,
): CleanPin {
  return {
    ind,
    unique_id: null,
    title: null,
    description: null,
    follower_count,
    poster_name,
    tag_list: null,
    is_image_or_video: null,
    image_src: null,
    save_location: null,
    category,
  };
}

/**
 * A clean geo record; `timestamp` is a naive `YYYY-MM-DD HH:MM:SS` read as UTC, or null.
 *
 * @example
 * cleanGeo(3, "Chad", "2019-05-01 10:00:00").timestamp?.toISOString(); // "2019-05-01T10:00:00.000Z"
 */
export function cleanGeo(
  ind: number,
  country: string | null,
  timestamp: string | null = "2019-06-01 00:00:00",
): CleanGeo {
  return { ind, country, coordinates: null, timestamp: utc(timestamp) };
}

/**
 * A clean user record; `date_joined` is a naive timestamp read as UTC, or null.
 *
 * @example
 * cleanUser(3, 30, "2016-01-01 00:00:00").age; // 30
 */
export function cleanUser(
  ind: number,
  age: number | null,
  date_joined: string | null = "2016-06-01 00:00:00",
): CleanUser {
  return { ind, user_name: null, age, date_joined: utc(date_joined) };
}

function utc(naive: string | null): Date | null {
  return naive === null ? null : new Date(`${naive.replace(" ", "T")}Z`);
}
