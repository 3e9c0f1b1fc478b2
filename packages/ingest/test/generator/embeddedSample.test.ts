import { describe, expect, it } from "vitest";
import { EMBEDDED_SAMPLE_OPTIONS, embeddedSample, generatePosts } from "../../src/index";

describe("embeddedSample", () => {
  it("is the documented 1,000-post dirty sample with re-posts, fresh on every call", () => {
    expect(EMBEDDED_SAMPLE_OPTIONS).toEqual({ seed: 100, count: 1000, dirty: 0.02, duplicates: 0.05 });
    const sample = embeddedSample();
    expect(sample).toHaveLength(1000);
    expect(sample).toEqual([...generatePosts(EMBEDDED_SAMPLE_OPTIONS)]);
    expect(sample.some((p) => p.defect !== undefined)).toBe(true);
    expect(sample.some((p) => p.duplicate === true)).toBe(true);
    const again = embeddedSample();
    expect(again).not.toBe(sample);
    expect(again[0]).not.toBe(sample[0]);
  });
});
