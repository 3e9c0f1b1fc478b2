import { z } from "zod";

/**
 * The columns of the clean pin table, in order (`index` renamed to `ind`, `downloaded` dropped).
 *
 * @example
 * PIN_COLUMNS[0]; // "ind"
 */
export const PIN_COLUMNS = [
  "ind",
  "unique_id",
  "title",
  "description",
  "follower_count",
  "poster_name",
  "tag_list",
  "is_image_or_video",
  "image_src",
  "save_location",
  "category",
] as const;

/**
 * A clean pin: exactly the {@link PIN_COLUMNS}, placeholders replaced by `null`, `follower_count` an
 * integer, `save_location` a bare path such as `/data/art`.
 *
 * @example
 * CleanPinSchema.parse({
 *   ind: 0, unique_id: "31af679a-6e4f-426f-9fef-734309348d0e", title: "Kitten", description: null,
 *   follower_count: 2000000, poster_name: "Bored Panda", tag_list: "Pretty Art,Cute Art",
 *   is_image_or_video: "image", image_src: null, save_location: "/data/art", category: "art",
 * });
 */
export const CleanPinSchema = z.strictObject({
  ind: z.number().int().nonnegative(),
  unique_id: z.string().nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  follower_count: z.number().int().nonnegative().nullable(),
  poster_name: z.string().nullable(),
  tag_list: z.string().nullable(),
  is_image_or_video: z.string().nullable(),
  image_src: z.string().nullable(),
  save_location: z.string().nullable(),
  category: z.string().nullable(),
});

/** A clean pin record. See {@link CleanPinSchema}. */
export type CleanPin = z.infer<typeof CleanPinSchema>;
