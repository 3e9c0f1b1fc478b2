import type { OutputSink } from "../output/index";

/**
 * What the report reads an output root through: the read side of an {@link OutputSink}, so a
 * local folder and an `s3://` prefix work alike (`openOutputSink`).
 *
 * @example
 * const store: RunStore = new LocalOutputSink("./pinpipe-out");
 */
export type RunStore = Pick<OutputSink, "location" | "get" | "list">;
