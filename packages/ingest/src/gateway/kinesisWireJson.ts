/**
 * The JSON text Kinesis itself would answer for an AWS SDK output: the SDK's `$metadata` dropped and
 * dates back to Kinesis's epoch seconds, so a gateway can pass Kinesis's answer through unchanged.
 *
 * @example
 * kinesisWireJson({ $metadata: {}, StreamNames: ["a"], HasMoreStreams: false });
 * // '{"StreamNames":["a"],"HasMoreStreams":false}'
 * kinesisWireJson({ $metadata: {}, StreamCreationTimestamp: new Date(1500) }); // '{"StreamCreationTimestamp":1.5}'
 */
export function kinesisWireJson(output: object): string {
  return JSON.stringify(output, function (this: Record<string, unknown>, key, value: unknown) {
    if (key === "$metadata") return undefined;
    // JSON.stringify hands a Date's toJSON() text to the replacer; the holder still has the Date.
    const original = this[key];
    if (original instanceof Date) return original.getTime() / 1000;
    return value;
  });
}
