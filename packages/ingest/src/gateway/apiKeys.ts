import { createHash, timingSafeEqual } from "node:crypto";
import { IngestInputError } from "../kafkaConnect/ingestInputError";

/**
 * The API keys a gateway accepts, each with a name that logs and rate limits use instead of the key.
 *
 * @example
 * const keys: ApiKeyRing = parseApiKeys("producers 0123456789abcdefghij");
 * keys.match("0123456789abcdefghij"); // "producers"
 */
export interface ApiKeyRing {
  /** How many keys the ring holds. */
  readonly size: number;
  /** The name of the key `presented`, or `null` when it is none of them (or absent). */
  match(presented: string | undefined): string | null;
}

// API Gateway's own rule for key values: 20 to 128 printable ASCII characters.
const KEY = /^[\x21-\x7e]{20,128}$/;
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();

/**
 * Reads an API keys file: one key a line, as `<name> <key>` or a bare `<key>` (named `key-<line>`);
 * blank lines and lines starting with `#` are skipped. Keys are 20 to 128 printable ASCII
 * characters without spaces, as API Gateway's. Keys are compared by their SHA-256 in constant time, so
 * neither the comparison's duration nor an error message gives a key away.
 *
 * @throws {IngestInputError} naming the line (never the key) for a malformed line, a duplicate name
 * or key, or a file without keys.
 * @example
 * const ring = parseApiKeys("# producers\nbatch abcdefghijklmnopqrstuvwxyz\nstreaming ZYXWVUTSRQPONMLKJIHGFEDCBA\n");
 * ring.match("ZYXWVUTSRQPONMLKJIHGFEDCBA"); // "streaming"
 * ring.match("wrong"); // null
 */
export function parseApiKeys(text: string): ApiKeyRing {
  const entries: { name: string; hash: Buffer }[] = [];
  const fail = (line: number, reason: string): never => {
    throw new IngestInputError("parseApiKeys", `line ${line}: ${reason}`);
  };
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    if (fields.length > 2) fail(index + 1, "expected '<name> <key>' or '<key>'");
    const key = fields.at(-1)!;
    const name = fields.length === 2 ? fields[0]! : `key-${index + 1}`;
    if (!NAME.test(name)) fail(index + 1, "the name must be 1 to 64 of A-Z a-z 0-9 . _ -");
    if (!KEY.test(key)) fail(index + 1, "the key must be 20 to 128 printable ASCII characters");
    const hash = digest(key);
    if (entries.some((entry) => entry.name === name)) fail(index + 1, `the name ${name} is used twice`);
    if (entries.some((entry) => entry.hash.equals(hash))) fail(index + 1, "the key is listed twice");
    entries.push({ name, hash });
  }
  if (entries.length === 0) throw new IngestInputError("parseApiKeys", "the file holds no key");
  return {
    size: entries.length,
    match(presented) {
      if (typeof presented !== "string" || presented === "") return null;
      const hash = digest(presented);
      let found: string | null = null;
      // Every entry is compared, so the time taken does not depend on which one matches.
      for (const entry of entries) if (timingSafeEqual(entry.hash, hash)) found = entry.name;
      return found;
    },
  };
}
