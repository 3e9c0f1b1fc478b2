/**
 * Output sinks (local folder or S3 prefix) shared by the batch and stream jobs; see
 * docs/output-layout.md for what they write.
 */
export { LocalOutputSink } from "./localOutputSink";
export type { OpenOutputSinkOptions } from "./openOutputSink";
export { openOutputSink } from "./openOutputSink";
export type { OutputSink } from "./outputSink";
export { S3OutputSink } from "./s3OutputSink";
export { scopedOutputSink } from "./scopedOutputSink";
export type { StorageLocation } from "./storageLocation";
export { parseStorageLocation } from "./storageLocation";
export { validateOutputPath } from "./validateOutputPath";
