import { RawGeoSchema, RawPinSchema, RawUserSchema } from "@pinpipe/schemas";
import { describe, expect, it } from "vitest";
import {
  CATEGORY_WEIGHTS,
  type GeneratedPost,
  generatePosts,
  MEDIA_TYPES,
  RAW_DATA_CALIBRATION,
  RAW_PLACEHOLDERS,
} from "../../src/index";
import { isStrictlyValidPost } from "./strictRawValidity";

const take = (options: Parameters<typeof generatePosts>[0]): GeneratedPost[] => [...generatePosts(options)];
const share = (posts: readonly GeneratedPost[], test: (post: GeneratedPost) => boolean): number =>
  posts.filter(test).length / posts.length;
const sumOf = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe("generatePosts: determinism and keys", () => {
  it("yields the same posts for the same seed and different posts for another seed", () => {
    const a = JSON.stringify(take({ seed: 7, count: 300, dirty: 0.1, duplicates: 0.1 }));
    const b = JSON.stringify(take({ seed: 7, count: 300, dirty: 0.1, duplicates: 0.1 }));
    const c = JSON.stringify(take({ seed: 8, count: 300, dirty: 0.1, duplicates: 0.1 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("yields exactly count posts whose three records share one ind, consecutive from startInd", () => {
    const posts = take({ seed: 1, count: 500, startInd: 1000 });
    expect(posts).toHaveLength(500);
    posts.forEach((post, i) => {
      expect(post.pin.index).toBe(1000 + i);
      expect(post.geo.ind).toBe(1000 + i);
      expect(post.user.ind).toBe(1000 + i);
    });
  });

  it("gives a post the same content whatever startInd, count, dirty or duplicates are", () => {
    const withoutInd = (post: GeneratedPost): unknown => ({
      pin: { ...post.pin, index: 0 },
      geo: { ...post.geo, ind: 0 },
      user: { ...post.user, ind: 0 },
    });
    const base = take({ seed: 3, count: 400 });
    const shifted = take({ seed: 3, count: 50, startInd: 999 });
    expect(shifted.map(withoutInd)).toEqual(base.slice(0, 50).map(withoutInd));

    const noisy = take({ seed: 3, count: 400, dirty: 0.3, duplicates: 0.3 });
    for (const post of noisy.filter((p) => p.duplicate === undefined && p.defect === undefined)) {
      expect(post).toEqual(base[post.pin.index]);
    }
  });

  it("produces unique uuid v4 unique_ids", () => {
    const posts = take({ seed: 2, count: 5000 });
    const ids = posts.map((p) => p.pin.unique_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("generatePosts: clean posts (dirty = 0)", () => {
  const posts = take({ seed: 11, count: 20_000 });

  it("satisfy the raw schemas and the strict real-data oracle", () => {
    const sample = posts.slice(0, 4000);
    expect(sample.filter((p) => !RawPinSchema.safeParse(p.pin).success)).toEqual([]);
    expect(sample.filter((p) => !RawGeoSchema.safeParse(p.geo).success)).toEqual([]);
    expect(sample.filter((p) => !RawUserSchema.safeParse(p.user).success)).toEqual([]);
    expect(sample.filter((p) => !isStrictlyValidPost(p))).toEqual([]);
    expect(posts.some((p) => p.defect !== undefined || p.duplicate !== undefined)).toBe(false);
  });

  it("have the configured category shares and a matching save_location", () => {
    const total = sumOf(Object.values(CATEGORY_WEIGHTS));
    for (const [category, weight] of Object.entries(CATEGORY_WEIGHTS)) {
      expect(Math.abs(share(posts, (p) => p.pin.category === category) - weight / total)).toBeLessThan(0.01);
    }
    expect(posts.filter((p) => p.pin.save_location !== `Local save in /data/${p.pin.category}`)).toEqual([]);
  });

  it("write follower counts in the real forms and shares", () => {
    const uie = RAW_DATA_CALIBRATION.userInfoErrorRowRate;
    const forms = RAW_DATA_CALIBRATION.followerFormWeights;
    const formTotal = forms.digits + forms.thousands + forms.millions;
    const fc = (p: GeneratedPost): string => p.pin.follower_count as string;
    expect(Math.abs(share(posts, (p) => fc(p) === "User Info Error") - uie)).toBeLessThan(0.003);
    const expectForm = (pattern: RegExp, weight: number): void => {
      expect(
        Math.abs(share(posts, (p) => pattern.test(fc(p))) - (1 - uie) * (weight / formTotal)),
      ).toBeLessThan(0.05);
    };
    expectForm(/^\d+$/, forms.digits);
    expectForm(/^\d+k$/, forms.thousands);
    expectForm(/^\d+M$/, forms.millions);
    const outOfRange = posts.map(fc).filter((value) => {
      const n = Number.parseInt(value, 10);
      return value.endsWith("M") ? n > 15 : n >= 1000;
    });
    expect(outOfRange).toEqual([]);
  });

  it("make error rows entirely of placeholders, at the measured rate", () => {
    const errorRows = posts.filter((p) => p.pin.poster_name === RAW_PLACEHOLDERS.posterName);
    expect(
      Math.abs(errorRows.length / posts.length - RAW_DATA_CALIBRATION.userInfoErrorRowRate),
    ).toBeLessThan(0.003);
    for (const { pin } of errorRows) {
      expect(pin.title).toBe(RAW_PLACEHOLDERS.title);
      expect(pin.follower_count).toBe(RAW_PLACEHOLDERS.followerCount);
      expect(pin.tag_list).toBe(RAW_PLACEHOLDERS.tagList);
      expect(pin.image_src).toBe(RAW_PLACEHOLDERS.imageSrc);
      expect(pin.is_image_or_video).toBe(MEDIA_TYPES.story);
    }
  });

  it("have the measured media type, description, tag and image placeholder rates", () => {
    const c = RAW_DATA_CALIBRATION;
    const uie = c.userInfoErrorRowRate;
    const m = c.mediaTypeWeights;
    const mTotal = m.image + m.video + m.story;
    const storyRate = uie + (1 - uie) * (m.story / mTotal);
    const near = (actual: number, expected: number, tolerance: number): void => {
      expect(Math.abs(actual - expected)).toBeLessThan(tolerance);
    };
    near(
      share(posts, (p) => p.pin.is_image_or_video === MEDIA_TYPES.story),
      storyRate,
      0.006,
    );
    near(
      share(posts, (p) => p.pin.is_image_or_video === MEDIA_TYPES.video),
      (1 - uie) * (m.video / mTotal),
      0.004,
    );
    // Stories always carry the story description placeholder, and only they do.
    const storyMismatch = posts.filter(
      ({ pin }) =>
        (pin.is_image_or_video === MEDIA_TYPES.story) !==
        (pin.description === RAW_PLACEHOLDERS.descriptionStory),
    );
    expect(storyMismatch).toEqual([]);
    near(
      share(posts, (p) => p.pin.description === RAW_PLACEHOLDERS.description),
      (1 - storyRate) * c.descriptionUnavailableRate,
      0.004,
    );
    near(
      share(posts, (p) => p.pin.tag_list === RAW_PLACEHOLDERS.tagList),
      uie + (1 - uie) * c.tagListPlaceholderRate,
      0.003,
    );
    near(
      share(posts, (p) => p.pin.image_src === RAW_PLACEHOLDERS.imageSrc),
      uie + (storyRate - uie) * c.storyImageErrorRate,
      0.005,
    );
    near(
      share(posts, (p) => p.pin.downloaded === null),
      c.downloadedNullRate,
      0.012,
    );
    const downloadedMismatch = posts.filter(
      ({ pin }) =>
        pin.downloaded !== null && pin.downloaded !== (pin.image_src === RAW_PLACEHOLDERS.imageSrc ? 0 : 1),
    );
    expect(downloadedMismatch).toEqual([]);
  });

  it("use pinimg image URLs and real-looking descriptions and tags", () => {
    for (const { pin } of posts) {
      if (pin.image_src === RAW_PLACEHOLDERS.imageSrc) continue;
      if (pin.is_image_or_video === MEDIA_TYPES.image) {
        const match =
          /^https:\/\/i\.pinimg\.com\/originals\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{32})\.(jpg|png|webp|gif)$/.exec(
            pin.image_src as string,
          );
        expect(match).not.toBeNull();
        expect(match![4]!.startsWith(match![1]! + match![2]! + match![3]!)).toBe(true);
      } else {
        expect(pin.image_src).toMatch(
          /^https:\/\/i\.pinimg\.com\/videos\/thumbnails\/originals\/[0-9a-f/]+\.0000001\.jpg$/,
        );
      }
    }
    const texts = posts
      .map((p) => p.pin.description as string)
      .filter((d) => !Object.values(RAW_PLACEHOLDERS).includes(d as never));
    const lengths = texts.map((d) => d.length).sort((a, b) => a - b);
    expect(lengths[lengths.length - 1]).toBeLessThanOrEqual(180);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeGreaterThan(100);
    const cut = texts.filter((d) => d.endsWith("…\u00a0")).length / texts.length;
    expect(Math.abs(cut - RAW_DATA_CALIBRATION.descriptionTruncatedRate)).toBeLessThan(0.02);
    const tagCounts = posts
      .filter((p) => p.pin.tag_list !== RAW_PLACEHOLDERS.tagList)
      .map((p) => (p.pin.tag_list as string).split(",").length);
    expect(share(posts, (p) => (p.pin.tag_list as string).split(",").length === 9)).toBeGreaterThan(0.9);
    expect(Math.min(...tagCounts)).toBeGreaterThanOrEqual(3);
  });

  it("draw users aged 20–60 with the measured shape, joined 2015–2017, posting 2017–2022 after joining", () => {
    const ages = RAW_DATA_CALIBRATION.ageWeights;
    const ageTotal = sumOf(ages);
    const outside = posts.filter(
      ({ user, geo }) =>
        user.age < 20 ||
        user.age > 60 ||
        !/^201[5-7]$/.test(user.date_joined.slice(0, 4)) ||
        !/^20(1[7-9]|2[0-2])$/.test(geo.timestamp.slice(0, 4)) ||
        geo.timestamp <= user.date_joined,
    );
    expect(outside).toEqual([]);
    expect(new Set(posts.map((p) => p.user.age)).size).toBe(41);
    // Users repeat (the pool is skewed), so the 20-year-olds' share is checked loosely.
    expect(Math.abs(share(posts, (p) => p.user.age === 20) - ages[0]! / ageTotal)).toBeLessThan(0.06);
    expect(share(posts, (p) => p.user.age <= 30)).toBeGreaterThan(share(posts, (p) => p.user.age > 50));
    const years = RAW_DATA_CALIBRATION.joinedYearWeights;
    const yearTotal = years[2015]! + years[2016]! + years[2017]!;
    expect(
      Math.abs(share(posts, (p) => p.user.date_joined.startsWith("2017")) - years[2017]! / yearTotal),
    ).toBeLessThan(0.06);
  });

  it("repeat users with a stable identity and home location, over a skewed list of ~200+ countries", () => {
    const byUser = new Map<string, Set<string>>();
    for (const { user, geo } of posts) {
      const key = `${user.first_name}|${user.last_name}|${user.age}|${user.date_joined}`;
      const places = byUser.get(key) ?? new Set<string>();
      places.add(`${geo.latitude},${geo.longitude},${geo.country}`);
      byUser.set(key, places);
    }
    expect(byUser.size).toBeLessThan(posts.length * 0.9);
    expect([...byUser.values()].every((places) => places.size === 1)).toBe(true);
    const countries = new Map<string, number>();
    for (const { geo } of posts) countries.set(geo.country, (countries.get(geo.country) ?? 0) + 1);
    expect(countries.size).toBeGreaterThan(200);
    const top = Math.max(...countries.values()) / posts.length;
    expect(top).toBeGreaterThan(0.02);
    expect(top).toBeLessThan(0.12);
    expect(posts.filter(({ geo }) => Math.abs(geo.latitude) > 90 || Math.abs(geo.longitude) > 180)).toEqual(
      [],
    );
  });

  it("draw posters with Zipf-like popularity and (almost always) one follower count per name", () => {
    const counts = new Map<string, Set<unknown>>();
    for (const { pin } of posts) {
      if (pin.poster_name === RAW_PLACEHOLDERS.posterName) continue;
      const set = counts.get(pin.poster_name as string) ?? new Set();
      set.add(pin.follower_count);
      counts.set(pin.poster_name as string, set);
    }
    const perName = [
      ...posts.reduce((m, p) => m.set(p.pin.poster_name, (m.get(p.pin.poster_name) ?? 0) + 1), new Map()),
    ];
    const busiest = Math.max(...perName.map(([, n]) => n as number)) / posts.length;
    expect(busiest).toBeGreaterThan(0.01);
    expect(busiest).toBeLessThan(0.08);
    // Different pool posters can compose the same name; that must stay rare.
    expect([...counts.values()].filter((s) => s.size > 1).length / counts.size).toBeLessThan(0.1);
  });
});

describe("generatePosts: invalid options", () => {
  it.each([
    [{ seed: 1.5, count: 1 }, /seed/],
    [{ seed: Number.NaN, count: 1 }, /seed/],
    [{ seed: 1, count: -1 }, /count/],
    [{ seed: 1, count: 2.5 }, /count/],
    [{ seed: 1, count: 1, startInd: -1 }, /startInd/],
    [{ seed: 1, count: 1, dirty: 1.01 }, /dirty/],
    [{ seed: 1, count: 1, dirty: -0.1 }, /dirty/],
    [{ seed: 1, count: 1, dirty: Number.NaN }, /dirty/],
    [{ seed: 1, count: 1, duplicates: 2 }, /duplicates/],
    [{ seed: 1, count: 1, userPoolSize: 0 }, /userPoolSize/],
    [{ seed: 1, count: 1, posterPoolSize: 1.5 }, /posterPoolSize/],
  ])("rejects %o at the call, naming the option", (options, message) => {
    expect(() => generatePosts(options)).toThrow(RangeError);
    expect(() => generatePosts(options)).toThrow(message);
  });

  it("rejects a string count passed from untyped callers", () => {
    expect(() => generatePosts({ seed: 1, count: "10" as unknown as number })).toThrow(/count/);
  });

  it("accepts count 0 and the rate bounds 0 and 1", () => {
    expect(take({ seed: 1, count: 0 })).toEqual([]);
    expect(take({ seed: 1, count: 10, dirty: 1, duplicates: 0 }).every((p) => p.defect !== undefined)).toBe(
      true,
    );
  });
});
