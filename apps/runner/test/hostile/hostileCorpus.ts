import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { aggregate } from "@pinpipe/ingest";

/**
 * Families of hostile record bodies, so tests can state what each family must do.
 *
 * @example
 * const family: HostileFamily = "invalid-utf8";
 */
export type HostileFamily =
  | "malformed-json"
  | "truncated-json"
  | "wrong-type"
  | "huge"
  | "deep-nesting"
  | "invalid-utf8"
  | "nul-bytes"
  | "prototype-keys"
  | "big-numbers";

/**
 * One hostile record body: the bytes a producer could put on one NDJSON line, in one Kinesis record
 * or as one REST record value. Bodies never contain a newline.
 *
 * @example
 * const body: HostileBody = { name: "trailing comma", family: "malformed-json", bytes: Buffer.from('{"index":1,}'), json: "invalid" };
 */
export interface HostileBody {
  readonly name: string;
  readonly family: HostileFamily;
  readonly bytes: Buffer;
  /**
   * What the bytes are as JSON text: `invalid` (not UTF-8 JSON), `not-object` (JSON, but not an
   * object), `object` (a JSON object, maybe with hostile keys, deep nesting or non-finite numbers).
   */
  readonly json: "invalid" | "not-object" | "object";
  /**
   * A JSON object that a strict record decoder must still refuse: nested deeper than 64 levels, a
   * `__proto__` key at any depth, or a number that is not finite once parsed.
   */
  readonly strictReject?: true;
}

/**
 * Sizes of the generated bodies: the fast suite keeps them small, the reliability suite scales them up.
 *
 * @example
 * hostileBodies({ hugeBytes: 64 * 1024 * 1024, depth: 100_000 });
 */
export interface HostileSizes {
  /** Length of the enormous string values (default 1 MiB). */
  readonly hugeBytes?: number;
  /** Nesting depth of the deep bodies (default 100,000). */
  readonly depth?: number;
  /** Keys of the widest object and elements of the longest array (default 100,000). */
  readonly items?: number;
}

const ascii = (text: string): Buffer => Buffer.from(text, "latin1");
const utf8 = (text: string): Buffer => Buffer.from(text, "utf8");

/** A valid raw pin as producers send it, cut at several places below. */
const SAMPLE_PIN =
  '{"index":7528,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","title":"No Title Data Available",' +
  '"description":"No description available Story format","poster_name":"User Info Error",' +
  '"follower_count":"User Info Error","tag_list":"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",' +
  '"is_image_or_video":"multi-video(story page format)","image_src":"Image src error.",' +
  '"downloaded":0,"save_location":"Local save in /data/mens-fashion","category":"mens-fashion"}';

/**
 * The hostile record bodies: malformed and truncated JSON, wrong types, enormous strings, deep nesting
 * (`depth` levels), invalid UTF-8, NUL bytes, prototype keys and numbers beyond what a double holds.
 * Deterministic: the same sizes give the same bytes.
 *
 * @example
 * for (const body of hostileBodies()) console.log(body.family, body.name, body.bytes.length);
 */
