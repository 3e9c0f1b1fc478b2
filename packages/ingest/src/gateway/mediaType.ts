/**
 * The media type of a Content-Type or one Accept entry: lower-cased, parameters (`; charset=…`, `; q=…`)
 * and spaces removed; `""` for none.
 *
 * @example
 * mediaType("Application/JSON; charset=utf-8"); // "application/json"
 */
export function mediaType(header: string | undefined): string {
  return (header ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

/**
 * Whether an Accept header allows at least one of `offered` (exact types, and the ranges
 * "any type" and `type/` followed by a star). An absent or empty header allows anything, as HTTP says.
 *
 * @example
 * acceptsAny("application/json, application/*;q=0.1", ["application/vnd.kafka.v2+json"]); // true
 * acceptsAny("text/html", ["application/json"]); // false
 */
export function acceptsAny(accept: string | undefined, offered: readonly string[]): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  return accept.split(",").some((entry) => {
    const range = mediaType(entry);
    if (range === "*/*") return true;
    if (range.endsWith("/*")) return offered.some((type) => type.startsWith(range.slice(0, -1)));
    return offered.includes(range);
  });
}
