import { QUERY_REGISTRY } from "@pinpipe/analytics";
import { type CountsByTable, CountsTally, emptyTableCounts } from "@pinpipe/clean";
import { describe, expect, it } from "vitest";
import { formatAccounting } from "../../src/analyze/formatAccounting";
import { formatResultTables } from "../../src/analyze/formatResultTables";

describe("formatResultTables", () => {
  it("aligns columns, numbers to the right, and spells out null", () => {
    const text = formatResultTables({
      q3: [
        { country: "Chad", poster_name: "Bored Panda", follower_count: 2_000_000 },
        { country: null, poster_name: "A", follower_count: 7 },
      ],
    });
    expect(text).toBe(
      [
        "q3: User with the most followers per country",
        "  country  poster_name  follower_count",
        "  -------  -----------  --------------",
        "  Chad     Bored Panda         2000000",
        "  null     A                         7",
        "",
      ].join("\n"),
    );
  });

  it("keeps every row on one line and marks empty results", () => {
    const text = formatResultTables({
      q1: [{ country: "a\nb\tc", category: "art", category_count: 1 }],
      q6: [],
    });
    expect(text).toContain("  a\\nb\\tc  art");
    expect(text).toContain("q6: Users joined per year (2015–2020)\n  (no rows)\n");
  });

  it("titles and orders columns as QUERY_REGISTRY says, results in QUERY_NAMES order", () => {
    const row = { number_users_joined: 7, post_year: 2015 } as const;
    const text = formatResultTables({ q6: [row], q1: [] });
    expect(text.split("\n").slice(0, 4)).toEqual([
      `q1: ${QUERY_REGISTRY.q1.title}`,
      "  (no rows)",
      "",
      `q6: ${QUERY_REGISTRY.q6.title}`,
    ]);
    expect(text).toContain(`\n  ${QUERY_REGISTRY.q6.columns.join("  ")}\n`);
  });
});

describe("formatAccounting", () => {
  const empty = (): CountsByTable => ({
    pin: emptyTableCounts(),
    geo: emptyTableCounts(),
    user: emptyTableCounts(),
  });

  it("prints one reconciling row per table and the rejections by reason", () => {
    const accounting: CountsByTable = {
      ...empty(),
      pin: {
        in: 1_234_567,
        clean: 1_234_000,
        rejected: 67,
        duplicates: 500,
        byReason: { invalid_json: 60, too_long: 0, not_an_object: 0, missing_key: 7, invalid_key: 0 },
        byRule: { invalid_json: 60, missing_key: 7, placeholder: 12 },
        byField: { $: 60, index: 7, title: 12 },
      },
    };
    const lines = formatAccounting(accounting, true);
    expect(lines[0]).toBe("table         in      clean  rejected  duplicates");
    expect(lines[1]).toBe("pin    1,234,567  1,234,000        67         500");
    expect(lines[2]).toBe("geo            0          0         0           0");
    expect(lines[3]).toBe("user           0          0         0           0");
    expect(lines[4]).toBe("rejected: pin invalid_json 60, missing_key 7");
    expect(lines).toHaveLength(5);
    expect(formatAccounting(empty(), false)).toEqual([
      "table  in  clean  rejected  duplicates",
      "pin     0      0         0           0",
      "geo     0      0         0           0",
      "user    0      0         0           0",
      "duplicates are kept (pass --dedupe to drop exact duplicate records)",
    ]);
  });

  it("prints counts tallied record by record, reasons in REJECT_REASONS order, table by table", () => {
    const user = new CountsTally();
    for (let i = 0; i < 1500; i++) user.countClean();
    user.countIssue("first_name", "placeholder");
    user.countRejected("too_long", "$");
    user.countRejected("invalid_key", "ind");
    user.countRejected("invalid_json", "$");
    user.countDuplicates(2);
    const geo = new CountsTally();
    geo.countRejected("not_an_object", "$");
    const accounting: CountsByTable = { pin: emptyTableCounts(), geo: geo.counts(), user: user.counts() };
    expect(formatAccounting(accounting, true)).toEqual([
      "table     in  clean  rejected  duplicates",
      "pin        0      0         0           0",
      "geo        1      0         1           0",
      "user   1,503  1,498         3           2",
      "rejected: geo not_an_object 1; user invalid_json 1, too_long 1, invalid_key 1",
    ]);
  });
});
