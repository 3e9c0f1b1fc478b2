/**
 * No member with this key was seen. The `VALUE_*` constants are the kinds {@link MemberSpans}
 * records per key.
 *
 * @example
 * spans.kind[slot] === VALUE_ABSENT; // the line has no such member
 */
export const VALUE_ABSENT = 0;
/**
 * A string; `start`/`end` delimit its raw content between the quotes.
 *
 * @example
 * if (spans.kind[slot] === VALUE_STRING) bytes.subarray(spans.start[slot], spans.end[slot]);
 */
export const VALUE_STRING = 1;
/**
 * A number; `start`/`end` delimit its literal.
 *
 * @example
 * if (spans.kind[slot] === VALUE_NUMBER) readJsonNumber(bytes, spans.start[slot], spans.end[slot]);
 */
export const VALUE_NUMBER = 2;
/**
 * `null`.
 *
 * @example
 * spans.kind[slot] === VALUE_NULL; // the member is there, as null
 */
export const VALUE_NULL = 3;
/**
 * `true` or `false`.
 *
 * @example
 * spans.kind[slot] === VALUE_BOOLEAN; // a boolean, a wrong type for every column
 */
export const VALUE_BOOLEAN = 4;

/**
 * Finds the slot of a member key among a fixed list of keys, comparing raw bytes (keys are plain
 * ASCII; a key written with escapes is never matched, the scanner gives up on those).
 *
 * @example
 * const keys = new KeyMatcher(["ind", "country"]);
 * keys.match(new TextEncoder().encode("country"), 0, 7); // 1
 */
export class KeyMatcher {
  /** Number of keys, hence of slots. */
  readonly size: number;
  /** The UTF-8 bytes of each slot's key. */
  readonly keyBytes: readonly Uint8Array[];
  private readonly byLength: (readonly { readonly slot: number; readonly bytes: Uint8Array }[])[] = [];

  constructor(keys: readonly string[]) {
    this.size = keys.length;
    const encoder = new TextEncoder();
    this.keyBytes = keys.map((key) => encoder.encode(key));
    this.keyBytes.forEach((bytes, slot) => {
      this.byLength[bytes.length] = [...(this.byLength[bytes.length] ?? []), { slot, bytes }];
    });
  }

  /** The slot of the key `bytes[start, end)`, or -1 when it is not one of the keys. */
  match(bytes: Uint8Array, start: number, end: number): number {
    if (end - start >= this.byLength.length) return -1;
    const candidates = this.byLength[end - start];
    if (candidates === undefined) return -1;
    for (let c = 0; c < candidates.length; c++) {
      const candidate = candidates[c]!;
      const key = candidate.bytes;
      let i = 0;
      while (i < key.length && key[i] === bytes[start + i]) i++;
      if (i === key.length) return candidate.slot;
    }
    return -1;
  }
}

/**
 * Where each known member of the last scanned object sits in the line: one entry per
 * {@link KeyMatcher} slot. Reused from line to line, so scanning allocates nothing.
 *
 * @example
 * const spans = new MemberSpans(2);
 * spans.kind[0]; // VALUE_ABSENT until a scan fills it
 */
export class MemberSpans {
  /** `VALUE_*` kind per slot. */
  readonly kind: Uint8Array;
  /** First byte of the value (strings: first byte after the opening quote). */
  readonly start: Int32Array;
  /** One past the last byte of the value (strings: the closing quote). */
  readonly end: Int32Array;
  /** 1 when a string value contains escape sequences, so its bytes are not its text. */
  readonly escaped: Uint8Array;
  /**
   * The slot of the n-th member of the previous line (-1: unknown key): lines of one source share
   * their key order, so the scanner first checks whether the next key is the predicted one.
   */
  readonly predicted: Int32Array;

  constructor(size: number) {
    this.kind = new Uint8Array(size);
    this.start = new Int32Array(size);
    this.end = new Int32Array(size);
    this.escaped = new Uint8Array(size);
    this.predicted = new Int32Array(size * 2 + 8).fill(-1);
  }
}

/** JSON white space within one line: a newline ends the line, so it is never skipped. */
function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

function skipWhitespace(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && isWhitespace(bytes[i]!)) i++;
  return i;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** Set by {@link scanString}: whether the string just scanned held an escape. */
let lastStringEscaped = 0;

/**
 * Whether none of the four bytes of `w` is a quote, a backslash or a control character (the bytes
 * that end or interrupt a JSON string), by the SWAR "has a zero / smaller byte" tests, which are
 * exact for presence.
 */
