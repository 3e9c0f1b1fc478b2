import type { ColumnValues, ParquetColumn } from "../src/index";

/**
 * The 11 columns of a clean pin, as the batch job writes them.
 *
 * @example
 * new ParquetFileWriter(PIN_COLUMNS, { createdBy: "bench" });
 */
export const PIN_COLUMNS: readonly ParquetColumn[] = [
  { name: "ind", type: "int64", required: true },
  { name: "unique_id", type: "utf8" },
  { name: "title", type: "utf8" },
  { name: "description", type: "utf8" },
  { name: "poster_name", type: "utf8", dictionary: true },
  { name: "tag_list", type: "utf8" },
  { name: "is_image_or_video", type: "utf8", dictionary: true },
  { name: "image_src", type: "utf8" },
  { name: "save_location", type: "utf8", dictionary: true },
  { name: "category", type: "utf8", dictionary: true },
  { name: "follower_count", type: "int64" },
];

const WORDS = (
  "art painting watercolor easy diy crafts kids summer winter christmas tree decor home living room " +
  "ideas tattoo small quotes inspirational life love travel europe beach budget finance saving money " +
  "men fashion style outfit casual vintage car classic beauty makeup skin care hair event planning"
).split(" ");
const CATEGORIES = ["art", "beauty", "christmas", "diy-and-crafts", "education", "event-planning", "finance"];
const POSTERS = Array.from({ length: 5000 }, (_, i) => `Poster ${i} ${WORDS[i % WORDS.length]}`);

/** xorshift32, so every run benchmarks the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

/** Builds one utf8 column by appending encoded strings into a growing buffer. */
class Utf8ColumnBuilder {
  private bytes = new Uint8Array(1 << 20);
  private length = 0;
  private readonly offsets: Int32Array;
  private readonly valid: Uint8Array;
  private row = 0;
  private readonly encoder = new TextEncoder();

  constructor(rows: number) {
    this.offsets = new Int32Array(rows + 1);
    this.valid = new Uint8Array(rows);
  }

  push(value: string | null): void {
    if (value !== null) {
      if (this.length + value.length * 3 > this.bytes.length) {
        const grown = new Uint8Array(this.bytes.length * 2 + value.length * 3);
        grown.set(this.bytes.subarray(0, this.length));
        this.bytes = grown;
      }
      this.length += this.encoder.encodeInto(value, this.bytes.subarray(this.length)).written;
      this.valid[this.row] = 1;
    }
    this.offsets[++this.row] = this.length;
  }

  build(): ColumnValues {
    return {
      kind: "utf8",
      offsets: this.offsets,
      bytes: this.bytes.subarray(0, this.length),
      valid: this.valid,
    };
  }
}

/**
 * Deterministic pin-like column values: `rows` rows of the {@link PIN_COLUMNS} schema, with a
 * few nulls per column, plus their raw size in bytes (string bytes + 8 per number).
 *
 * @example
 * const { values, rawBytes } = makePinColumns(1_000_000, 42);
 */
export function makePinColumns(rows: number, seed: number): { values: ColumnValues[]; rawBytes: number } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const words = (count: number) => {
    let text = pick(WORDS);
    for (let i = 1; i < count; i++) text += ` ${pick(WORDS)}`;
    return text;
  };
  const hex = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += "0123456789abcdef"[Math.floor(next() * 16)];
    return s;
  };
  const ind = new Float64Array(rows);
  const followers = new Float64Array(rows);
  const builders = Array.from({ length: 9 }, () => new Utf8ColumnBuilder(rows));
  for (let row = 0; row < rows; row++) {
    ind[row] = row * 3 + 1;
    const category = pick(CATEGORIES);
    const strings = [
      `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      next() < 0.05 ? null : words(3 + Math.floor(next() * 6)),
      next() < 0.05 ? null : words(15 + Math.floor(next() * 25)),
      next() < 0.02 ? null : pick(POSTERS),
      next() < 0.05 ? null : words(4 + Math.floor(next() * 6)).replaceAll(" ", ","),
      next() < 0.9 ? "image" : "video",
      `https://i.pinimg.com/originals/${hex(2)}/${hex(2)}/${hex(2)}/${hex(32)}.jpg`,
      `/data/${category}`,
      category,
    ];
    strings.forEach((value, i) => {
      builders[i]!.push(value);
    });
    followers[row] = next() < 0.03 ? Number.NaN : Math.floor(next() * next() * 5_000_000);
  }
  const utf8 = builders.map((b) => b.build());
  let rawBytes = rows * 16;
  for (const column of utf8) if (column.kind === "utf8") rawBytes += column.bytes.length;
  return {
    values: [{ kind: "numbers", values: ind }, ...utf8, { kind: "numbers", values: followers }],
    rawBytes,
  };
}
