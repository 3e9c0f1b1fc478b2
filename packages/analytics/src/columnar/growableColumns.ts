/**
 * A `Float64Array` that grows by doubling as values are pushed, for building a column whose
 * final length is unknown. {@link GrowableFloat64Array.take} hands out an exact-length copy and
 * starts over, keeping the capacity.
 *
 * @example
 * const column = new GrowableFloat64Array();
 * column.push(1.5);
 * column.take(); // Float64Array [1.5]
 */
export class GrowableFloat64Array {
  /** Number of values pushed since the last take. */
  length = 0;
  private values: Float64Array;

  constructor(capacity = 1024) {
    this.values = new Float64Array(capacity);
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }

  /** The values pushed so far, as an exact-length copy; the column is emptied. */
  take(): Float64Array {
    const taken = this.values.slice(0, this.length);
    this.length = 0;
    return taken;
  }
}

/**
 * An `Int32Array` that grows by doubling as values are pushed; see {@link GrowableFloat64Array}.
 *
 * @example
 * const ids = new GrowableInt32Array();
 * ids.push(-1);
 * ids.take(); // Int32Array [-1]
 */
export class GrowableInt32Array {
  /** Number of values pushed since the last take. */
  length = 0;
  private values: Int32Array;

  constructor(capacity = 1024) {
    this.values = new Int32Array(capacity);
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Int32Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }

  /** The values pushed so far, as an exact-length copy; the column is emptied. */
  take(): Int32Array {
    const taken = this.values.slice(0, this.length);
    this.length = 0;
    return taken;
  }
}
