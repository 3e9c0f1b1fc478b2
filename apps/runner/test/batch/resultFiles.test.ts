import { analyze, QUERY_NAMES, QUERY_REGISTRY } from "@pinpipe/analytics";
import { RESULT_COLUMNS, resultCsv, resultJson } from "@pinpipe/core";
import { describe, expect, it } from "vitest";
import { cleanRecords, rawLines } from "./rawTopicsFixture";

/** A strict RFC 4180 reader, enough to check what the writer produces. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error("unterminated quote");
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else if (text[i] === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (text.startsWith("\r\n", i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      if (text[i] === "\n" || text[i] === "\r" || text[i] === '"')
        throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
      field += text[i];
      i++;
    }
  }
  if (field !== "" || row.length > 0) throw new Error("last line not ended by CRLF");
  return rows;
}

describe("result files", () => {
  it("write CSV as RFC 4180: CRLF lines, quoted fields with doubled quotes, null as empty", () => {
    const rows = [
      { country: 'Say "hi", me', poster_name: "line\nbreak", follower_count: 12 },
      { country: null, poster_name: "plain", follower_count: 0 },
      { country: "cr\rhere", poster_name: " spaced ", follower_count: 1.5 },
    ];
    const csv = resultCsv(["country", "poster_name", "follower_count"], rows);
    expect(csv).toBe(
      'country,poster_name,follower_count\r\n"Say ""hi"", me","line\nbreak",12\r\n,plain,0\r\n"cr\rhere", spaced ,1.5\r\n',
    );
    expect(parseCsv(csv)).toEqual([
      ["country", "poster_name", "follower_count"],
      ['Say "hi", me', "line\nbreak", "12"],
      ["", "plain", "0"],
      ["cr\rhere", " spaced ", "1.5"],
    ]);
  });

  it("write a header even without rows, and JSON arrays one row per line", () => {
    expect(resultCsv(QUERY_REGISTRY.q6.columns, [])).toBe("post_year,number_users_joined\r\n");
    expect(resultJson([])).toBe("[]\n");
    const rows = [
      { post_year: 2018, number_users_joined: 7 },
      { post_year: null, number_users_joined: 1 },
    ];
    const json = resultJson(rows);
    expect(json.split("\n")).toHaveLength(5);
    expect(JSON.parse(json)).toEqual(rows);
  });

  it("name exactly the columns the queries return, in their order", () => {
    const clean = cleanRecords(rawLines(400, 3));
    const results = analyze(clean, { ties: "all" });
    for (const name of QUERY_NAMES) {
      const { columns } = QUERY_REGISTRY[name];
      expect(results[name].length, name).toBeGreaterThan(0);
      for (const row of results[name]) expect(Object.keys(row), name).toEqual(columns);
      const parsed = parseCsv(resultCsv(columns, results[name]));
      expect(parsed[0]).toEqual(columns);
      expect(parsed.length).toBe(results[name].length + 1);
    }
  });

  it("keep RESULT_COLUMNS as the registry's columns, keyed by query name", () => {
    expect(Object.keys(RESULT_COLUMNS)).toEqual([...QUERY_NAMES]);
    for (const name of QUERY_NAMES) expect(RESULT_COLUMNS[name]).toBe(QUERY_REGISTRY[name].columns);
  });
});
