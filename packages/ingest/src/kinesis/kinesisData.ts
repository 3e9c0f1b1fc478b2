import { type DecodeResult, decoded, rejected } from "../kafkaConnect/decodeResult";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes of a Kinesis record's `Data`, which the SDK gives as bytes and JSON surfaces (Lambda
 * events, the HTTP API) give as base64 text. Base64 is checked strictly, since Node's own decoder skips
 * characters it does not know and would turn corrupt text into wrong bytes silently.
 *
 * @example
 * kinesisDataBytes("eyJpbmQiOjF9"); // { ok: true, value: Uint8Array of '{"ind":1}' }
 * kinesisDataBytes("not base64!"); // { ok: false, reason: "Data is not valid base64" }
 */
export function kinesisDataBytes(data: Uint8Array | string): DecodeResult<Uint8Array> {
  if (data instanceof Uint8Array) return decoded(data);
  if (typeof data !== "string") return rejected("Data is neither bytes nor a base64 string");
  if (data.length % 4 !== 0 || !BASE64.test(data)) return rejected("Data is not valid base64");
  const buffer = Buffer.from(data, "base64");
  return decoded(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
}
