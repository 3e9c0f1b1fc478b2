import { emptyAccounting, QUERY_REGISTRY } from "@pinpipe/analytics";
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
  it("prints one reconciling row per table and the rejections by reason", () => {
    const accounting = emptyAccounting();
    Object.assign(accounting.pin, { records: 1_234_567, clean: 1_234_000, duplicates: 500 });
    accounting.pin.rejected.invalid_json = 60;
    accounting.pin.rejected.missing_key = 7;
    const lines = formatAccounting(accounting, true);
    expect(lines[0]).toBe("table    records      clean  rejected  duplicates");
    expect(lines[1]).toBe("pin    1,234,567  1,234,000        67         500");
    expect(lines[2]).toBe("geo            0          0         0           0");
    expect(lines[4]).toBe("rejected: pin invalid_json 60, missing_key 7");
    expect(lines).toHaveLength(5);
    expect(formatAccounting(emptyAccounting(), false).at(-1)).toMatch(/duplicates are kept/);
  });
});