export function hostileBodies(sizes: HostileSizes = {}): HostileBody[] {
  const huge = sizes.hugeBytes ?? 1024 * 1024;
  const items = sizes.items ?? 100_000;
  const depth = sizes.depth ?? 100_000;
  const body = (
    name: string,
    family: HostileFamily,
    bytes: Buffer,
    json: HostileBody["json"],
    strictReject = false,
  ): HostileBody => ({ name, family, bytes, json, ...(strictReject ? { strictReject: true as const } : {}) });
  return [
    body("unclosed object", "malformed-json", ascii('{"index":1,'), "invalid"),
    body("unterminated string", "malformed-json", ascii('{"index":1,"title":"never closed'), "invalid"),
    body("unquoted keys", "malformed-json", ascii("{index:1}"), "invalid"),
    body("single quotes", "malformed-json", ascii("{'index':1}"), "invalid"),
    body("trailing comma", "malformed-json", ascii('{"index":1,}'), "invalid"),
    body("extra closing brace", "malformed-json", ascii('{"index":1}}'), "invalid"),
    body("two objects on one line", "malformed-json", ascii('{"index":1}{"index":2}'), "invalid"),
    body("leading zero", "malformed-json", ascii('{"index":01}'), "invalid"),
    body("NaN literal", "malformed-json", ascii('{"index":NaN}'), "invalid"),
    body("Infinity literal", "malformed-json", ascii('{"index":Infinity}'), "invalid"),
    body("lone colon", "malformed-json", ascii(":"), "invalid"),
    body("undefined literal", "malformed-json", ascii("undefined"), "invalid"),
    body("JavaScript, not JSON", "malformed-json", ascii("(function(){return 1})()"), "invalid"),
    ...[0.25, 0.5, 0.9].map((share) =>
      body(
        `pin cut at ${share * 100}%`,
        "truncated-json",
        ascii(SAMPLE_PIN.slice(0, Math.floor(SAMPLE_PIN.length * share))),
        "invalid",
      ),
    ),
    body("pin missing its last byte", "truncated-json", ascii(SAMPLE_PIN.slice(0, -1)), "invalid"),
    body("array", "wrong-type", ascii("[1,2,3]"), "not-object"),
    body("string", "wrong-type", ascii('"just a string"'), "not-object"),
    body("number", "wrong-type", ascii("42"), "not-object"),
    body("true", "wrong-type", ascii("true"), "not-object"),
    body("null", "wrong-type", ascii("null"), "not-object"),
    body(
      "every field the wrong type",
      "wrong-type",
      ascii(
        '{"index":"abc","title":123,"follower_count":{"k":1},"tag_list":[1,2],"downloaded":"yes","category":null}',
      ),
      "object",
    ),
    body("negative index", "wrong-type", ascii('{"index":-1,"title":"t"}'), "object"),
    body("fractional index", "wrong-type", ascii('{"index":1.5,"title":"t"}'), "object"),
    body("index as an array", "wrong-type", ascii('{"index":[1],"title":"t"}'), "object"),
    body("empty object", "wrong-type", ascii("{}"), "object"),
    body("enormous title", "huge", ascii(`{"index":11,"title":"${"a".repeat(huge)}"}`), "object"),
    body(
      "enormous follower count digits",
      "huge",
      ascii(`{"index":12,"follower_count":"${"9".repeat(huge)}k"}`),
      "object",
    ),
    body("enormous key", "huge", ascii(`{"${"k".repeat(huge)}":1,"index":13}`), "object"),
    body(
      "very wide object",
      "huge",
      ascii(`{${Array.from({ length: items }, (_, i) => `"k${i}":${i}`).join(",")},"index":14}`),
      "object",
    ),
    body("very long array", "huge", ascii(`{"index":15,"tag_list":[${"0,".repeat(items)}0]}`), "object"),
    body("unclosed brackets", "deep-nesting", ascii("[".repeat(depth)), "invalid"),
    body("deep array", "deep-nesting", ascii(`${"[".repeat(depth)}${"]".repeat(depth)}`), "not-object"),
    body(
      "deep object",
      "deep-nesting",
      ascii(`{"index":21,"a":${'{"a":'.repeat(depth)}1${"}".repeat(depth + 1)}`),
      "object",
      true,
    ),
    body(
      "deep object without a key",
      "deep-nesting",
      ascii(`{"title":${'{"a":'.repeat(depth)}1${"}".repeat(depth + 1)}`),
      "object",
      true,
    ),
    body(
      "lone continuation byte",
      "invalid-utf8",
      Buffer.concat([ascii('{"index":31,"title":"'), Buffer.from([0x80]), ascii('"}')]),
      "invalid",
    ),
    body(
      "0xff 0xfe",
      "invalid-utf8",
      Buffer.concat([ascii('{"index":32,"title":"'), Buffer.from([0xff, 0xfe]), ascii('"}')]),
      "invalid",
    ),
    body(
      "overlong slash",
      "invalid-utf8",
      Buffer.concat([ascii('{"index":33,"title":"'), Buffer.from([0xc0, 0xaf]), ascii('"}')]),
      "invalid",
    ),
    body(
      "encoded surrogate",
      "invalid-utf8",
      Buffer.concat([ascii('{"index":34,"title":"'), Buffer.from([0xed, 0xa0, 0x80]), ascii('"}')]),
      "invalid",
    ),
    body(
      "code point past U+10FFFF",
      "invalid-utf8",
      Buffer.concat([ascii('{"index":35,"title":"'), Buffer.from([0xf4, 0x90, 0x80, 0x80]), ascii('"}')]),
      "invalid",
    ),
    body(
      "cut multi-byte sequence at the end",
      "invalid-utf8",
      Buffer.concat([ascii('{"index":36,"title":"x"}'), Buffer.from([0xe2, 0x82])]),
      "invalid",
    ),
    body("raw NUL inside a string", "nul-bytes", ascii('{"index":41,"title":"a\u0000b"}'), "invalid"),
    body("NUL after the object", "nul-bytes", ascii('{"index":42}\u0000'), "invalid"),
    body("only NULs", "nul-bytes", Buffer.alloc(64), "invalid"),
    body("escaped NUL", "nul-bytes", ascii('{"index":43,"title":"a\\u0000b"}'), "object"),
    body(
      "__proto__ key",
      "prototype-keys",
      ascii('{"__proto__":{"polluted":"yes"},"index":51}'),
      "object",
      true,
    ),
    body(
      "constructor.prototype",
      "prototype-keys",
      ascii('{"constructor":{"prototype":{"polluted":"yes"}},"index":52}'),
      "object",
    ),
    body("prototype key", "prototype-keys", ascii('{"prototype":{"polluted":"yes"},"index":53}'), "object"),
    body(
      "nested __proto__",
      "prototype-keys",
      ascii('{"index":54,"title":{"__proto__":{"polluted":"yes"}}}'),
      "object",
      true,
    ),
    body(
      "Object.prototype method names",
      "prototype-keys",
      ascii('{"index":55,"hasOwnProperty":1,"toString":"x","valueOf":2}'),
      "object",
    ),
    body("index 2^53 + 1", "big-numbers", ascii('{"index":9007199254740993,"title":"t"}'), "object"),
    body(
      "index 1e400 (parses to Infinity)",
      "big-numbers",
      ascii('{"index":1e400,"title":"t"}'),
      "object",
      true,
    ),
    body(
      "follower count -1e400",
      "big-numbers",
      ascii('{"index":61,"follower_count":-1e400}'),
      "object",
      true,
    ),
    body("thirty-digit index", "big-numbers", ascii('{"index":123456789012345678901234567890}'), "object"),
    body("index -0", "big-numbers", ascii('{"index":-0,"title":"t"}'), "object"),
    body("index 1e-400", "big-numbers", ascii('{"index":1e-400,"title":"t"}'), "object"),
    body("non-ASCII but valid", "wrong-type", utf8('{"index":62,"title":"Ünïcödé 🎉 \\ud83d"}'), "object"),
  ];
}

