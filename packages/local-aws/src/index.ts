/**
 * Public API of @pinpipe/local-aws: real local S3 (s3rver), Kinesis (kinesalite) and Kafka (the Apache
 * broker, from the `kafka` peer's jars) servers on free 127.0.0.1 ports, each in a child process that stops with its parent.
 *
 * @module @pinpipe/local-aws
 */

export type { LocalServer } from "./localServer";
export type { LocalKafkaOptions, LocalKafkaServer } from "./startLocalKafka";
export { startLocalKafka } from "./startLocalKafka";
export type { LocalKinesisOptions } from "./startLocalKinesis";
export { startLocalKinesis } from "./startLocalKinesis";
export type { LocalS3Options, LocalS3Server } from "./startLocalS3";
export { startLocalS3 } from "./startLocalS3";
