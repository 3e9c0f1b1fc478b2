import { type GeneratedPost, generatePosts } from "./generatePosts";

/** The options of {@link embeddedSample}: a small dirty demo set with re-posts. */
export const EMBEDDED_SAMPLE_OPTIONS = { seed: 100, count: 1000, dirty: 0.02, duplicates: 0.05 } as const;

/**
 * A small built-in sample for demos and smoke runs: 1,000 posts from seed 100 with 2 % dirty posts and
 * 5 % re-posts. Needs no data files; returns a fresh array on each call.
 *
 * @example
 * embeddedSample().length; // 1000
 */
export function embeddedSample(): GeneratedPost[] {
  return [...generatePosts(EMBEDDED_SAMPLE_OPTIONS)];
}
