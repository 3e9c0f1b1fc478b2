import type { RawGeo, RawPin, RawUser } from "@pinpipe/schemas";
import { composeDescription, composeTagList, composeTitle } from "./composePinText";
import { createPrng, deriveSeed, type Prng } from "./createPrng";
import { createWeightedPicker } from "./createWeightedPicker";
import { formatNaiveTimestamp, naiveTimestampToSeconds } from "./formatNaiveTimestamp";
import { injectDefect, type MutablePostRecords, type PostDefect } from "./injectDefect";
import { createPosterPool, type PooledPoster } from "./posterPool";
import { randomHex } from "./randomHex";
import {
  CATEGORY_WEIGHTS,
  MEDIA_TYPES,
  type PinCategory,
  RAW_DATA_CALIBRATION,
  RAW_PLACEHOLDERS,
} from "./rawDataCalibration";
import { createUserPool } from "./userPool";

/** Options of {@link generatePosts}. */
export interface GeneratePostsOptions {
  /** Any safe integer; the same seed and options always give the same posts. */
  readonly seed: number;
  /** How many posts to yield, duplicates included (a non-negative safe integer). */
  readonly count: number;
  /** `ind` of the first new post (default 0); each new post takes the next `ind`. */
  readonly startInd?: number;
  /** Share of new posts, in [0, 1], that get one injected defect (see `POST_DEFECT_KINDS`). Default 0. */
  readonly dirty?: number;
  /** Share of yielded posts, in [0, 1], that are exact re-posts of one of the last 64 new posts. Default 0. */
  readonly duplicates?: number;
  /** Number of distinct users posts are drawn from (default 50,000; popularity is skewed). */
  readonly userPoolSize?: number;
  /** Number of distinct posters pins are drawn from (default 20,000; popularity is Zipf-like). */
  readonly posterPoolSize?: number;
}

/**
 * One generated post: the pin, geo and user records producers send for it, sharing one `ind`
 * (`pin.index`). In a dirty post the records deliberately break the raw schemas despite their types:
 * `defect` says how. A duplicate is an exact copy (same `ind`, same values) of an earlier post.
 */
export interface GeneratedPost {
  readonly pin: RawPin;
  readonly geo: RawGeo;
  readonly user: RawUser;
  readonly defect?: PostDefect;
  readonly duplicate?: true;
}

const DUPLICATE_WINDOW = 64;
const NOISE_STREAM = 99;
const MAX_POOL_SIZE = 2 ** 31;

const categories = Object.keys(CATEGORY_WEIGHTS) as PinCategory[];
const pickCategory = createWeightedPicker(categories.map((c) => CATEGORY_WEIGHTS[c]));
const { mediaTypeWeights } = RAW_DATA_CALIBRATION;
const pickMedia = createWeightedPicker([
  mediaTypeWeights.image,
  mediaTypeWeights.video,
  mediaTypeWeights.story,
]);
const extensions = Object.keys(RAW_DATA_CALIBRATION.imageExtensionWeights);
const pickExtension = createWeightedPicker(
  extensions.map((e) => RAW_DATA_CALIBRATION.imageExtensionWeights[e]!),
);
const geoFrom = naiveTimestampToSeconds(RAW_DATA_CALIBRATION.geoTimestampRange.from);
const geoSpan = naiveTimestampToSeconds(RAW_DATA_CALIBRATION.geoTimestampRange.to) - geoFrom;

function uuidV4(prng: Prng): string {
  const variant = "89ab"[prng.nextInt(4)];
  return `${randomHex(prng, 4)}-${randomHex(prng, 2)}-4${randomHex(prng, 2).slice(1)}-${variant}${randomHex(prng, 2).slice(1)}-${randomHex(prng, 6)}`;
}

function imageUrl(prng: Prng, video: boolean): string {
  const hash = randomHex(prng, 16);
  const path = `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash.slice(4, 6)}/${hash}`;
  return video
    ? `https://i.pinimg.com/videos/thumbnails/originals/${path}.0000001.jpg`
    : `https://i.pinimg.com/originals/${path}.${extensions[pickExtension(prng.nextFloat())]}`;
}

function requireInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(
      `generatePosts: ${name} must be an integer in [${min}, ${max}], got ${String(value)}`,
    );
  }
}

function requireRate(name: string, value: unknown): void {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new RangeError(`generatePosts: ${name} must be a number in [0, 1], got ${String(value)}`);
  }
}

/**
 * Generates synthetic raw posts calibrated on the real Pinterest tables (category shares, follower
 * count forms, placeholder rates, media types, description lengths, user ages and join years, a
 * skewed country list, repeating users and posters): seeded, deterministic and lazy, so millions of
 * posts stream in constant memory. The content of the post with a given `ind` depends only on the
 * seed, pool sizes and `ind - startInd`, not on `dirty` or `duplicates` (those draw from their own
 * stream). Options are checked eagerly: invalid ones throw a `RangeError` at the call.
 *
 * @example
 * for (const { pin, geo, user } of generatePosts({ seed: 1, count: 3 })) {
 *   console.log(pin.index, pin.category, geo.country, user.first_name); // 0, then 1, 2 with e.g. "finance"
 * }
 */
