import { seededRandom } from "./seededRandom";

const WORDS = (
  "art painting watercolor easy diy crafts kids summer winter christmas tree decor home living room " +
  "ideas tattoo small quotes inspirational life love travel europe beach budget finance saving money " +
  "men fashion style outfit casual vintage car classic beauty makeup skin care hair event planning " +
  "wedding party education teacher classroom learning printable free simple modern rustic cozy"
).split(" ");
const CATEGORIES = [
  "art",
  "beauty",
  "christmas",
  "diy-and-crafts",
  "education",
  "event-planning",
  "finance",
  "home-decor",
  "mens-fashion",
  "quotes",
  "tattoos",
  "travel",
  "vehicles",
];
const POSTERS = [
  "Bored Panda",
  "Of Life & Lisa | Lifestyle Blog",
  "Jacqueline MB Designs",
  "The Budget Mom",
  "Wanderlust Daily",
];
const COUNTRIES = [
  "Albania",
  "Gambia",
  "United Kingdom",
  "Chad",
  "Cote d'Ivoire",
  "Peru",
  "Bhutan",
  "Norway",
];
const FIRST = ["Adam", "Abigail", "Jesse", "Ada", "Christopher", "Mary Ann", "Luis", "Zoe"];
const LAST = ["Acosta", "Ali", "Daniels", "Lovelace", "Richardson", "De Luca", "Nguyen", "Smith"];

type Random = ReturnType<typeof seededRandom>;

function words(random: Random, count: number, capitalise: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = random.pick(WORDS);
    out.push(capitalise ? word[0]!.toUpperCase() + word.slice(1) : word);
  }
  return out.join(" ");
}

function hex(random: Random, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += "0123456789abcdef"[random.int(16)];
  return s;
}

/** Follower counts in the producers' forms and proportions: ~17% plain, ~73% k, ~9% M, ~1% error. */
function followerCount(random: Random): string {
  const roll = random.next();
  if (roll < 0.01) return "User Info Error";
  if (roll < 0.18) return String(random.int(1000));
  if (roll < 0.91) return `${1 + random.int(999)}k`;
  return `${1 + random.int(15)}M`;
}

/** Placeholder `placeholder` with probability `rate`, else `value()`. */
function maybe(random: Random, rate: number, placeholder: string, value: () => string): string {
  return random.next() < rate ? placeholder : value();
}

/**
 * Raw pin lines (JSON text, ~500-800 bytes each) shaped and proportioned like the producers' rows:
 * uuid, long descriptions (a third ending in U+00A0), tag lists, image URLs, follower forms `"2M"`,
 * `"12k"`, `"987"`, and placeholders at realistic rates (~1% `User Info Error`, ~7% story-format
 * descriptions, ~3% image errors…). Deterministic for a given seed.
 *
 * @example
 * makeRawPinLines(1000, 42)[0]; // '{"index": 0, "unique_id": "…", …}'
 */
export function makeRawPinLines(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const category = random.pick(CATEGORIES);
    const follower = followerCount(random);
    const userError = follower === "User Info Error";
    const story = random.next() < 0.075;
    const pin = {
      index,
      unique_id: `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`,
      title: maybe(random, 0.009, "No Title Data Available", () => words(random, 3 + random.int(9), true)),
      description: story
        ? "No description available Story format"
        : maybe(random, 0.018, "No description available", () => {
            const text = words(random, 18 + random.int(22), false);
            return random.next() < 0.36 ? `${text}\u00a0` : `${text}… `;
          }),
      poster_name: userError ? "User Info Error" : random.pick(POSTERS),
      follower_count: follower,
      tag_list: maybe(random, 0.015, "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e", () =>
        Array.from({ length: 4 + random.int(6) }, () => words(random, 1 + random.int(2), true)).join(","),
      ),
      is_image_or_video: story ? "multi-video(story page format)" : random.next() < 0.03 ? "video" : "image",
      image_src: maybe(
        random,
        0.026,
        "Image src error.",
        () =>
          `https://i.pinimg.com/originals/${hex(random, 2)}/${hex(random, 2)}/${hex(random, 2)}/${hex(random, 32)}.jpg`,
      ),
      downloaded: random.next() < 0.95 ? 1 : 0,
      save_location: `Local save in /data/${category}`,
      category,
    };
    // Producers write ", " and ": " separators (Python json.dumps), as the reference rows do.
    lines.push(JSON.stringify(pin).replace(/","/g, '", "').replace(/":/g, '": ').replace(/,"/g, ', "'));
  }
  return lines;
}

function naiveTimestamp(random: Random, fromYear: number, years: number): string {
  const millis = Date.UTC(fromYear, 0, 1) + Math.floor(random.next() * years * 365.25 * 86_400_000);
  return new Date(millis).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * Raw geolocation lines shaped like the producers' rows (naive timestamps 2017-2022).
 *
 * @example
 * makeRawGeoLines(10, 42)[0]; // '{"ind": 0, "timestamp": "…", "latitude": …, …}'
 */
export function makeRawGeoLines(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, ind) =>
    JSON.stringify({
      ind,
      timestamp: naiveTimestamp(random, 2017, 6),
      latitude: Math.round((random.next() * 180 - 90) * 1e4) / 1e4,
      longitude: Math.round((random.next() * 360 - 180) * 1e3) / 1e3,
      country: random.pick(COUNTRIES),
    }),
  );
}

/**
 * Raw user lines shaped like the producers' rows (ages 20-60, joined 2015-2017).
 *
 * @example
 * makeRawUserLines(10, 42)[0]; // '{"ind": 0, "first_name": "…", …}'
 */
export function makeRawUserLines(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, ind) =>
    JSON.stringify({
      ind,
      first_name: random.pick(FIRST),
      last_name: random.pick(LAST),
      age: 20 + random.int(41),
      date_joined: naiveTimestamp(random, 2015, 3),
    }),
  );
}
