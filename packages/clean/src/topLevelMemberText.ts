const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Index just past the string starting at the quote `text[start]`, or -1 when it does not end. */
function skipString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return -1;
}

/** Index just past the value starting at `text[start]` (any JSON value), or -1. */
function skipValue(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return skipString(text, start);
  if (first !== 0x7b && first !== 0x5b) {
    let i = start;
    while (i < text.length && !isJsonSpace(text.charCodeAt(i)) && text[i] !== "," && text[i] !== "}") i++;
    return i > start ? i : -1;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i) - 1;
      if (i < 0) return -1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
  }
  return -1;
}

function skipSpace(text: string, start: number): number {
  let i = start;
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The name a member key token `"…"` spells (escapes decoded as `JSON.parse` does). */
function memberName(token: string): string {
  return token.includes("\\") ? (JSON.parse(token) as string) : token.slice(1, -1);
}

/**
 * The source text of the value of member `field` of the JSON object `json`, as written (for
 * `{"ind": 1e-400}` and `ind`: `"1e-400"`), or `undefined` when `json` is not an object or has no
 * such member. A repeated member gives its last value, the one `JSON.parse` keeps; escaped member
 * names count by what they spell. Meant for text that `JSON.parse` has accepted; on other text it
 * returns `undefined` or some member's text, and never throws.
 *
 * @example
 * topLevelMemberText('{"index": 1e-400, "title": "t"}', "index"); // "1e-400"
 * topLevelMemberText('{"a": {"ind": 1}}', "ind"); // undefined (nested members do not count)
 */
export function topLevelMemberText(json: string, field: string): string | undefined {
  let i = skipSpace(json, 0);
  if (json.charCodeAt(i) !== 0x7b) return undefined;
  let found: string | undefined;
  i = skipSpace(json, i + 1);
  while (json.charCodeAt(i) === QUOTE) {
    const keyEnd = skipString(json, i);
    if (keyEnd < 0) return found;
    const colon = skipSpace(json, keyEnd);
    if (json[colon] !== ":") return found;
    const valueStart = skipSpace(json, colon + 1);
    const valueEnd = skipValue(json, valueStart);
    if (valueEnd < 0) return found;
    let name: string;
    try {
      name = memberName(json.slice(i, keyEnd));
    } catch {
      return found;
    }
    if (name === field) found = json.slice(valueStart, valueEnd);
    const next = skipSpace(json, valueEnd);
    if (json[next] !== ",") return found;
    i = skipSpace(json, next + 1);
  }
  return found;
}
