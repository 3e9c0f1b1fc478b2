import { describe, expect, it } from "vitest";
import { type GeneratedPost, generatePostLines, generatePosts, POST_DEFECT_KINDS } from "../../src/index";
import { isStrictlyValidPost } from "./strictRawValidity";

const take = (options: Parameters<typeof generatePosts>[0]): GeneratedPost[] => [...generatePosts(options)];

describe("generatePosts: dirty posts", () => {
  const clean = take({ seed: 21, count: 6000 });
  const dirty = take({ seed: 21, count: 6000, dirty: 0.3 });

  it("injects defects into about the configured share of posts", () => {
    const share = dirty.filter((p) => p.defect !== undefined).length / dirty.length;
    expect(Math.abs(share - 0.3)).toBeLessThan(0.03);
  });

  it("makes exactly the posts reported as defective fail the strict oracle", () => {
    for (const post of dirty) expect(isStrictlyValidPost(post)).toBe(post.defect === undefined);
  });

  it("uses every documented defect kind, each roughly equally often", () => {
    const counts = new Map<string, number>();
    for (const { defect } of dirty) if (defect) counts.set(defect.kind, (counts.get(defect.kind) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...POST_DEFECT_KINDS].sort());
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    for (const count of counts.values())
      expect(Math.abs(count / total - 1 / POST_DEFECT_KINDS.length)).toBeLessThan(0.04);
  });

  it("changes only the reported record of the post and leaves the others as in the clean run", () => {
    dirty.forEach((post, i) => {
      const same = clean[i]!;
      if (post.defect === undefined) {
        expect(post).toEqual(same);
        return;
      }
      for (const table of ["pin", "geo", "user"] as const) {
        if (table !== post.defect.table) expect(post[table]).toEqual(same[table]);
      }
      expect(JSON.stringify(post[post.defect.table])).not.toBe(JSON.stringify(same[post.defect.table]));
    });
  });

  it("writes hostile keys as plain own keys of the JSON line", () => {
    const hostile = dirty.filter((p) => p.defect?.kind === "hostile_key");
    expect(hostile.length).toBeGreaterThan(10);
    for (const post of hostile) {
      const { table, field } = post.defect!;
      const line = JSON.stringify(post[table]);
      expect(line).toContain(`"${field}":{`);
      const parsed = JSON.parse(line) as object;
      expect(Object.hasOwn(parsed, field)).toBe(true);
    }
    // Nothing leaked onto shared prototypes.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("makes unkeyable records: key missing, negative or fractional", () => {
    const unkeyable = dirty.filter((p) => p.defect?.kind === "unkeyable");
    expect(unkeyable.length).toBeGreaterThan(10);
    for (const post of unkeyable) {
      const key = (post[post.defect!.table] as unknown as Record<string, unknown>)[post.defect!.field];
      expect(key === undefined || (typeof key === "number" && (key < 0 || !Number.isInteger(key)))).toBe(
        true,
      );
    }
  });
});

describe("generatePosts: duplicates", () => {
  const posts = take({ seed: 5, count: 5000, duplicates: 0.2, dirty: 0.05 });

  it("re-posts about the configured share as exact copies of a recent post", () => {
    const duplicates = posts.filter((p) => p.duplicate === true);
    expect(Math.abs(duplicates.length / posts.length - 0.2)).toBeLessThan(0.03);
    const originals = new Map<string, GeneratedPost>();
    posts.forEach((post, position) => {
      const { duplicate, ...records } = post;
      if (duplicate === undefined) {
        originals.set(post.pin.unique_id, post);
        return;
      }
      const original = originals.get(post.pin.unique_id);
      expect(original).toBeDefined();
      expect(records).toEqual(original);
      // Only one of the last 64 new posts is re-posted.
      const newSince = posts
        .slice(0, position)
        .filter((p) => p.duplicate === undefined && p.pin.index >= original!.pin.index);
      expect(newSince.length).toBeLessThanOrEqual(64);
    });
  });

  it("keeps new posts' ind consecutive", () => {
    const fresh = posts.filter((p) => p.duplicate === undefined && p.defect?.kind !== "unkeyable");
    const inds = fresh.map((p) => p.user.ind);
    expect(inds.length).toBeGreaterThan(3500);
    for (let i = 1; i < inds.length; i++) expect(inds[i]).toBeGreaterThan(inds[i - 1]!);
  });
});

describe("generatePostLines", () => {
  it("yields the JSON text of exactly the posts generatePosts yields", () => {
    const options = { seed: 4, count: 500, dirty: 0.2, duplicates: 0.1 };
    const lines = [...generatePostLines(options)];
    const posts = take(options);
    expect(lines).toHaveLength(posts.length);
    lines.forEach((line, i) => {
      expect(line.pin).toBe(JSON.stringify(posts[i]!.pin));
      expect(line.geo).toBe(JSON.stringify(posts[i]!.geo));
      expect(line.user).toBe(JSON.stringify(posts[i]!.user));
      expect(line.pin).not.toContain("\n");
    });
  });

  it("checks options at the call", () => {
    expect(() => generatePostLines({ seed: 1, count: -3 })).toThrow(/count/);
  });
});
