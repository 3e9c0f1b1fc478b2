/**
 * What stands in, in a rejected-records line, for a value nested deeper than the bound.
 *
 * @example
 * boundJsonDepth([[1]], 1); // ["[nested deeper than 1 levels: left out]"]
 */
export const deeperThanMarker = (maxDepth: number): string =>
  `[nested deeper than ${maxDepth} levels: left out]`;

type Container = unknown[] | Record<string, unknown>;

const isContainer = (value: unknown): value is Container => typeof value === "object" && value !== null;

/** Whether a container sits deeper than `maxDepth` (the top value at depth 1), found without recursion. */
function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (!isContainer(current)) continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(current)) {
      if (isContainer(child)) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

/**
 * A JSON value (as `JSON.parse` gives) that `JSON.stringify` can write without overflowing the
 * stack: the value itself when no array or object in it sits deeper than `maxDepth` levels (the
 * top value is level 1), otherwise a copy in which every array or object below that level is
 * replaced by {@link deeperThanMarker}. Works without recursion, so any depth is safe. Copied
 * objects have no prototype, so a `__proto__` key stays an ordinary key.
 *
 * @example
 * boundJsonDepth({ a: { b: 1 } }, 2); // the same object
 * boundJsonDepth({ a: { b: { c: 1 } } }, 2); // { a: { b: "[nested deeper than 2 levels: left out]" } }
 */
export function boundJsonDepth(value: unknown, maxDepth: number): unknown {
  if (!exceedsDepth(value, maxDepth)) return value;
  const marker = deeperThanMarker(maxDepth);
  if (maxDepth < 1) return marker;
  const copyOf = (source: Container): Container =>
    Array.isArray(source) ? new Array<unknown>(source.length) : Object.create(null);
  const root = copyOf(value as Container);
  const stack: { source: Container; target: Container; depth: number }[] = [
    { source: value as Container, target: root, depth: 1 },
  ];
  while (stack.length > 0) {
    const { source, target, depth } = stack.pop()!;
    for (const [key, child] of Object.entries(source)) {
      const slot = target as Record<string, unknown>;
      if (!isContainer(child)) slot[key] = child;
      else if (depth + 1 > maxDepth) slot[key] = marker;
      else {
        const copy = copyOf(child);
        slot[key] = copy;
        stack.push({ source: child, target: copy, depth: depth + 1 });
      }
    }
  }
  return root;
}
