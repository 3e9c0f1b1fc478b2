/**
 * Options of the request-body decoders servers use (`decodeRestProxyProduce`,
 * `decodeApiGatewayPutRecord`, `decodeApiGatewayPutRecords`).
 *
 * @example
 * decodeApiGatewayPutRecords(body, { maxBodyBytes: 1024 * 1024 });
 */
export interface DecodeBodyOptions {
  /** Largest body accepted, in UTF-8 bytes; a larger one is refused before it is parsed. */
  readonly maxBodyBytes?: number;
}

/**
 * Largest API Gateway request body the decoders accept by default: 10 MiB (10,485,760 bytes), API
 * Gateway's own payload limit, so a body the real service would take is never refused here.
 *
 * @example
 * API_GATEWAY_MAX_BODY_BYTES; // 10485760
 */
export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Largest REST Proxy produce body `decodeRestProxyProduce` accepts by default: 10 MiB. The proxy sets
 * no fixed limit of its own, but Kafka refuses records over about 1 MB (`message.max.bytes`), so this
 * holds ten records of the largest size a broker takes by default while keeping a hostile body from
 * being parsed into memory.
 *
 * @example
 * REST_PROXY_MAX_BODY_BYTES; // 10485760
 */
export const REST_PROXY_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Why `body` is too large to parse under `options.maxBodyBytes` (else `fallback`), or `null`.
 *
 * @throws {RangeError} when `maxBodyBytes` is given and not a positive safe integer: a caller's bug.
 * @example
 * bodyByteLimitProblem("{}", { maxBodyBytes: 1 }, API_GATEWAY_MAX_BODY_BYTES); // "body is over the limit of 1 bytes"
 */
export function bodyByteLimitProblem(
  body: string,
  options: DecodeBodyOptions | undefined,
  fallback: number,
): string | null {
  const limit = options?.maxBodyBytes ?? fallback;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`maxBodyBytes must be a positive integer, got ${String(limit)}`);
  }
  // UTF-8 never takes fewer bytes than UTF-16 code units, so a long string is refused without counting.
  if (body.length > limit || Buffer.byteLength(body, "utf8") > limit) {
    return `body is over the limit of ${limit} bytes`;
  }
  return null;
}
