export { describeWithPeer } from "./describeWithPeer.js";
export type { Peer, PeerName } from "./peer.js";
export { peer } from "./peer.js";
