import type { HttpDeliveryCounts } from "./deliverHttpBatches";

/**
 * Adds up the {@link HttpDeliveryCounts} of an HTTP sink's deliveries for its closing note.
 *
 * @example
 * const tally = new HttpDeliveryTally();
 * tally.add({ requests: 3, retriedRequests: 1, resentEntries: 0 });
 * tally.note(); // "3 requests, 1 retried, 0 records resent"
 */
export class HttpDeliveryTally {
  private requests = 0;
  private retriedRequests = 0;
  private resentEntries = 0;

  /** Counts one delivery. @example tally.add(await deliverHttpBatches(records, protocol, options)); */
  add(counts: HttpDeliveryCounts): void {
    this.requests += counts.requests;
    this.retriedRequests += counts.retriedRequests;
    this.resentEntries += counts.resentEntries;
  }

  /** The totals as the summary shows them. @example tally.note(); // "0 requests, 0 retried, 0 records resent" */
  note(): string {
    return `${this.requests} requests, ${this.retriedRequests} retried, ${this.resentEntries} records resent`;
  }
}