function isPlainWord(w: number): boolean {
  const quote = w ^ 0x22222222;
  const backslash = w ^ 0x5c5c5c5c;
  // `| w` also stops at non-ASCII bytes, whose UTF-8 sequences are checked byte by byte.
  const flags =
    ((quote - 0x01010101) & ~quote) | ((backslash - 0x01010101) & ~backslash) | ((w - 0x20202020) & ~w) | w;
  return (flags & 0x80808080) === 0;
}

/**
 * Length of the well-formed UTF-8 sequence starting with the non-ASCII byte at `i` (2 to 4), or 0
 * when it is malformed (overlong, a surrogate, past U+10FFFF, cut short by `end`).
 */
function utf8SequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const c = bytes[i]!;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) length = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    length = 3;
    if (c === 0xe0) low = 0xa0;
    else if (c === 0xed) high = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    length = 4;
    if (c === 0xf0) low = 0x90;
    else if (c === 0xf4) high = 0x8f;
  } else return 0;
  if (i + length > end) return 0;
  const second = bytes[i + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k]!;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/**
 * Scans string content from `i` (just after the opening quote) and returns the index of the
 * closing quote, or -1 when the string is not valid UTF-8 JSON (unterminated, a raw control
 * character, a malformed escape, malformed UTF-8). `words`, when given, is the same memory viewed as 32-bit words and lets
 * plain stretches be skipped four bytes at a time.
 */
