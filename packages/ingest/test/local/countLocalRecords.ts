import { readLocalRecords } from "../../src/index";

/*
 * Child process of readLocalRecordsAtScale.reliability.test.ts, so that the peak RSS it reports is
 * the reader's alone: `countLocalRecords.ts <folder>` streams the folder with readLocalRecords and
 * prints, as one JSON object, the records and the characters of their re-serialized JSON per table
 * (a record cut short or read twice changes them), the error items, and its RSS before reading and
 * its peak RSS, in MB.
 */
const [folder] = process.argv.slice(2);
if (folder === undefined) throw new Error("usage: countLocalRecords.ts <folder>");

const startRssMb = process.memoryUsage().rss / 2 ** 20;
const records: Record<string, number> = { pin: 0, geo: 0, user: 0 };
const chars: Record<string, number> = { pin: 0, geo: 0, user: 0 };
let errors = 0;
for await (const { table, record, error } of readLocalRecords(folder)) {
  if (error !== undefined || table === null) {
    errors++;
    continue;
  }
  records[table] = (records[table] ?? 0) + 1;
  chars[table] = (chars[table] ?? 0) + JSON.stringify(record).length;
}
// resourceUsage().maxRSS is the process's peak resident set, in kilobytes.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ records, chars, errors, startRssMb, peakRssMb })}\n`);
