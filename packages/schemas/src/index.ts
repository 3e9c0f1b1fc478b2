/**
 * Public API of @pinpipe/schemas: Zod schemas and types of the raw and clean pin, geo and user
 * records, their JSON Schema export and the Arrow schemas of the clean tables.
 *
 * @module @pinpipe/schemas
 */
export { geoArrowSchema, pinArrowSchema, userArrowSchema } from "./arrowSchemas";
export type { CleanConfig } from "./cleanConfig";
export { CleanConfigSchema, PLACEHOLDER_COLUMNS } from "./cleanConfig";
export type { CleanGeo } from "./cleanGeo";
export { CleanGeoSchema, CoordinatesSchema, GEO_COLUMNS } from "./cleanGeo";
export type { CleanPin } from "./cleanPin";
export { CleanPinSchema, PIN_COLUMNS } from "./cleanPin";
export type { CleanUser } from "./cleanUser";
export { CleanUserSchema, USER_COLUMNS } from "./cleanUser";
export { NAIVE_TIMESTAMP_PATTERN, NaiveTimestampSchema } from "./naiveTimestamp";
export type { RawGeo } from "./rawGeo";
export { RawGeoSchema } from "./rawGeo";
export type { RawPin } from "./rawPin";
export { RawPinSchema } from "./rawPin";
export type { RawUser } from "./rawUser";
export { RawUserSchema } from "./rawUser";
export type { JsonSchemaDocument, RecordSchemaName } from "./toJsonSchema";
export { toJsonSchema } from "./toJsonSchema";
