import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNaiveTimestamp } from "../src/index";

const utc = (iso: string) => new Date(iso).getTime();

describe("parseNaiveTimestamp", () => {
  it("reads the producers' naive form as UTC", () => {
    expect(parseNaiveTimestamp("2019-01-01 07:21:13")?.getTime()).toBe(utc("2019-01-01T07:21:13Z"));
    expect(parseNaiveTimestamp("2015-10-21 21:26:45")?.getTime()).toBe(utc("2015-10-21T21:26:45Z"));
    expect(parseNaiveTimestamp("1970-01-01 00:00:00")?.getTime()).toBe(0);
  });

  it("reads the ISO form with T, with or without Z, with a fraction of a second", () => {
    expect(parseNaiveTimestamp("2019-01-01T07:21:13")?.getTime()).toBe(utc("2019-01-01T07:21:13Z"));
    expect(parseNaiveTimestamp("2019-01-01T07:21:13Z")?.getTime()).toBe(utc("2019-01-01T07:21:13Z"));
    expect(parseNaiveTimestamp("2019-01-01T07:21:13.5Z")?.getTime()).toBe(utc("2019-01-01T07:21:13.500Z"));
    expect(parseNaiveTimestamp("2019-01-01 07:21:13.123456")?.getTime()).toBe(
      utc("2019-01-01T07:21:13.123Z"),
    );
  });

  it("accepts leap days and the last second of a day", () => {
    expect(parseNaiveTimestamp("2016-02-29 08:00:00")?.getTime()).toBe(utc("2016-02-29T08:00:00Z"));
    expect(parseNaiveTimestamp("2000-02-29 23:59:59")?.getTime()).toBe(utc("2000-02-29T23:59:59Z"));
  });

  it("keeps years below 100 as written, not as 19xx", () => {
    expect(parseNaiveTimestamp("0001-01-01 00:00:00")?.toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(parseNaiveTimestamp("0099-12-31 23:59:59")?.getUTCFullYear()).toBe(99);
  });

  it("returns null for impossible instants instead of rolling them over", () => {
    for (const impossible of [
      "2021-02-30 10:00:00",
      "2021-02-29 10:00:00",
      "1900-02-29 10:00:00",
      "2021-04-31 10:00:00",
      "2021-13-01 10:00:00",
      "2021-00-10 10:00:00",
      "2021-01-00 10:00:00",
      "2021-01-01 24:00:00",
      "2021-01-01 10:60:00",
      "2021-01-01 10:00:60",
    ]) {
      expect(parseNaiveTimestamp(impossible), impossible).toBeNull();
    }
  });

  it("returns null for other layouts and zones rather than guessing", () => {
    for (const other of [
      "",
      "2021-01-01",
      "2021-01-01 10:00",
      " 2021-01-01 10:00:00",
      "2021-01-01 10:00:00 ",
      "2021-01-01 10:00:00Z",
      "2021-01-01T10:00:00+02:00",
      "2021-01-01T10:00:00.Z",
      "2021-01-01T10:00:00.1234567891Z",
      "2021/01/01 10:00:00",
      "21-01-01 10:00:00",
      "2021-1-01 10:00:00",
      "+02021-01-01 10:00:00",
      "２０２１-01-01 10:00:00",
      "2021-01-01\t10:00:00",
    ]) {
      expect(parseNaiveTimestamp(other), other).toBeNull();
    }
  });

  it("returns null for non-strings", () => {
    for (const bad of [null, undefined, 1_546_327_273_000, new Date(0), {}, ["2019-01-01 07:21:13"], true]) {
      expect(parseNaiveTimestamp(bad)).toBeNull();
    }
  });

  it("agrees with the built-in ISO parser on every instant of years 0000-9999 (property)", () => {
    const instant = fc.integer({ min: utc("0000-01-01T00:00:00Z"), max: utc("9999-12-31T23:59:59.999Z") });
    fc.assert(
      fc.property(instant, (millis) => {
        const iso = new Date(millis).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
        expect(parseNaiveTimestamp(iso)?.getTime()).toBe(millis);
        const naive = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
        expect(parseNaiveTimestamp(naive)?.getTime()).toBe(millis - (((millis % 1000) + 1000) % 1000));
      }),
    );
  });

  it("accepts a well-shaped string exactly when it names a real instant (property)", () => {
    const two = (n: number) => String(n).padStart(2, "0");
    const shaped = fc
      .tuple(fc.nat(9999), fc.nat(14), fc.nat(33), fc.nat(25), fc.nat(61), fc.nat(61))
      .map(
        ([y, mo, d, h, mi, s]) =>
          `${String(y).padStart(4, "0")}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}:${two(s)}`,
      );
    fc.assert(
      fc.property(shaped, (text) => {
        const iso = text.replace(" ", "T");
        // The built-in parser rolls some impossible values over; a real instant prints back unchanged.
        const builtIn = new Date(`${iso}Z`);
        const real = !Number.isNaN(builtIn.getTime()) && builtIn.toISOString().slice(0, 19) === iso;
        expect(parseNaiveTimestamp(text)?.getTime() ?? null).toBe(real ? builtIn.getTime() : null);
      }),
    );
  });

  it("never throws and yields null or a valid Date (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue()), (value) => {
        const date = parseNaiveTimestamp(value);
        expect(date === null || !Number.isNaN(date.getTime())).toBe(true);
      }),
    );
  });
});
