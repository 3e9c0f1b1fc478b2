import { z } from "zod";

const count = z.number().int().nonnegative();

/**
 * A zod schema for counts by name, such as a manifest's `byRule` and `byField`: a JSON object whose
 * every value is a non-negative integer. It keeps every own key, `__proto__` and `constructor`
 * included (zod's `z.record` drops a `__proto__` key), in an object without a prototype, so looking
 * up a name another table has never finds an inherited member instead of `undefined`.
 *
 * @example
 * const counts = countsByNameSchema.parse(JSON.parse('{"__proto__": 2, "title": 1}'));
 * Object.keys(counts); // ["__proto__", "title"]
 * counts.constructor; // undefined
 * countsByNameSchema.safeParse({ title: -1 }).success; // false, issue at path ["title"]
 */
export const countsByNameSchema = z
  .unknown()
  .transform((input, context): Readonly<Record<string, number>> => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      context.addIssue({
        code: "invalid_type",
        expected: "record",
        input,
        message: "Invalid input: expected an object of counts by name",
      });
      return z.NEVER;
    }
    // No prototype: assigning `__proto__` makes an own key instead of changing the prototype.
    const counts: Record<string, number> = Object.create(null);
    for (const [name, value] of Object.entries(input)) {
      const parsed = count.safeParse(value);
      if (parsed.success) counts[name] = parsed.data;
      else
        for (const issue of parsed.error.issues) context.addIssue({ ...issue, path: [name, ...issue.path] });
    }
    return counts;
  });
