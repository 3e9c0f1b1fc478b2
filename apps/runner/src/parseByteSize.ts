import { CliError } from "./command";

/** Binary units only: "KB" means 1000 to some readers and 1024 to others. */
const UNITS: readonly (readonly [suffix: string, bytes: number])[] = [
  ["TiB", 1024 ** 4],
  ["GiB", 1024 ** 3],
  ["MiB", 1024 ** 2],
  ["KiB", 1024],
  ["B", 1],
];

const SIZE = /^(\d+)\s?([a-z]*)$/i;

/**
 * Reads a byte count written as a plain integer (`1048576`) or an integer with a binary unit
 * (`512B`, `64KiB`, `16MiB`, `1GiB`, `2TiB`; units are case-insensitive, one space is allowed
 * before them). Decimal units (`KB`, `MB`, `GB`) and fractions are refused, so a size never
 * depends on which of 1000 or 1024 the reader meant.
 *
 * @throws {RangeError} with the reason when the text is no such size or exceeds 2^53 - 1 bytes.
 * @example
 * parseByteSize("16MiB"); // 16777216
 * parseByteSize("4096"); // 4096
 */
export function parseByteSize(text: string): number {
  const match = SIZE.exec(text.trim());
  if (match === null) {
    throw new RangeError(
      `"${text}" is not a byte size (an integer, optionally with B, KiB, MiB, GiB or TiB)`,
    );
  }
  const [, digits = "", suffix = ""] = match;
  const unit = suffix === "" ? 1 : UNITS.find(([name]) => name.toLowerCase() === suffix.toLowerCase())?.[1];
  if (unit === undefined) {
    const binary = /^[kmgt]b$/i.test(suffix)
      ? ` (write ${suffix[0]?.toUpperCase()}iB for 1024-based units)`
      : "";
    throw new RangeError(`"${text}" has an unknown unit "${suffix}"${binary}; use B, KiB, MiB, GiB or TiB`);
  }
  const bytes = Number(digits) * unit;
  if (!Number.isSafeInteger(bytes)) throw new RangeError(`"${text}" is too large`);
  return bytes;
}

/**
 * Writes a byte count with the largest binary unit that divides it exactly, as
 * {@link parseByteSize} reads it back.
 *
 * @example
 * formatByteSize(16777216); // "16MiB"
 * formatByteSize(1500); // "1500B"
 */
export function formatByteSize(bytes: number): string {
  for (const [suffix, size] of UNITS) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return `${bytes}B`;
}

/**
 * Reads a byte-size command-line option in `[min, max]`, or `fallback` when absent; anything else
 * is a usage error (exit code 2) naming the command and the option.
 *
 * @throws {CliError} (exit code 2) when the value is no byte size or out of range.
 * @example
 * byteSizeOption("batch", "max-line-bytes", "1KiB", 1, 256 * 1024 ** 2, 16 * 1024 ** 2); // 1024
 */
export function byteSizeOption(
  command: string,
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  let bytes: number;
  try {
    bytes = parseByteSize(value);
  } catch (error) {
    throw new CliError(`pinpipe ${command}: --${name}: ${(error as Error).message}`, 2);
  }
  if (bytes < min || bytes > max) {
    throw new CliError(
      `pinpipe ${command}: --${name} must be from ${formatByteSize(min)} to ${formatByteSize(max)}, got "${value}"`,
      2,
    );
  }
  return bytes;
}
