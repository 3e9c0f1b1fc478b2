/** Public API of @pinpipe/ingest. */
export type { AwsClientOptions } from "./awsClients/awsClientOptions";
export type { KinesisClientOptions } from "./awsClients/createKinesisClient";
export { createKinesisClient } from "./awsClients/createKinesisClient";
export type { S3ClientOptions } from "./awsClients/createS3Client";
export { createS3Client } from "./awsClients/createS3Client";
export type { AwsClientSettings } from "./awsClients/resolveAwsClientSettings";
export { LOCAL_DUMMY_CREDENTIALS, resolveAwsClientSettings } from "./awsClients/resolveAwsClientSettings";
export { COUNTRY_NAMES } from "./generator/countryNames";
export type { Prng } from "./generator/createPrng";
export { createPrng, deriveSeed } from "./generator/createPrng";
export { EMBEDDED_SAMPLE_OPTIONS, embeddedSample } from "./generator/embeddedSample";
export type { GeneratedPostLines } from "./generator/generatePostLines";
export { generatePostLines } from "./generator/generatePostLines";
export type { GeneratedPost, GeneratePostsOptions } from "./generator/generatePosts";
export { generatePosts } from "./generator/generatePosts";
export type { PostDefect, PostDefectKind } from "./generator/injectDefect";
export { POST_DEFECT_KINDS } from "./generator/injectDefect";
export type { PinCategory } from "./generator/rawDataCalibration";
export {
  CATEGORY_WEIGHTS,
  MEDIA_TYPES,
  RAW_DATA_CALIBRATION,
  RAW_PLACEHOLDERS,
} from "./generator/rawDataCalibration";
export type { BackoffOptions } from "./kinesisSource/backoffDelay";
export { backoffDelay } from "./kinesisSource/backoffDelay";
export type { EnsureKinesisStreamOptions } from "./kinesisSource/ensureKinesisStream";
export { ensureKinesisStream } from "./kinesisSource/ensureKinesisStream";
export { isExpiredIteratorError, isRetryableKinesisError } from "./kinesisSource/isRetryableKinesisError";
export type { KinesisReadApi, KinesisWriteApi } from "./kinesisSource/kinesisApi";
export { toKinesisReadApi, toKinesisWriteApi } from "./kinesisSource/kinesisApi";
export type { KinesisCheckpoint, KinesisShardCheckpoint } from "./kinesisSource/kinesisCheckpoint";
export { parseKinesisCheckpoint } from "./kinesisSource/kinesisCheckpoint";
export type { ListKinesisShardsOptions } from "./kinesisSource/listKinesisShards";
export { listKinesisShards } from "./kinesisSource/listKinesisShards";
export type { PutRecordsEntry } from "./kinesisSource/planPutRecordsBatches";
export { PUT_RECORDS_LIMITS, planPutRecordsBatches } from "./kinesisSource/planPutRecordsBatches";
export type { ShardReadState, ShardReadStep } from "./kinesisSource/planShardReads";
export { planShardReads } from "./kinesisSource/planShardReads";
export type {
  PutKinesisRecordsOptions,
  PutKinesisRecordsResult,
} from "./kinesisSource/putKinesisRecords";
export { KinesisPutRecordsError, putKinesisRecords } from "./kinesisSource/putKinesisRecords";
export type {
  KinesisBackoffEvent,
  KinesisRecordStream,
  KinesisSourceItem,
  ReadKinesisRecordsOptions,
} from "./kinesisSource/readKinesisRecords";
export { readKinesisRecords } from "./kinesisSource/readKinesisRecords";
export type { ShardStartPosition } from "./kinesisSource/shardStartPosition";
export { shardIteratorRequest } from "./kinesisSource/shardStartPosition";
