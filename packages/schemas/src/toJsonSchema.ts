import { z } from "zod";
import { CleanConfigSchema } from "./cleanConfig";
import { CleanGeoSchema } from "./cleanGeo";
import { CleanPinSchema } from "./cleanPin";
import { CleanUserSchema } from "./cleanUser";
import { RawGeoSchema } from "./rawGeo";
import { RawPinSchema } from "./rawPin";
import { RawUserSchema } from "./rawUser";

/** Names of the schemas that have a JSON Schema export (the records, and the clean config file). */
export type RecordSchemaName =
  | "rawPin"
  | "rawGeo"
  | "rawUser"
  | "cleanPin"
  | "cleanGeo"
  | "cleanUser"
  | "cleanConfig";

const schemas = {
  rawPin: RawPinSchema,
  rawGeo: RawGeoSchema,
  rawUser: RawUserSchema,
  cleanPin: CleanPinSchema,
  cleanGeo: CleanGeoSchema,
  cleanUser: CleanUserSchema,
  cleanConfig: CleanConfigSchema,
} satisfies Record<RecordSchemaName, z.ZodType>;

/** A JSON Schema document (draft 2020-12) as a plain object. */
export type JsonSchemaDocument = Record<string, unknown>;

/**
 * JSON Schema (draft 2020-12) of a raw or clean record, for services written in other languages.
 * Dates of the clean records are described as they travel in JSON: ISO 8601 `date-time` strings.
 *
 * @example
 * const schema = toJsonSchema("cleanGeo");
 * schema.required; // ["ind", "country", "coordinates", "timestamp"]
 */
export function toJsonSchema(name: RecordSchemaName): JsonSchemaDocument {
  const schema: z.ZodType = schemas[name];
  return z.toJSONSchema(schema, {
    target: "draft-2020-12",
    // Dates are unrepresentable to zod; the override below describes them as JSON carries them.
    unrepresentable: "any",
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as JsonSchemaDocument;
}
