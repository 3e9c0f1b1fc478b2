import { describeHttpAnswer } from "./describeHttpAnswer";
import { exchangeHttp, type HttpRequest } from "./httpExchange";
import { RetryClock, type RetryPolicy } from "./retryClock";

/**
 * What a successful (2xx) answer said about the entries of a batch.
 *
 * @example
 * const answer: HttpBatchAnswer = { resend: [1], reason: "1 of 2 records failed (error_code 2: leader not available)" };
 */
export interface HttpBatchAnswer {
  /** Positions, in the batch sent, of the entries that failed and are worth sending again. */
  readonly resend: readonly number[];
  /** Why they failed, for the error when retrying runs out of time. */
  readonly reason: string;
}

/**
 * How one HTTP sink speaks: the request for a batch of records, and how to read a 2xx answer.
 *
 * @example
 * const protocol: HttpBatchProtocol<JsonRecord> = {
 *   request: (batch) => ({ method: "POST", url, contentType: "application/json", body: JSON.stringify(batch) }),
 *   readAnswer: () => ({ resend: [], reason: "" }),
 * };
 */
export interface HttpBatchProtocol<T> {
  request(batch: readonly T[]): HttpRequest;
  /**
   * Reads a 2xx answer to `batch`.
   *
   * @throws {Error} for entries no retry can fix, or an answer that cannot be read (then nobody knows
   * which records were stored, and resending could duplicate them).
   */
  readAnswer(body: string, batch: readonly T[]): HttpBatchAnswer;
}

/**
 * Options of {@link deliverHttpBatches}.
 *
 * @example
 * const options: DeliverHttpBatchesOptions = { perRequest: 1, requestTimeoutMs: 30_000, policy };
 */
export interface DeliverHttpBatchesOptions {
  /** Records per request (the last request of a call may carry fewer). */
  readonly perRequest: number;
  readonly requestTimeoutMs: number;
  readonly policy: RetryPolicy;
}

/**
 * What {@link deliverHttpBatches} did, to add up for the summary.
 *
 * @example
 * const counts: HttpDeliveryCounts = { requests: 12, retriedRequests: 1, resentEntries: 2 };
 */
export interface HttpDeliveryCounts {
  /** Requests sent, retries included. */
  readonly requests: number;
  /** Whole requests sent again after no answer, 408, 429 or 5xx. */
  readonly retriedRequests: number;
  /** Entries sent again after the answer marked them failed. */
  readonly resentEntries: number;
}

const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * Sends `records` in order, `perRequest` per request, one request at a time. A request without an
 * answer, or answered 408, 429 or 5xx, is sent again whole; entries a 2xx answer marks failed (and
 * retryable) are sent again alone; both after a capped exponential backoff with jitter, for at most
 * `policy.retryForMs` per request. Any other status fails at once. Resending only failed entries can
 * put them after later entries of the same request, as with Kinesis PutRecords; with one record per
 * request the order is kept. A request whose answer was lost may have been stored: at least once.
 *
 * @throws {Error} "<METHOD> <url> answered <status> <text>: <server's message>" for a non-retryable
 * status, "<METHOD> <url>: gave up after ..." when retrying runs out of time, and "<METHOD> <url>: ..."
 * for an answer `readAnswer` refuses.
 * @example
 * const counts = await deliverHttpBatches(records, protocol, { perRequest: 10, requestTimeoutMs: 30_000, policy });
 */
export async function deliverHttpBatches<T>(
  records: readonly T[],
  protocol: HttpBatchProtocol<T>,
  options: DeliverHttpBatchesOptions,
): Promise<HttpDeliveryCounts> {
  const { perRequest, requestTimeoutMs, policy } = options;
  if (!Number.isSafeInteger(perRequest) || perRequest < 1) {
    throw new RangeError(`perRequest must be a positive integer, got ${perRequest}`);
  }
  let requests = 0;
  let retriedRequests = 0;
  let resentEntries = 0;
  for (let start = 0; start < records.length; start += perRequest) {
    let pending = records.slice(start, start + perRequest);
    const clock = new RetryClock(policy);
    for (;;) {
      const request = protocol.request(pending);
      const where = `${request.method} ${request.url}`;
      const pause = (reason: string): Promise<void> =>
        clock.pause(reason).catch((error: unknown) => {
          throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
        });
      requests++;
      const outcome = await exchangeHttp(request, requestTimeoutMs);
      if (!outcome.answered) {
        await pause(outcome.reason);
        retriedRequests++;
        continue;
      }
      const { status, statusText, body } = outcome;
      if (status < 200 || status >= 300) {
        const described = describeHttpAnswer(status, statusText, body);
        if (!isRetryableStatus(status)) throw new Error(`${where} answered ${described}`);
        await pause(described);
        retriedRequests++;
        continue;
      }
      let answer: HttpBatchAnswer;
      try {
        answer = protocol.readAnswer(body, pending);
      } catch (error) {
        throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (answer.resend.length === 0) break;
      const failed = pending;
      pending = answer.resend.map((position) => failed[position]!);
      await pause(answer.reason);
      resentEntries += pending.length;
    }
  }
  return { requests, retriedRequests, resentEntries };
}
