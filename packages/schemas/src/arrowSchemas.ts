import {
  Field,
  FixedSizeList,
  Float64,
  Int32,
  Int64,
  Schema,
  TimestampMillisecond,
  Utf8,
} from "apache-arrow";

const utf8 = (name: string): Field => new Field(name, new Utf8(), true);

/**
 * Arrow schema of the clean pin table, columns in {@link PIN_COLUMNS} order. `ind` and
 * `follower_count` are 64-bit because producers send counts up to billions (`1B`).
 *
 * @example
 * pinArrowSchema.fields.map((f) => f.name)[4]; // "follower_count"
 */
export const pinArrowSchema: Schema = new Schema([
  new Field("ind", new Int64(), false),
  utf8("unique_id"),
  utf8("title"),
  utf8("description"),
  new Field("follower_count", new Int64(), true),
  utf8("poster_name"),
  utf8("tag_list"),
  utf8("is_image_or_video"),
  utf8("image_src"),
  utf8("save_location"),
  utf8("category"),
]);

/**
 * Arrow schema of the clean geo table: `coordinates` is a fixed list of two doubles
 * `[latitude, longitude]`, `timestamp` UTC milliseconds.
 *
 * @example
 * geoArrowSchema.fields.map((f) => f.name); // ["ind", "country", "coordinates", "timestamp"]
 */
export const geoArrowSchema: Schema = new Schema([
  new Field("ind", new Int64(), false),
  utf8("country"),
  new Field("coordinates", new FixedSizeList(2, new Field("item", new Float64(), false)), true),
  new Field("timestamp", new TimestampMillisecond("UTC"), true),
]);

/**
 * Arrow schema of the clean user table, `date_joined` in UTC milliseconds.
 *
 * @example
 * userArrowSchema.fields.map((f) => f.name); // ["ind", "user_name", "age", "date_joined"]
 */
export const userArrowSchema: Schema = new Schema([
  new Field("ind", new Int64(), false),
  utf8("user_name"),
  new Field("age", new Int32(), true),
  new Field("date_joined", new TimestampMillisecond("UTC"), true),
]);
