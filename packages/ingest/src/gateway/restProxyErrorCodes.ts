/**
 * The REST Proxy error codes the gateway answers with, as the Confluent proxy numbers them: the HTTP
 * status followed by a two-digit refinement, or the bare status for errors of the HTTP layer.
 *
 * @example
 * REST_PROXY_ERROR_CODES.topicNotFound; // 40401
 */
export const REST_PROXY_ERROR_CODES = {
  /** The body is not JSON at all (the proxy's JSON parser answers with the bare status). */
  malformedJson: 400,
  topicNotFound: 40401,
  partitionNotFound: 40402,
  methodNotAllowed: 405,
  /** The Accept header allows none of the proxy's answer types. */
  notAcceptable: 40601,
  /** The Content-Type is not one the produce API takes. */
  unsupportedMediaType: 415,
  /** A key is given in a schema format without `key_schema`/`key_schema_id`. */
  keySchemaMissing: 42201,
  /** Values are given in a schema format without `value_schema`/`value_schema_id`. */
  valueSchemaMissing: 42202,
  /** A key or value cannot be converted to the format's bytes (e.g. binary that is not base64). */
  jsonConversion: 42203,
  /** The request parses but is not a produce request (no `records`, a record that is not an object, …). */
  invalidPayload: 42206,
  /** Kafka refused the records for a reason a resend does not fix. */
  kafkaError: 50002,
  /** Kafka did not store the records for a reason that may pass (no leader, timeout, unreachable). */
  kafkaRetriableError: 50003,
} as const;
