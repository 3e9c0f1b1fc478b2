import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toAnalyticsTables } from "../../src/index";
import { q6 } from "../../src/queries/q6UsersJoinedByYear";
import { cleanUser } from "./cleanRecords";

describe("q6: users joined per year 2015-2020 (user table, no join)", () => {
  it("counts user rows by the UTC year of date_joined, boundaries included, others left out", () => {
    const joined = [
      "2014-12-31 23:59:59",
      "2015-01-01 00:00:00",
      "2015-06-01 00:00:00",
      "2020-12-31 23:59:59",
      "2021-01-01 00:00:00",
      null,
    ];
    const tables = toAnalyticsTables({
      pin: [],
      geo: [],
      user: joined.map((date, ind) => cleanUser(ind, 30, date)),
    });
    expect(q6(tables)).toEqual([
      { post_year: 2015, number_users_joined: 2 },
      { post_year: 2020, number_users_joined: 1 },
    ]);
  });

  it("needs no pin (no join) and counts duplicate user rows", () => {
    const user = cleanUser(1, 30, "2016-02-02 00:00:00");
    const tables = toAnalyticsTables({
      pin: [],
      geo: [],
      user: [user, user, cleanUser(1, 30, "2017-01-01 00:00:00")],
    });
    expect(q6(tables)).toEqual([
      { post_year: 2016, number_users_joined: 2 },
      { post_year: 2017, number_users_joined: 1 },
    ]);
  });

  it("agrees with Date#getUTCFullYear for any instant", () => {
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
      fc.integer({ min: Date.UTC(2014, 0, 1), max: Date.UTC(2022, 0, 1) }),
      fc.integer({ min: 2014, max: 2021 }).map((year) => Date.UTC(year, 0, 1) - 1),
    );
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 30 }), (times) => {
        const users = times.map((time, ind) => ({ ...cleanUser(ind, 30), date_joined: new Date(time) }));
        const expected = new Map<number, number>();
        for (const time of times) {
          const year = new Date(time).getUTCFullYear();
          if (year >= 2015 && year <= 2020) expected.set(year, (expected.get(year) ?? 0) + 1);
        }
        const rows = q6(toAnalyticsTables({ pin: [], geo: [], user: users }));
        expect(rows).toEqual(
          [...expected]
            .sort(([a], [b]) => a - b)
            .map(([post_year, n]) => ({ post_year, number_users_joined: n })),
        );
      }),
      { numRuns: 200 },
    );
  });
});
