import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The peers that `scripts/peers.mjs` can install (one folder each under `peers/`). */
export type PeerName = "deltalake" | "spark" | "spark-delta" | "spark-s3a" | "kafka" | "airflow" | "pyclient";

/** What a test needs to use an installed peer, or why it is missing. */
export interface Peer {
  readonly name: PeerName;
  readonly ready: boolean;
  /** Why the peer is not ready (empty when it is). */
  readonly reason: string;
  /** `.peers/<name>`: the peer's cache folder, also a scratch place for its own state. */
  readonly home: string;
  /** Python peers: the virtual environment's interpreter. */
  readonly python?: string;
  /** Python peers: the virtual environment's `bin` folder (console scripts such as `airflow`). */
  readonly bin?: string;
  /** Maven peers: a `java -cp` class path (`libs/*`). */
  readonly classpath?: string;
}

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/**
 * Reads the stamp `scripts/peers.mjs install` leaves in `.peers/<name>/ready.json`.
 *
 * @example
 * const spark = peer("spark");
 * if (spark.ready) spawnSync(spark.python!, ["-c", "import pyspark"]);
 */
export function peer(name: PeerName): Peer {
  const home = join(process.env.PINPIPE_PEERS_DIR ?? join(repoRoot, ".peers"), name);
  let stamp: Partial<Peer>;
  try {
    stamp = JSON.parse(readFileSync(join(home, "ready.json"), "utf8")) as Partial<Peer>;
  } catch {
    let failure = "";
    try {
      failure = readFileSync(join(home, "failed.txt"), "utf8").trim();
    } catch {
      failure = "run `node scripts/peers.mjs install` (npm test does)";
    }
    return { name, ready: false, reason: `peer ${name} is not installed: ${failure}`, home };
  }
  return { ...stamp, name, ready: true, reason: "", home };
}
