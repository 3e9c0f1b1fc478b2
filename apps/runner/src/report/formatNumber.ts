const FORMAT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/**
 * A number for people: thousands grouped with commas, at most two decimals (an exact median may
 * end in .5).
 *
 * @example
 * formatNumber(15000000); // "15,000,000"
 * formatNumber(1234.5); // "1,234.5"
 */
export function formatNumber(value: number): string {
  return FORMAT.format(value);
}
