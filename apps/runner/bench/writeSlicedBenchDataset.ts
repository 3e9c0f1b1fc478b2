import { linkSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type BenchDataset, type BenchDatasetSpec, writeBenchDataset } from "./writeBenchDataset";

/**
 * The cache folder of slice `index` of a sliced dataset whose slices hold `spec.posts` posts.
 * Slice 0 is exactly the dataset `analyze.bench.ts` caches for that many posts, so it is shared.
 */
function sliceDir(benchRoot: string, spec: BenchDatasetSpec, index: number): string {
  return index === 0
    ? join(benchRoot, `analyze-${spec.posts}`)
    : join(benchRoot, `analyze-slices-${spec.posts}`, `slice-${index}`);
}

/** The spec of slice `index`: its own seed (fresh content) and its own range of `ind` keys. */
function sliceSpec(spec: BenchDatasetSpec, index: number): BenchDatasetSpec {
  return index === 0 ? spec : { ...spec, seed: spec.seed + index, startInd: index * spec.posts };
}

/**
 * A dataset of `slices × spec.posts` posts made of cached slices (each written once with
 * {@link writeBenchDataset}, with its own seed and disjoint `ind` keys, so the joins grow with
 * the slices), gathered as hard links in `<benchRoot>/analyze-sliced-<posts>/ndjson`. Bigger
 * datasets reuse the slices of smaller ones: 1M, 3M and 10M posts of 1M-post slices take the disk
 * of 10M. Slice 0 is the dataset `analyze.bench.ts` caches for `spec.posts` posts.
 *
 * @example
 * const tenMillion = writeSlicedBenchDataset(".bench", { posts: 1_000_000, seed: 1, dirty: 0.01, duplicates: 0.01, brokenEvery: 50_000, filesPerTable: 4 }, 10, console.log);
 * tenMillion.files.pin.length; // 40
 */
export function writeSlicedBenchDataset(
  benchRoot: string,
  spec: BenchDatasetSpec,
  slices: number,
  log: (line: string) => void,
): BenchDataset {
  const dir = join(benchRoot, `analyze-sliced-${slices * spec.posts}`);
  const ndjson = join(dir, "ndjson");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(ndjson, { recursive: true });
  const files = { pin: [] as string[], geo: [] as string[], user: [] as string[] };
  let bytes = 0;
  for (let index = 0; index < slices; index++) {
    const slice = writeBenchDataset(sliceDir(benchRoot, spec, index), sliceSpec(spec, index), log);
    bytes += slice.bytes;
    for (const table of ["pin", "geo", "user"] as const) {
      for (const source of slice.files[table]) {
        const link = join(ndjson, `s${String(index).padStart(3, "0")}-${basename(source)}`);
        linkSync(source, link);
        files[table].push(link);
      }
    }
  }
  writeFileSync(join(dir, "files.json"), JSON.stringify(files));
  return { dir, files, bytes };
}
