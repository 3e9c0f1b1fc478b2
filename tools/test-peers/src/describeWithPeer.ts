import { describe, it } from "vitest";
import { type Peer, type PeerName, peer } from "./peer.js";

/**
 * A `describe` block that runs only when the peer is installed. Otherwise it skips with the reason
 * in its title, or, when `PINPIPE_REQUIRE_PEERS=1` (as in `.ci/run`), fails with that reason, so CI
 * can never pass by skipping.
 *
 * @example
 * describeWithPeer("deltalake", "delta-rs reads the table", (deltalake) => {
 *   it("opens it", () => { spawnSync(deltalake.python!, ["-c", "import deltalake"]); });
 * });
 */
export function describeWithPeer(name: PeerName, title: string, body: (found: Peer) => void): void {
  const found = peer(name);
  if (found.ready) {
    describe(title, () => body(found));
    return;
  }
  if (process.env.PINPIPE_REQUIRE_PEERS === "1") {
    describe(title, () => {
      it(`needs ${name}`, () => {
        throw new Error(`${found.reason} (PINPIPE_REQUIRE_PEERS=1 turns this skip into a failure)`);
      });
    });
    return;
  }
  describe.skip(`${title} [skipped: ${found.reason}]`, () => body(found));
}