export function generatePosts(options: GeneratePostsOptions): Generator<GeneratedPost, void, undefined> {
  const { seed, count, startInd = 0, dirty = 0, duplicates = 0 } = options;
  const { userPoolSize = 50_000, posterPoolSize = 20_000 } = options;
  requireInteger("seed", seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  requireInteger("count", count, 0, Number.MAX_SAFE_INTEGER);
  requireInteger("startInd", startInd, 0, Number.MAX_SAFE_INTEGER);
  requireRate("dirty", dirty);
  requireRate("duplicates", duplicates);
  requireInteger("userPoolSize", userPoolSize, 1, MAX_POOL_SIZE);
  requireInteger("posterPoolSize", posterPoolSize, 1, MAX_POOL_SIZE);
  return generate(seed, count, startInd, dirty, duplicates, userPoolSize, posterPoolSize);
}

function* generate(
  seed: number,
  count: number,
  startInd: number,
  dirty: number,
  duplicates: number,
  userPoolSize: number,
  posterPoolSize: number,
): Generator<GeneratedPost, void, undefined> {
  const prng = createPrng(seed);
  const noise = createPrng(deriveSeed(seed, NOISE_STREAM));
  const users = createUserPool(seed, userPoolSize);
  const posters = createPosterPool(seed, posterPoolSize);
  // Snapshots as JSON so later mutation of yielded objects cannot change a re-post; JSON.parse also
  // recreates hostile own keys such as "__proto__" faithfully.
  const recent: string[] = [];
  let ind = startInd;

  for (let emitted = 0; emitted < count; emitted++) {
    if (recent.length > 0 && noise.nextFloat() < duplicates) {
      const copy = JSON.parse(recent[noise.nextInt(recent.length)]!) as GeneratedPost;
      yield { ...copy, duplicate: true };
      continue;
    }

    const category = categories[pickCategory(prng.nextFloat())]!;
    const user = users.pick(prng.nextFloat());
    const uniqueId = uuidV4(prng);
    let pin: RawPin;
    if (prng.nextFloat() < RAW_DATA_CALIBRATION.userInfoErrorRowRate) {
      pin = {
        index: ind,
        unique_id: uniqueId,
        title: RAW_PLACEHOLDERS.title,
        description: RAW_PLACEHOLDERS.descriptionStory,
        poster_name: RAW_PLACEHOLDERS.posterName,
        follower_count: RAW_PLACEHOLDERS.followerCount,
        tag_list: RAW_PLACEHOLDERS.tagList,
        is_image_or_video: MEDIA_TYPES.story,
        image_src: RAW_PLACEHOLDERS.imageSrc,
        downloaded: 0,
        save_location: `Local save in /data/${category}`,
        category,
      };
    } else {
      pin = newPin(prng, ind, uniqueId, category, posters.pick(prng.nextFloat()));
    }
    if (prng.nextFloat() < RAW_DATA_CALIBRATION.downloadedNullRate) pin.downloaded = null;
    const geo: RawGeo = {
      ind,
      timestamp: formatNaiveTimestamp(geoFrom + prng.nextInt(geoSpan)),
      latitude: user.latitude,
      longitude: user.longitude,
      country: user.country,
    };
    const rawUser: RawUser = {
      ind,
      first_name: user.firstName,
      last_name: user.lastName,
      age: user.age,
      date_joined: user.dateJoined,
    };
    ind++;

    let post: GeneratedPost = { pin, geo, user: rawUser };
    if (dirty > 0 && noise.nextFloat() < dirty) {
      const defect = injectDefect(post as unknown as MutablePostRecords, noise);
      post = { pin, geo, user: rawUser, defect };
    }
    if (duplicates > 0) {
      if (recent.length === DUPLICATE_WINDOW) recent.shift();
      recent.push(JSON.stringify(post));
    }
    yield post;
  }
}

function newPin(
  prng: Prng,
  ind: number,
  uniqueId: string,
  category: PinCategory,
  poster: PooledPoster,
): RawPin {
  const media = pickMedia(prng.nextFloat());
  const titleDraw = prng.nextFloat();
  const title =
    titleDraw < RAW_DATA_CALIBRATION.titleEmptyRate
      ? ""
      : titleDraw < RAW_DATA_CALIBRATION.titleEmptyRate + RAW_DATA_CALIBRATION.titleUntitledRate
        ? RAW_PLACEHOLDERS.titleUntitled
        : composeTitle(prng, category);
  let description: string;
  let imageSrc: string;
  let mediaType: string;
  if (media === 2) {
    mediaType = MEDIA_TYPES.story;
    description = RAW_PLACEHOLDERS.descriptionStory;
    imageSrc =
      prng.nextFloat() < RAW_DATA_CALIBRATION.storyImageErrorRate
        ? RAW_PLACEHOLDERS.imageSrc
        : imageUrl(prng, true);
  } else {
    mediaType = media === 1 ? MEDIA_TYPES.video : MEDIA_TYPES.image;
    const descriptionDraw = prng.nextFloat();
    description =
      descriptionDraw < RAW_DATA_CALIBRATION.descriptionUnavailableRate
        ? RAW_PLACEHOLDERS.description
        : descriptionDraw <
            RAW_DATA_CALIBRATION.descriptionUnavailableRate + RAW_DATA_CALIBRATION.descriptionUntitledRate
          ? RAW_PLACEHOLDERS.descriptionUntitled
          : composeDescription(prng, category);
    imageSrc = imageUrl(prng, media === 1);
  }
  const tagList =
    prng.nextFloat() < RAW_DATA_CALIBRATION.tagListPlaceholderRate
      ? RAW_PLACEHOLDERS.tagList
      : composeTagList(prng, category);
  return {
    index: ind,
    unique_id: uniqueId,
    title,
    description,
    poster_name: poster.name,
    follower_count: poster.followerCount,
    tag_list: tagList,
    is_image_or_video: mediaType,
    image_src: imageSrc,
    downloaded: imageSrc === RAW_PLACEHOLDERS.imageSrc ? 0 : 1,
    save_location: `Local save in /data/${category}`,
    category,
  };
}
