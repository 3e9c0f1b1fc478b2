import { z } from "zod";

/**
 * The columns of the clean user table, in order.
 *
 * @example
 * USER_COLUMNS.join(","); // "ind,user_name,age,date_joined"
 */
export const USER_COLUMNS = ["ind", "user_name", "age", "date_joined"] as const;

/**
 * A clean user record: exactly the {@link USER_COLUMNS}; `user_name` is first and last name joined by
 * one space, `date_joined` a valid `Date` (read as UTC) or `null`.
 *
 * @example
 * CleanUserSchema.parse({
 *   ind: 0, user_name: "Adam Acosta", age: 20, date_joined: new Date("2015-10-21T21:26:45Z"),
 * });
 */
export const CleanUserSchema = z.strictObject({
  ind: z.number().int().nonnegative(),
  user_name: z.string().nullable(),
  age: z.number().int().nonnegative().nullable(),
  date_joined: z.date().nullable(),
});

/** A clean user record. See {@link CleanUserSchema}. */
export type CleanUser = z.infer<typeof CleanUserSchema>;
