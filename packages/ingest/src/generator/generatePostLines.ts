import { type GeneratedPost, type GeneratePostsOptions, generatePosts } from "./generatePosts";

/** One generated post as the three JSON lines producers send (no trailing newline). */
export interface GeneratedPostLines {
  readonly pin: string;
  readonly geo: string;
  readonly user: string;
}

/**
 * {@link generatePosts} serialized: yields each post's pin, geo and user records as JSON text, ready
 * for NDJSON or Kafka Connect file writers. Hostile own keys (`__proto__`, `constructor`) of dirty
 * posts appear as plain keys in the text.
 *
 * @example
 * for (const lines of generatePostLines({ seed: 1, count: 2 })) console.log(JSON.parse(lines.geo).ind); // 0, then 1
 */
export function generatePostLines(
  options: GeneratePostsOptions,
): Generator<GeneratedPostLines, void, undefined> {
  // generatePosts checks the options now; the serializing generator body only runs on iteration.
  return serialize(generatePosts(options));
}

function* serialize(posts: Iterable<GeneratedPost>): Generator<GeneratedPostLines, void, undefined> {
  for (const { pin, geo, user } of posts) {
    yield { pin: JSON.stringify(pin), geo: JSON.stringify(geo), user: JSON.stringify(user) };
  }
}
