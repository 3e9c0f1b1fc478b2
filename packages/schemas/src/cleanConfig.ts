import { z } from "zod";

/**
 * The raw columns whose placeholder lists a clean config can override (the keys of
 * `@pinpipe/clean`'s `DEFAULT_PLACEHOLDERS`).
 *
 * @example
 * PLACEHOLDER_COLUMNS.includes("title"); // true
 */
export const PLACEHOLDER_COLUMNS = [
  "unique_id",
  "title",
  "description",
  "poster_name",
  "follower_count",
  "tag_list",
  "is_image_or_video",
  "image_src",
  "save_location",
  "category",
  "country",
  "timestamp",
  "first_name",
  "last_name",
  "date_joined",
] as const;

const placeholderList = z
  .array(z.string().max(4096))
  .max(1024)
  .describe(
    "Values that mean 'no data' for this column; replaces the default list (empty and blank strings always count).",
  );

/**
 * A clean config file (`--clean-config FILE` of analyze, batch and stream): the cleaning options
 * as JSON. `placeholders` overrides the placeholder list of any raw column; columns left out keep
 * the defaults. Unknown keys are refused, so a typo is an error, not a silent no-op.
 *
 * @example
 * CleanConfigSchema.parse({ placeholders: { title: ["n/a", "Untitled"] } });
 */
export const CleanConfigSchema = z
  .object({
    $schema: z.string().optional().describe("Where an editor finds this schema; ignored."),
    placeholders: z
      .object(
        Object.fromEntries(PLACEHOLDER_COLUMNS.map((column) => [column, placeholderList.optional()])) as {
          [C in (typeof PLACEHOLDER_COLUMNS)[number]]: z.ZodOptional<typeof placeholderList>;
        },
      )
      .strict()
      .optional(),
  })
  .strict();

/**
 * A parsed clean config.
 *
 * @example
 * const config: CleanConfig = { placeholders: { country: ["Unknown"] } };
 */
export type CleanConfig = z.infer<typeof CleanConfigSchema>;
