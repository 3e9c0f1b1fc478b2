import { createHash } from "node:crypto";
import type { CleanUser } from "@pinpipe/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CleanTableColumns,
  cleanRowComparator,
  cleanTableToParquet,
  sortCleanRows,
} from "../../src/parquet/index";

const columnsOf = (users: readonly CleanUser[]) => {
  const columns = new CleanTableColumns("user");
  for (const user of users) columns.push(user);
  return columns;
};

describe("sortCleanRows", () => {
  it("orders by ind, then by the other columns in schema order, nulls last", () => {
    const users: CleanUser[] = [
      { ind: 2, user_name: "b", age: 30, date_joined: null },
      { ind: 1, user_name: null, age: 30, date_joined: null },
      { ind: 1, user_name: "a", age: null, date_joined: null },
      { ind: 1, user_name: "a", age: 20, date_joined: new Date(5) },
      { ind: 1, user_name: "a", age: 20, date_joined: new Date(1) },
      { ind: 1, user_name: "B", age: 99, date_joined: null },
    ];
    expect([...sortCleanRows(columnsOf(users))]).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it("sorts only the given rows", () => {
    const columns = columnsOf([
      { ind: 3, user_name: null, age: null, date_joined: null },
      { ind: 1, user_name: null, age: null, date_joined: null },
      { ind: 2, user_name: null, age: null, date_joined: null },
    ]);
    expect([...sortCleanRows(columns, [0, 2])]).toEqual([2, 0]);
  });

  it("compares equal exactly the rows equal in every column", () => {
    const columns = columnsOf([
      { ind: 1, user_name: "a", age: 20, date_joined: new Date(7) },
      { ind: 1, user_name: "a", age: 20, date_joined: new Date(7) },
      { ind: 1, user_name: "a", age: 20, date_joined: new Date(8) },
    ]);
    const compare = cleanRowComparator(columns);
    expect(compare(0, 1)).toBe(0);
    expect(compare(0, 2)).toBeLessThan(0);
    expect(compare(2, 0)).toBeGreaterThan(0);
  });

  it("makes the Parquet bytes independent of the order rows arrive in", () => {
    const user = fc.record({
      ind: fc.integer({ min: 0, max: 5 }),
      user_name: fc.option(fc.constantFrom("a", "b", "Zoë", "😀"), { nil: null }),
      age: fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }),
      date_joined: fc.option(
        fc.integer({ min: 0, max: 2_000_000_000_000 }).map((ms) => new Date(ms)),
        { nil: null },
      ),
    });
    const sha = (users: readonly CleanUser[]) => {
      const columns = columnsOf(users);
      return createHash("sha256")
        .update(cleanTableToParquet("user", columns, { rows: sortCleanRows(columns) }))
        .digest("hex");
    };
    fc.assert(
      fc.property(fc.array(user, { maxLength: 12 }), fc.integer(), (users, seed) => {
        const shuffled = [...users];
        let state = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = (state * 1103515245 + 12345) % 2147483648;
          const j = Math.abs(state) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(sha(shuffled)).toBe(sha(users));
      }),
      { numRuns: 40 },
    );
  });
});
