/**
 * The 13 pin categories with their relative frequencies, as measured on the real pin table (counts
 * out of 4,175 untouched raw rows). `save_location` is always `Local save in /data/<category>`.
 *
 * @example
 * CATEGORY_WEIGHTS.christmas > CATEGORY_WEIGHTS.vehicles; // true
 */
export const CATEGORY_WEIGHTS = {
  christmas: 390,
  quotes: 370,
  tattoos: 354,
  art: 338,
  travel: 331,
  education: 325,
  "mens-fashion": 325,
  "home-decor": 321,
  "diy-and-crafts": 305,
  finance: 304,
  beauty: 278,
  "event-planning": 276,
  vehicles: 258,
} as const satisfies Record<string, number>;

/** A pin category name. See {@link CATEGORY_WEIGHTS}. */
export type PinCategory = keyof typeof CATEGORY_WEIGHTS;

/**
 * The placeholder strings producers send instead of real values, exactly as spelled in raw data.
 *
 * @example
 * RAW_PLACEHOLDERS.posterName; // "User Info Error"
 */
export const RAW_PLACEHOLDERS = {
  title: "No Title Data Available",
  titleUntitled: "Untitled",
  descriptionStory: "No description available Story format",
  description: "No description available",
  descriptionUntitled: "Untitled",
  posterName: "User Info Error",
  followerCount: "User Info Error",
  tagList: "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",
  imageSrc: "Image src error.",
} as const;

/**
 * The three `is_image_or_video` values producers send.
 *
 * @example
 * MEDIA_TYPES.story; // "multi-video(story page format)"
 */
export const MEDIA_TYPES = {
  image: "image",
  video: "video",
  story: "multi-video(story page format)",
} as const;

/**
 * Rates and weights measured on the real raw tables; the generator draws from exactly these, and its
 * tests check the generated shares against them. Rates are probabilities in [0, 1]; weights are
 * relative frequencies (real counts).
 *
 * - `userInfoErrorRowRate`: share of "error rows" where the scrape failed: title, description,
 *   poster, follower count, tags and image are all placeholders and the media type is a story.
 * - The other pin rates apply to the remaining (non-error) rows; `tagListTruncatedRate` is the share
 *   of real tag lists with fewer than nine tags (the generator writes those as a few tags cut off with
 *   `...`), `descriptionTruncatedRate` the share of real descriptions ending with `…` and U+00A0.
 * - `followerFormWeights`: how a poster's follower count is written (`"950"`, `"12k"`, `"2M"`);
 *   `millionWeights`: which `<n>M` values occur (max 15M).
 * - `ageWeights[i]` is the weight of age `20 + i` per post; `joinedYearWeights` per post.
 *
 * @example
 * RAW_DATA_CALIBRATION.userInfoErrorRowRate; // ≈ 0.0077
 */
export const RAW_DATA_CALIBRATION = {
  userInfoErrorRowRate: 32 / 4175,
  mediaTypeWeights: { image: 3746, video: 116, story: 281 },
  storyImageErrorRate: 77 / 281,
  descriptionUnavailableRate: 74 / 3862,
  descriptionUntitledRate: 1 / 4143,
  descriptionTruncatedRate: 1499 / 3787,
  titleEmptyRate: 1 / 4143,
  titleUntitledRate: 1 / 4143,
  tagListPlaceholderRate: 29 / 4143,
  tagListTruncatedRate: 8 / 4114,
  downloadedNullRate: 557 / 4175,
  followerFormWeights: { digits: 728, thousands: 3066, millions: 349 },
  millionWeights: { 1: 67, 2: 143, 3: 19, 4: 20, 5: 75, 6: 6, 8: 15, 15: 4 } as Readonly<
    Record<number, number>
  >,
  imageExtensionWeights: { jpg: 3442, png: 597, webp: 20, gif: 6 } as Readonly<Record<string, number>>,
  ageWeights: [
    2126, 1218, 572, 636, 364, 426, 296, 321, 354, 262, 266, 237, 261, 198, 192, 192, 159, 197, 182, 164, 162,
    126, 171, 145, 136, 159, 119, 127, 124, 128, 126, 107, 122, 113, 88, 111, 100, 96, 89, 93, 89,
  ] as readonly number[],
  joinedYearWeights: { 2015: 4507, 2016: 4791, 2017: 1856 } as Readonly<Record<number, number>>,
  /** Users joined within [from, to) (naive UTC). */
  joinedRange: { from: "2015-10-21 00:00:00", to: "2017-10-20 12:00:00" },
  /** Geo timestamps fall within [from, to) (naive UTC), always after the user joined. */
  geoTimestampRange: { from: "2017-10-20 12:00:00", to: "2022-10-20 00:00:00" },
} as const;