/**
 * Whether anything has polluted `Object.prototype` (the `polluted` key the prototype bodies try to plant).
 *
 * @example
 * expect(prototypePolluted()).toBe(false);
 */
export function prototypePolluted(): boolean {
  const probe: Record<string, unknown> = {};
  return probe.polluted !== undefined || Object.hasOwn(Object.prototype, "polluted");
}

/**
 * A Kinesis record's data that claims to be a KPL aggregate (starts with the magic bytes) but must be
 * refused whole.
 *
 * @example
 * const bad: HostileAggregate = { name: "wrong MD5", data: new Uint8Array([0xf3, 0x89, 0x9a, 0xc2]) };
 */
export interface HostileAggregate {
  readonly name: string;
  readonly data: Uint8Array;
}

const MAGIC = Buffer.from([0xf3, 0x89, 0x9a, 0xc2]);
const md5 = (bytes: Uint8Array): Buffer => createHash("md5").update(bytes).digest();
/** A protobuf body with a correct MD5: an attacker can always compute it, so it proves nothing. */
const sealed = (body: Uint8Array): Uint8Array => Buffer.concat([MAGIC, body, md5(body)]);
const varint = (value: bigint): Buffer => {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return Buffer.from(bytes);
};
/** Field `field` with wire type 2 and `payload` (its length as given, true or not). */
const lengthField = (field: number, payload: Uint8Array, claimedLength = BigInt(payload.length)): Buffer =>
  Buffer.concat([varint(BigInt((field << 3) | 2)), varint(claimedLength), payload]);
const varintField = (field: number, value: bigint): Buffer =>
  Buffer.concat([varint(BigInt(field << 3)), varint(value)]);

/**
 * KPL aggregates that lie: wrong MD5, lengths past the end (up to 2^63), over-long varints, key indices
 * outside their tables, missing required fields, invalid UTF-8 keys, truncation and wrong wire types.
 *
 * @example
 * for (const { name, data } of hostileAggregates()) expect(deaggregate({ Data: data }).ok).toBe(false);
 */
