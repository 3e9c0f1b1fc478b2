/** Medians over rounds of one benchmark: records per second of each pass and the cost ratios. */
export interface ParseAndCleanFigures {
  readonly records: number;
  readonly rounds: number;
  readonly meanLineBytes: number;
  /** `JSON.parse(line)` alone. */
  readonly parsePerSecond: number;
  /** The cleaner alone, over records parsed just before (untimed). */
  readonly cleanPerSecond: number;
  /** `clean(JSON.parse(line))`. */
  readonly parseAndCleanPerSecond: number;
  /** Time of `clean(JSON.parse(line))` over time of `JSON.parse(line)`: the target figure. */
  readonly ratio: number;
  /** The same cost from the separately timed passes: (parse + clean) / parse. */
  readonly ratioFromSeparatePasses: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Lines per interleaving step: small enough that load from other processes hits the passes of a
 * step alike, large enough for the clock.
 */
const CHUNK = 1000;

const now = (): number => Number(process.hrtime.bigint());

/**
 * Times three passes over the same lines, interleaved chunk by chunk so that machine load and
 * cache state affect them alike: `JSON.parse` alone, `clean(JSON.parse(line))`, and the cleaner
 * alone over records parsed just before (untimed). Returns the medians over rounds. `clean` returns a truthy value that feeds a checksum, so no pass can be optimised away.
 *
 * @example
 * const figures = measureParseAndClean(lines, (raw) => cleanPin(raw).ok, 5);
 * figures.ratio; // e.g. 1.2
 */
export function measureParseAndClean(
  lines: readonly string[],
  clean: (raw: unknown) => boolean,
  rounds: number,
): ParseAndCleanFigures & { readonly checksum: number } {
  const parseTimes: number[] = [];
  const cleanTimes: number[] = [];
  const bothTimes: number[] = [];
  let checksum = 0;
  const parsed: unknown[] = new Array(CHUNK);
  for (let round = 0; round < rounds; round++) {
    let parseTime = 0;
    let cleanTime = 0;
    let bothTime = 0;
    for (let start = 0, chunk = 0; start < lines.length; start += CHUNK, chunk++) {
      const end = Math.min(start + CHUNK, lines.length);
      // The parse and parse+clean passes keep nothing, as a streaming consumer would; their order
      // alternates so neither always runs on a warmer cache.
      for (let pass = 0; pass < 2; pass++) {
        const t = now();
        if ((pass + chunk) % 2 === 0) {
          for (let i = start; i < end; i++) if (JSON.parse(lines[i]!) !== null) checksum++;
          parseTime += now() - t;
        } else {
          for (let i = start; i < end; i++) if (clean(JSON.parse(lines[i]!))) checksum++;
          bothTime += now() - t;
        }
      }
      for (let i = start; i < end; i++) parsed[i - start] = JSON.parse(lines[i]!);
      const t = now();
      for (let i = 0; i < end - start; i++) if (clean(parsed[i])) checksum++;
      cleanTime += now() - t;
      // Drop the held records, or the collector would keep copying them during the other passes.
      parsed.fill(undefined);
    }
    parseTimes.push(parseTime);
    cleanTimes.push(cleanTime);
    bothTimes.push(bothTime);
  }
  const perSecond = (ns: number) => (lines.length * 1e9) / ns;
  const ratios = bothTimes.map((both, i) => both / parseTimes[i]!);
  const separateRatios = cleanTimes.map((cleanTime, i) => (parseTimes[i]! + cleanTime) / parseTimes[i]!);
  return {
    records: lines.length,
    rounds,
    meanLineBytes: lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0) / lines.length,
    parsePerSecond: perSecond(median(parseTimes)),
    cleanPerSecond: perSecond(median(cleanTimes)),
    parseAndCleanPerSecond: perSecond(median(bothTimes)),
    ratio: median(ratios),
    ratioFromSeparatePasses: median(separateRatios),
    checksum,
  };
}
