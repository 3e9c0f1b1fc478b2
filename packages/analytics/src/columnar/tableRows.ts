import type { PartialGeoColumns, PartialPinColumns, PartialUserColumns } from "./columnarPartial";
import { GrowableFloat64Array, GrowableInt32Array } from "./growableColumns";

/**
 * Pin rows under construction (the columns the queries read, plus record hashes when
 * deduplicating).
 *
 * @example
 * const rows = new PinRows(false);
 * rows.push(0, 2_000_000, 3, 1);
 * rows.take().length; // 1
 */
export class PinRows {
  private readonly ind = new GrowableFloat64Array();
  private readonly followerCount = new GrowableFloat64Array();
  private readonly posterName = new GrowableInt32Array();
  private readonly category = new GrowableInt32Array();
  /** Two words per row when deduplicating. */
  readonly hashes: GrowableInt32Array | null;

  constructor(dedupe: boolean) {
    this.hashes = dedupe ? new GrowableInt32Array() : null;
  }

  /** Appends a row (its hash, if any, is pushed to {@link hashes} by the caller). */
  push(ind: number, followerCount: number, posterName: number, category: number): void {
    this.ind.push(ind);
    this.followerCount.push(followerCount);
    this.posterName.push(posterName);
    this.category.push(category);
  }

  /** The rows pushed since the last take. */
  take(): PartialPinColumns {
    return {
      length: this.ind.length,
      ind: this.ind.take(),
      followerCount: this.followerCount.take(),
      posterName: this.posterName.take(),
      category: this.category.take(),
      hashes: this.hashes?.take() ?? null,
    };
  }
}

/**
 * Geo rows under construction; see {@link PinRows}.
 *
 * @example
 * const rows = new GeoRows(false);
 * rows.push(2, 0, Date.UTC(2022, 2, 14));
 */
export class GeoRows {
  private readonly ind = new GrowableFloat64Array();
  private readonly country = new GrowableInt32Array();
  private readonly timestamp = new GrowableFloat64Array();
  /** Two words per row when deduplicating. */
  readonly hashes: GrowableInt32Array | null;

  constructor(dedupe: boolean) {
    this.hashes = dedupe ? new GrowableInt32Array() : null;
  }

  /** Appends a row. */
  push(ind: number, country: number, timestamp: number): void {
    this.ind.push(ind);
    this.country.push(country);
    this.timestamp.push(timestamp);
  }

  /** The rows pushed since the last take. */
  take(): PartialGeoColumns {
    return {
      length: this.ind.length,
      ind: this.ind.take(),
      country: this.country.take(),
      timestamp: this.timestamp.take(),
      hashes: this.hashes?.take() ?? null,
    };
  }
}

/**
 * User rows under construction; see {@link PinRows}.
 *
 * @example
 * const rows = new UserRows(false);
 * rows.push(0, 20, Date.UTC(2015, 9, 21));
 */
export class UserRows {
  private readonly ind = new GrowableFloat64Array();
  private readonly age = new GrowableFloat64Array();
  private readonly dateJoined = new GrowableFloat64Array();
  /** Two words per row when deduplicating. */
  readonly hashes: GrowableInt32Array | null;

  constructor(dedupe: boolean) {
    this.hashes = dedupe ? new GrowableInt32Array() : null;
  }

  /** Appends a row. */
  push(ind: number, age: number, dateJoined: number): void {
    this.ind.push(ind);
    this.age.push(age);
    this.dateJoined.push(dateJoined);
  }

  /** The rows pushed since the last take. */
  take(): PartialUserColumns {
    return {
      length: this.ind.length,
      ind: this.ind.take(),
      age: this.age.take(),
      dateJoined: this.dateJoined.take(),
      hashes: this.hashes?.take() ?? null,
    };
  }
}
