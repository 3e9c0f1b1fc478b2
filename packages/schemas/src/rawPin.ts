import { z } from "zod";

/**
 * A pin record as producers send it (`pinterest_data`). Placeholders such as `No Title Data Available`
 * and `User Info Error` are valid raw values; `follower_count` is a string like `"10k"`, or a number
 * (or `null`) from producers that already half-cleaned their rows. Unknown extra fields are allowed.
 *
 * @example
 * RawPinSchema.parse({
 *   index: 0, unique_id: "31af679a-6e4f-426f-9fef-734309348d0e", title: "Kitten", description: "Cute",
 *   poster_name: "Bored Panda", follower_count: "2M", tag_list: "Pretty Art,Cute Art",
 *   is_image_or_video: "image", image_src: "https://i.pinimg.com/a.jpg", downloaded: 1,
 *   save_location: "Local save in /data/art", category: "art",
 * });
 */
export const RawPinSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  unique_id: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  poster_name: z.string().nullable(),
  follower_count: z.union([z.string(), z.number()]).nullable(),
  tag_list: z.string().nullable(),
  is_image_or_video: z.string().nullable(),
  image_src: z.string().nullable(),
  downloaded: z.number().int().nullable().optional(),
  save_location: z.string().nullable(),
  category: z.string().nullable(),
});

/** A pin record as producers send it. See {@link RawPinSchema}. */
export type RawPin = z.infer<typeof RawPinSchema>;