export function hostileAggregates(): HostileAggregate[] {
  const userData = Buffer.from('{"index":1}');
  const [valid] = aggregate([
    { partitionKey: "a", data: userData },
    { partitionKey: "b", data: userData },
  ]);
  const good = Buffer.from(valid!.Data);
  const record = (fields: Buffer[]): Buffer => lengthField(3, Buffer.concat(fields));
  const keyTable = lengthField(1, Buffer.from("a"));
  const flipped = Buffer.from(good);
  flipped[flipped.length - 1]! ^= 0xff;
  const bodyFlipped = Buffer.from(good);
  bodyFlipped[MAGIC.length + 2]! ^= 0x01;
  return [
    { name: "wrong MD5", data: flipped },
    { name: "body changed under the MD5", data: bodyFlipped },
    { name: "cut in the middle", data: good.subarray(0, Math.floor(good.length / 2)) },
    { name: "only the magic bytes", data: MAGIC },
    { name: "magic and a digest of nothing", data: sealed(Buffer.alloc(0)).subarray(0, MAGIC.length + 15) },
    { name: "key table length 1000 with 1 byte left", data: sealed(lengthField(1, Buffer.from("a"), 1000n)) },
    {
      name: "record length 2^63",
      data: sealed(Buffer.concat([keyTable, lengthField(3, Buffer.from([0x08, 0x00]), 2n ** 63n)])),
    },
    {
      name: "eleven-byte varint",
      data: sealed(Buffer.concat([Buffer.from([0x08]), Buffer.alloc(10, 0xff), Buffer.from([0x01])])),
    },
    {
      name: "partition key index 2^53",
      data: sealed(Buffer.concat([keyTable, record([varintField(1, 2n ** 53n), lengthField(3, userData)])])),
    },
    {
      name: "partition key index past the table",
      data: sealed(Buffer.concat([keyTable, record([varintField(1, 5n), lengthField(3, userData)])])),
    },
    { name: "record without data", data: sealed(Buffer.concat([keyTable, record([varintField(1, 0n)])])) },
    {
      name: "record without partition key index",
      data: sealed(Buffer.concat([keyTable, record([lengthField(3, userData)])])),
    },
    {
      name: "partition key not UTF-8",
      data: sealed(
        Buffer.concat([
          lengthField(1, Buffer.from([0xff])),
          record([varintField(1, 0n), lengthField(3, userData)]),
        ]),
      ),
    },
    {
      name: "data field sent as a varint",
      data: sealed(Buffer.concat([keyTable, record([varintField(1, 0n), varintField(3, 7n)])])),
    },
    { name: "field number 0", data: sealed(Buffer.from([0x00, 0x01])) },
    { name: "wire type 7", data: sealed(Buffer.from([0x0f])) },
  ];
}

/**
 * Object keys and output paths that try to leave their folder or bucket prefix.
 *
 * @example
 * for (const path of hostilePaths()) expect(() => validateOutputPath(path)).toThrow();
 */
export function hostilePaths(): string[] {
  return [
    "..",
    "../escape.json",
    "a/../../escape.json",
    "topics/../../../../tmp/escape.json",
    "/etc/passwd",
    "/tmp/escape.json",
    "./a",
    "a/./b",
    "a//b",
    "a\\..\\..\\escape.json",
    "C:\\escape.json",
    "a/\u0000/b",
    "a/\n/b",
    "",
    `${"x/".repeat(600)}y`,
  ];
}

/**
 * Writes a gzip bomb: `members` copies of one gzip member of `memberBytes` zero bytes (gzip allows
 * members back to back, so gigabytes cost one small compression), each zero run optionally broken by
 * a newline every `lineBytes` bytes. Returns the compressed size.
 *
 * @example
 * writeGzipBomb("/tmp/bomb.json.gz", { memberBytes: 64 << 20, members: 64 }); // ~4 GiB expanded, ~4 MiB on disk
 */
export function writeGzipBomb(
  path: string,
  options: { readonly memberBytes: number; readonly members: number; readonly lineBytes?: number },
): number {
  const plain = Buffer.alloc(options.memberBytes, 0x30);
  if (options.lineBytes !== undefined) {
    for (let at = options.lineBytes; at < plain.length; at += options.lineBytes + 1) plain[at] = 0x0a;
  }
  const member = gzipSync(plain, { level: 9 });
  const fd = openSync(path, "w");
  try {
    for (let i = 0; i < options.members; i++) writeSync(fd, member);
  } finally {
    closeSync(fd);
  }
  return member.length * options.members;
}

/**
 * Writes one NDJSON record whose title is `bytes` long and that has no newline at all, streamed
 * through a 1 MiB buffer so the line never exists as one string. Returns the file size.
 *
 * @example
 * writeLongLine("/tmp/long.ndjson", 100 * 1024 * 1024);
 */
export function writeLongLine(path: string, bytes: number): number {
  const head = Buffer.from('{"index":1,"title":"');
  const tail = Buffer.from('"}');
  const block = Buffer.alloc(1024 * 1024, 0x61);
  const fd = openSync(path, "w");
  try {
    writeSync(fd, head);
    for (let left = bytes; left > 0; left -= block.length) {
      writeSync(fd, left >= block.length ? block : block.subarray(0, left));
    }
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
  return head.length + bytes + tail.length;
}
