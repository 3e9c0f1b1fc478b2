import type { ColumnarBuilderOptions } from "@pinpipe/analytics/columnar";
import type { CleanOptions } from "@pinpipe/clean";
import type { ReadLimits } from "./pieceReader";

/**
 * How every thread of a run reads: whether its builder drops duplicates, and its limits.
 *
 * @example
 * const settings: ReadSettings = { dedupe: false, limits: DEFAULT_READ_LIMITS };
 */
export interface ReadSettings {
  readonly dedupe: boolean;
  readonly limits: ReadLimits;
  /** Build whole clean rows and keep rejected lines (the batch job's sinks need them). */
  readonly fullRows?: boolean;
  /** The cleaning options, for every thread alike. */
  readonly clean?: CleanOptions | undefined;
}

/**
 * The builder options of a read: analyze counts rejections, batch also keeps them with whole rows.
 *
 * @example
 * new ColumnarBuilder(builderOptionsOf({ dedupe: false, limits: DEFAULT_READ_LIMITS }));
 */
export function builderOptionsOf(settings: ReadSettings): ColumnarBuilderOptions {
  const full = settings.fullRows === true;
  return { dedupe: settings.dedupe, fullRows: full, keepRejected: full, clean: settings.clean };
}
