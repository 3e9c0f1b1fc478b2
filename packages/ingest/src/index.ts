/** Public API of @pinpipe/ingest.
 *
 * @module @pinpipe/ingest
 */
export type { ApiGatewayPutRecordBody } from "./apiGateway/apiGatewayPutRecordBody";
export { decodeApiGatewayPutRecord, encodeApiGatewayPutRecord } from "./apiGateway/apiGatewayPutRecordBody";
export type { ApiGatewayPutRecordsEntry } from "./apiGateway/apiGatewayPutRecordsBody";
export {
  decodeApiGatewayPutRecords,
  encodeApiGatewayPutRecords,
} from "./apiGateway/apiGatewayPutRecordsBody";
export type { DecodeBodyOptions } from "./apiGateway/bodyByteLimit";
export { API_GATEWAY_MAX_BODY_BYTES, REST_PROXY_MAX_BODY_BYTES } from "./apiGateway/bodyByteLimit";
export type { KinesisProxyRecordResult } from "./apiGateway/kinesisProxyResponse";
export {
  decodeApiGatewayPutRecordResponse,
  decodeApiGatewayPutRecordsResponse,
  encodeApiGatewayPutRecordResponse,
  encodeApiGatewayPutRecordsResponse,
} from "./apiGateway/kinesisProxyResponse";
export type { KinesisProxyRoute } from "./apiGateway/kinesisProxyRoute";
export { parseKinesisProxyRoute } from "./apiGateway/kinesisProxyRoute";
export { isKinesisStreamName } from "./apiGateway/kinesisStreamName";
export type { KinesisPutRecordInput, KinesisPutRecordsInput } from "./apiGateway/toKinesisInput";
export { toKinesisPutRecordInput, toKinesisPutRecordsInput } from "./apiGateway/toKinesisInput";
export type { AwsClientOptions } from "./awsClients/awsClientOptions";
export type { KinesisClientOptions } from "./awsClients/createKinesisClient";
export { createKinesisClient } from "./awsClients/createKinesisClient";
export type { S3ClientOptions } from "./awsClients/createS3Client";
export { createS3Client } from "./awsClients/createS3Client";
export type { AwsClientSettings } from "./awsClients/resolveAwsClientSettings";
export { LOCAL_DUMMY_CREDENTIALS, resolveAwsClientSettings } from "./awsClients/resolveAwsClientSettings";
export type { EmulatorStep } from "./emulator/emulatorSequence";
export { emulatorSequence, emulatorSteps, iterateEmulatorSteps } from "./emulator/emulatorSequence";
export type { PythonIntSeed } from "./emulator/pythonRandom";
export { PythonRandom } from "./emulator/pythonRandom";
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
export type { EnsureKafkaTopicsOptions } from "./kafka/ensureKafkaTopics";
export { ensureKafkaTopics } from "./kafka/ensureKafkaTopics";
export { kafkaErrorMessage } from "./kafka/kafkaErrorMessage";
export type { KafkaGroupSource, KafkaGroupSourceOptions, KafkaSourceMessage } from "./kafka/kafkaGroupSource";
export { openKafkaGroupSource } from "./kafka/kafkaGroupSource";
export type {
  KafkaPartitionOffset,
  KafkaRecordProducer,
  KafkaRecordProducerOptions,
  KafkaRecordToSend,
} from "./kafka/kafkaRecordProducer";
export { createKafkaRecordProducer } from "./kafka/kafkaRecordProducer";
export { kafkaTopicNames } from "./kafka/kafkaTopicNames";
export type { KafkaTopicPartitionsOptions, ListKafkaTopicsOptions } from "./kafka/kafkaTopicPartitions";
export { kafkaTopicPartitions, listKafkaTopics } from "./kafka/kafkaTopicPartitions";
export { parseKafkaBrokers } from "./kafka/parseKafkaBrokers";
export type { KafkaConnectKeyOrder } from "./kafkaConnect/compareKafkaConnectKeys";
export { compareKafkaConnectKeys } from "./kafkaConnect/compareKafkaConnectKeys";
export type {
  BadLine,
  DecodeKafkaConnectObjectOptions,
  KafkaConnectObjectContents,
} from "./kafkaConnect/decodeKafkaConnectObject";
export { decodeKafkaConnectObject } from "./kafkaConnect/decodeKafkaConnectObject";
export type { DecodeResult } from "./kafkaConnect/decodeResult";
export type { EncodeKafkaConnectObjectOptions } from "./kafkaConnect/encodeKafkaConnectObject";
export { encodeKafkaConnectObject } from "./kafkaConnect/encodeKafkaConnectObject";
export type { KafkaConnectKeyParts } from "./kafkaConnect/formatKafkaConnectKey";
export { formatKafkaConnectKey } from "./kafkaConnect/formatKafkaConnectKey";
export { IngestInputError } from "./kafkaConnect/ingestInputError";
export type { JsonRecord, JsonValue } from "./kafkaConnect/jsonRecord";
export {
  findJsonRecordProblem,
  findJsonValueProblem,
  MAX_JSON_DEPTH,
  parseJsonRecord,
} from "./kafkaConnect/jsonRecord";
export type { SourceTable } from "./kafkaConnect/kafkaTopic";
export { isKafkaTopic, tableForTopic } from "./kafkaConnect/kafkaTopic";
export type { KafkaConnectCompression, KafkaConnectKey } from "./kafkaConnect/parseKafkaConnectKey";
export { parseKafkaConnectKey } from "./kafkaConnect/parseKafkaConnectKey";
export type { AggregateLimits, KinesisPutRecordsEntry } from "./kinesis/aggregate";
export { aggregate } from "./kinesis/aggregate";
export { batchPutRecords } from "./kinesis/batchPutRecords";
export { compareSequenceNumbers } from "./kinesis/compareSequenceNumbers";
export { deaggregate } from "./kinesis/deaggregate";
export type {
  KinesisJsonRecord,
  KinesisRecordContents,
  KinesisRecordLike,
  RejectedUserRecord,
} from "./kinesis/decodeKinesisRecord";
export { decodeKinesisRecord } from "./kinesis/decodeKinesisRecord";
export { kinesisDataBytes } from "./kinesis/kinesisData";
export { explicitHashKeyProblem, partitionKeyProblem } from "./kinesis/kinesisKeys";
export type { KinesisLimits } from "./kinesis/kinesisLimits";
export { KINESIS_LIMITS } from "./kinesis/kinesisLimits";
export type { DeaggregatedUserRecord, KplUserRecord } from "./kinesis/kplFormat";
export { hasKplMagic, KPL_MAGIC } from "./kinesis/kplFormat";
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
export type { LocalRecordFile } from "./local/listLocalRecordFiles";
export { compareLocalRecordFiles, listLocalRecordFiles, tableOfFileName } from "./local/listLocalRecordFiles";
export type {
  KafkaConnectLayout,
  KafkaConnectObjectPlan,
  KafkaConnectPlacement,
} from "./local/planKafkaConnectObjects";
export {
  placeKafkaConnectRecord,
  planKafkaConnectObjects,
  validateKafkaConnectLayout,
} from "./local/planKafkaConnectObjects";
export type { LocalRecord, LocalRecordPosition, ReadLocalRecordsOptions } from "./local/readLocalRecords";
export { readLocalRecords } from "./local/readLocalRecords";
export type { ArraySplitItem, JsonArraySplitter } from "./local/splitJsonArray";
export { createJsonArraySplitter } from "./local/splitJsonArray";
export type { ByteSplitter, SplitItem } from "./local/splitLines";
export { createLineSplitter } from "./local/splitLines";
export type {
  KafkaConnectWriteSummary,
  WriteKafkaConnectLayoutOptions,
} from "./local/writeKafkaConnectLayout";
export { writeKafkaConnectLayout } from "./local/writeKafkaConnectLayout";
export type { WriteNdjsonOptions } from "./local/writeNdjson";
export { writeNdjson } from "./local/writeNdjson";
export type { RestProxyProduceRequest, RestProxyRecord } from "./restProxy/restProxyProduceRequest";
export {
  decodeRestProxyProduce,
  encodeRestProxyProduce,
  REST_PROXY_JSON_V2_CONTENT_TYPE,
} from "./restProxy/restProxyProduceRequest";
export type {
  RestProxyOffset,
  RestProxyOffsetFailure,
  RestProxyOffsetSuccess,
} from "./restProxy/restProxyProduceResponse";
export {
  decodeRestProxyProduceResponse,
  encodeRestProxyProduceResponse,
} from "./restProxy/restProxyProduceResponse";
export { ensureS3Bucket } from "./s3/ensureS3Bucket";
export type { GetS3ObjectOptions } from "./s3/getS3Object";
export { getS3Object } from "./s3/getS3Object";
export type { ListS3ObjectsOptions, S3ObjectSummary } from "./s3/listS3Objects";
export { listS3Objects } from "./s3/listS3Objects";
export type { PutS3ObjectOptions } from "./s3/putS3Object";
export { putS3Object } from "./s3/putS3Object";
export type { ReadS3RecordsOptions } from "./s3/readS3Records";
export { readS3Records } from "./s3/readS3Records";
export type { S3Record, S3RecordErrorKind, S3RecordPosition } from "./s3/s3Record";
export { validateS3Key } from "./s3/validateS3Key";
export type {
  S3KafkaConnectWriteSummary,
  WriteS3KafkaConnectLayoutOptions,
} from "./s3/writeS3KafkaConnectLayout";
export { writeS3KafkaConnectLayout } from "./s3/writeS3KafkaConnectLayout";
