import type { DeltaAction } from "./deltaActions";
import { DeltaLogError } from "./deltaErrors";

const ACTION_KEYS = new Set(["protocol", "metaData", "add", "remove", "txn", "commitInfo"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function check(condition: boolean, where: string, what: string): void {
  if (!condition) throw new DeltaLogError(`${where}: ${what}`);
}

/** Checks the fields replay depends on, so a corrupt action fails here and not as a wrong table. */
function checkAction(key: string, body: Record<string, unknown>, where: string): void {
  const isCount = (value: unknown) => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
  switch (key) {
    case "protocol":
      check(
        isCount(body.minReaderVersion) && isCount(body.minWriterVersion),
        where,
        "protocol without versions",
      );
      break;
    case "metaData":
      check(typeof body.id === "string", where, "metaData without an id");
      check(
        body.schemaString === undefined || typeof body.schemaString === "string",
        where,
        "metaData with a schemaString that is not text",
      );
      check(Array.isArray(body.partitionColumns), where, "metaData without partitionColumns");
      break;
    case "add":
      check(typeof body.path === "string" && body.path !== "", where, "add without a path");
      check(isObject(body.partitionValues), where, "add without partitionValues");
      check(isCount(body.size), where, "add without a size");
      break;
    case "remove":
      check(typeof body.path === "string" && body.path !== "", where, "remove without a path");
      break;
    case "txn":
      check(typeof body.appId === "string", where, "txn without an appId");
      check(
        typeof body.version === "number" && Number.isSafeInteger(body.version),
        where,
        "txn without a version",
      );
      break;
  }
}

/**
 * The actions of one commit file: one JSON object per line, blank lines ignored, each with one
 * known action key (unknown keys, from newer writers, are kept out: a table that needs them has a
 * protocol this reader refuses). Throws a {@link DeltaLogError} naming the file and line for an
 * empty file, a line that is not JSON (a truncated write) or an action missing a field replay needs.
 *
 * @example
 * parseCommit('{"txn":{"appId":"a","version":1}}\n', "00000000000000000001.json"); // [{ txn: { appId: "a", version: 1 } }]
 */
export function parseCommit(text: string, file: string): DeltaAction[] {
  const actions: DeltaAction[] = [];
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${file} line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DeltaLogError(`${where} is not valid JSON (a corrupt or truncated commit)`);
    }
    check(isObject(value), where, "an action is not a JSON object");
    const keys = Object.keys(value as object).filter((key) => ACTION_KEYS.has(key));
    if (keys.length === 0) return;
    check(keys.length === 1, where, `one line holds several actions (${keys.join(", ")})`);
    const key = keys[0]!;
    const body = (value as Record<string, unknown>)[key];
    check(isObject(body), where, `${key} is not an object`);
    checkAction(key, body as Record<string, unknown>, where);
    actions.push({ [key]: body } as DeltaAction);
  });
  if (actions.length === 0) throw new DeltaLogError(`${file} holds no actions (an empty or corrupt commit)`);
  return actions;
}
