/**
 * Orders nullable strings the way DuckDB's and Spark's default (binary) collation does with
 * `ASC NULLS LAST`: by Unicode code point, which is UTF-8 byte order, and `null` after every string.
 * JavaScript's `<` compares UTF-16 code units instead, which puts U+E000..U+FFFF after the
 * surrogate pairs of astral characters; this comparator corrects that so TypeScript and SQL results
 * come out in the same order.
 *
 * @returns a negative number, zero or a positive number, for `Array.prototype.sort`.
 * @example
 * ["b", null, "a"].sort(compareSqlText); // ["a", "b", null]
 * compareSqlText("\uFF21", "\u{1F600}") < 0; // true (U+FF21 before U+1F600), although "\uFF21" > "\u{1F600}" in JS
 */
export function compareSqlText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const unitA = a.charCodeAt(i);
    const unitB = b.charCodeAt(i);
    if (unitA !== unitB) return codePointRank(unitA) - codePointRank(unitB);
  }
  return a.length - b.length;
}

/** Moves surrogates (which start code points above U+FFFF) after U+E000..U+FFFF, keeping the rest. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