function scanString(bytes: Uint8Array, words: Uint32Array | null, i: number, end: number): number {
  lastStringEscaped = 0;
  while (i < end) {
    if (words !== null && (i & 3) === 0) {
      let word = i >>> 2;
      const lastWord = end >>> 2;
      while (word < lastWord && isPlainWord(words[word]!)) word++;
      i = word << 2;
      if (i >= end) return -1;
    }
    const c = bytes[i]!;
    if (c === 0x22) return i;
    if (c === 0x5c) {
      if (i + 1 >= end) return -1;
      const e = bytes[i + 1]!;
      if (e === 0x75) {
        if (i + 5 >= end) return -1;
        for (let k = i + 2; k < i + 6; k++) if (!isHexDigit(bytes[k]!)) return -1;
        i += 6;
      } else if (
        e === 0x22 ||
        e === 0x5c ||
        e === 0x2f ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      ) {
        i += 2;
      } else {
        return -1;
      }
      lastStringEscaped = 1;
      continue;
    }
    if (c < 0x20) return -1;
    if (c < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(bytes, i, end);
    if (length === 0) return -1;
    i += length;
  }
  return -1;
}

/**
 * When the key starting at `i` is exactly `key` followed by its closing quote, the index of that
 * quote; else -1. (Equal bytes mean the key has no escapes.)
 */
function predictedKeyEnd(bytes: Uint8Array, i: number, end: number, key: Uint8Array): number {
  const length = key.length;
  if (i + length >= end || bytes[i + length] !== 0x22) return -1;
  for (let k = 0; k < length; k++) if (bytes[i + k] !== key[k]) return -1;
  return i + length;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Scans a JSON number literal from `i`; returns the index after it, or -1 when malformed. */
function scanNumber(bytes: Uint8Array, i: number, end: number): number {
  if (bytes[i] === 0x2d) i++;
  if (i >= end) return -1;
  if (bytes[i] === 0x30) i++;
  else if (isDigit(bytes[i]!)) while (i < end && isDigit(bytes[i]!)) i++;
  else return -1;
  if (i < end && bytes[i] === 0x2e) {
    i++;
    if (i >= end || !isDigit(bytes[i]!)) return -1;
    while (i < end && isDigit(bytes[i]!)) i++;
  }
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    if (i < end && (bytes[i] === 0x2b || bytes[i] === 0x2d)) i++;
    if (i >= end || !isDigit(bytes[i]!)) return -1;
    while (i < end && isDigit(bytes[i]!)) i++;
  }
  return i;
}

function matchesLiteral(bytes: Uint8Array, i: number, end: number, literal: readonly number[]): boolean {
  if (i + literal.length > end) return false;
  for (let k = 0; k < literal.length; k++) if (bytes[i + k] !== literal[k]) return false;
  return true;
}

const NULL_BYTES = [0x6e, 0x75, 0x6c, 0x6c];
const TRUE_BYTES = [0x74, 0x72, 0x75, 0x65];
const FALSE_BYTES = [0x66, 0x61, 0x6c, 0x73, 0x65];

/**
 * Scans, from `start`, one UTF-8 JSON object whose member values are all scalars (strings, numbers,
 * `true`, `false`, `null`), followed by white space, filling `spans` for the members whose keys
 * `keys` knows, and returns where it stopped: `end` or a newline (the line's end), or another
 * byte (then the line holds more than the object). The object must be written as `JSON.parse`
 * accepts it, with plain (unescaped) keys and no known key repeated; if the line ends where the
 * scan stopped, `JSON.parse` of the line gives an object whose known members are exactly the
 * spans. Anything else (nested values, escaped or repeated keys, invalid JSON, a newline inside
 * the object) returns -1, and the caller falls back to `JSON.parse`. Unknown members are
 * validated and skipped. Strings never span a newline (a raw control character is invalid), so
 * the scan never runs past the line's end.
 *
 * @example
 * const keys = new KeyMatcher(["ind", "country"]);
 * const spans = new MemberSpans(keys.size);
 * const line = new TextEncoder().encode('{"ind": 7, "country": "Chad", "extra": true}\n{');
 * scanFlatObject(line, 0, line.length, keys, spans); // 44, the index of the newline
 * spans.kind[1] === VALUE_STRING; // true; the country's bytes are line[spans.start[1], spans.end[1])
 */
export function scanFlatObject(
  bytes: Uint8Array,
  start: number,
  end: number,
  keys: KeyMatcher,
  spans: MemberSpans,
  words: Uint32Array | null = null,
): number {
  const kinds = spans.kind;
  for (let slot = 0; slot < kinds.length; slot++) kinds[slot] = VALUE_ABSENT;
  let i = skipWhitespace(bytes, start, end);
  if (i >= end || bytes[i] !== 0x7b) return -1;
  i = skipWhitespace(bytes, i + 1, end);
  if (i < end && bytes[i] === 0x7d) return skipWhitespace(bytes, i + 1, end);
  const predicted = spans.predicted;
  for (let member = 0; ; member++) {
    if (i >= end || bytes[i] !== 0x22) return -1;
    let slot = member < predicted.length ? predicted[member]! : -1;
    const keyEnd = slot >= 0 ? predictedKeyEnd(bytes, i + 1, end, keys.keyBytes[slot]!) : -1;
    if (keyEnd >= 0) {
      i = skipWhitespace(bytes, keyEnd + 1, end);
    } else {
      const scannedEnd = scanString(bytes, words, i + 1, end);
      if (scannedEnd < 0 || lastStringEscaped === 1) return -1;
      slot = keys.match(bytes, i + 1, scannedEnd);
      if (member < predicted.length) predicted[member] = slot;
      i = skipWhitespace(bytes, scannedEnd + 1, end);
    }
    if (i >= end || bytes[i] !== 0x3a) return -1;
    i = skipWhitespace(bytes, i + 1, end);
    if (i >= end) return -1;

    const c = bytes[i]!;
    let kind: number;
    let valueStart = i;
    let valueEnd: number;
    let escaped = 0;
    if (c === 0x22) {
      valueStart = i + 1;
      valueEnd = scanString(bytes, words, valueStart, end);
      if (valueEnd < 0) return -1;
      escaped = lastStringEscaped;
      kind = VALUE_STRING;
      i = valueEnd + 1;
    } else if (c === 0x2d || isDigit(c)) {
      valueEnd = scanNumber(bytes, i, end);
      if (valueEnd < 0) return -1;
      kind = VALUE_NUMBER;
      i = valueEnd;
    } else if (c === 0x6e && matchesLiteral(bytes, i, end, NULL_BYTES)) {
      kind = VALUE_NULL;
      i += 4;
      valueEnd = i;
    } else if (c === 0x74 && matchesLiteral(bytes, i, end, TRUE_BYTES)) {
      kind = VALUE_BOOLEAN;
      i += 4;
      valueEnd = i;
    } else if (c === 0x66 && matchesLiteral(bytes, i, end, FALSE_BYTES)) {
      kind = VALUE_BOOLEAN;
      i += 5;
      valueEnd = i;
    } else {
      return -1;
    }
    if (slot >= 0) {
      if (spans.kind[slot] !== VALUE_ABSENT) return -1;
      spans.kind[slot] = kind;
      spans.start[slot] = valueStart;
      spans.end[slot] = valueEnd;
      spans.escaped[slot] = escaped;
    }

    i = skipWhitespace(bytes, i, end);
    if (i >= end) return -1;
    const separator = bytes[i]!;
    if (separator === 0x7d) return skipWhitespace(bytes, i + 1, end);
    if (separator !== 0x2c) return -1;
    i = skipWhitespace(bytes, i + 1, end);
  }
}
