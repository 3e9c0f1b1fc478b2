/**
 * Child-process probe: builds one JSON record holding an array of `argv[2]` zeros (a line of about
 * 2 bytes per element) and runs it through `parseJsonRecord`, printing `{ ok, reason }` as JSON. Run
 * in its own process so its memory can be measured and capped.
 *
 * @example
 * // node --conditions=@pinpipe/source --import tsx parseWideRecord.ts 8000000
 */
import { parseJsonRecord } from "@pinpipe/ingest";

const elements = Number(process.argv[2]);
const text = `{"index":1,"tag_list":[${"0,".repeat(elements)}0]}`;
const result = parseJsonRecord(text);
process.stdout.write(
  `${JSON.stringify({ ok: result.ok, bytes: text.length, reason: result.ok ? undefined : result.reason })}\n`,
);
