/**
 * A fault-injecting HTTP/1.1 reverse proxy for reliability tests: it sits between the AWS SDK clients
 * and the local S3/Kinesis servers and injects errors, throttling, pauses, resets and cut answers.
 */
export type { FaultCounts, FaultKind } from "./faultKind";
export { emptyFaultCounts, FAULT_KINDS } from "./faultKind";
export type { FaultChooser, FaultPlan, FaultRequest } from "./faultPlan";
export { createFaultChooser } from "./faultPlan";
export type { PartialPutRecords } from "./partialPutRecords";
export { mergePutRecordsAnswer, splitPutRecords } from "./partialPutRecords";
export type { FaultService, ProtocolErrorKind, ProtocolErrorResponse } from "./protocolErrorResponse";
export { protocolErrorResponse } from "./protocolErrorResponse";
export type { FaultEvent, FaultProxy, FaultProxyOptions, FaultProxyStats } from "./startFaultProxy";
export { startFaultProxy } from "./startFaultProxy";
