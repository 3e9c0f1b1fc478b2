import { describe, expect, it } from "vitest";
import {
  emulatorSequence,
  emulatorSteps,
  IngestInputError,
  iterateEmulatorSteps,
  PythonRandom,
} from "../../src/index";
import fixtures from "./fixtures/pythonRandomSequences.json";

/** The fixture's seed as the smallest type that holds it exactly. */
const seedOf = (text: string): number | bigint => {
  const seed = BigInt(text);
  return Number.isSafeInteger(Number(seed)) ? Number(seed) : seed;
};
const numbers = (text: string): number[] => text.split(" ").map(Number);

describe("emulatorSequence reproduces CPython's random for the posting loop", () => {
  it("starts 7528, 2863, 5730, 8304, 8731, 1313 with the original script's seed 100", () => {
    expect(emulatorSequence(100, 6)).toEqual([7528, 2863, 5730, 8304, 8731, 1313]);
    expect(emulatorSteps(100, 3)).toEqual([
      { sleepSeconds: 0, row: 7528 },
      { sleepSeconds: 1, row: 2863 },
      { sleepSeconds: 1, row: 5730 },
    ]);
  });

  it(`matches ${fixtures.generator} for ${fixtures.cases.length} seeds over ${fixtures.steps} steps`, () => {
    expect(fixtures.cases.length).toBeGreaterThanOrEqual(6);
    for (const { seed, first32BitWords, sleeps, rows } of fixtures.cases) {
      const random = new PythonRandom(seedOf(seed));
      expect(
        Array.from({ length: 8 }, () => random.getrandbits(32)),
        `seed ${seed}`,
      ).toEqual(numbers(first32BitWords));
      const steps = emulatorSteps(seedOf(seed), fixtures.steps);
      expect(
        steps.map((step) => step.row),
        `seed ${seed}`,
      ).toEqual(numbers(rows));
      expect(steps.map((step) => step.sleepSeconds).join(""), `seed ${seed}`).toBe(sleeps);
    }
  });

  it("takes a bigint seed the same as the equal number, and drops the sign as CPython does", () => {
    expect(emulatorSequence(2n ** 40n, 50)).toEqual(emulatorSequence(2 ** 40, 50));
    expect(emulatorSequence(-12345, 50)).toEqual(emulatorSequence(12345, 50));
  });

  it("streams the same steps endlessly", () => {
    const stream = iterateEmulatorSteps(12345);
    const streamed = Array.from({ length: 700 }, () => stream.next().value);
    expect(streamed).toEqual(emulatorSteps(12345, 700));
  });

  it("refuses a bad seed when the stream is created", () => {
    expect(() => iterateEmulatorSteps(Number.NaN)).toThrow(IngestInputError);
  });

  it("returns nothing for a count of 0", () => {
    expect(emulatorSequence(1, 0)).toEqual([]);
  });

  it.each([
    ["a negative count", 1, -1],
    ["a fractional count", 1, 1.5],
    ["a NaN count", 1, Number.NaN],
    ["a fractional seed", 1.5, 1],
    ["an unsafe number seed", 2 ** 53, 1],
    ["a string seed", "100", 1],
  ])("throws IngestInputError for %s", (_, seed, count) => {
    expect(() => emulatorSequence(seed as never, count)).toThrow(IngestInputError);
  });
});

describe("PythonRandom draws like CPython's", () => {
  it("refuses draws it does not implement exactly", () => {
    const random = new PythonRandom(0);
    for (const k of [0, 33, 1.5]) expect(() => random.getrandbits(k)).toThrow(IngestInputError);
    expect(() => random.randrange(5, 5)).toThrow("empty range");
    expect(() => random.randrange(0, 2 ** 32)).toThrow(IngestInputError);
    expect(() => random.randrange(0.5, 2)).toThrow(IngestInputError);
    expect(() => random.randint(3, 1)).toThrow("empty range");
  });

  it("keeps randint within its inclusive bounds", () => {
    const random = new PythonRandom(7);
    const draws = Array.from({ length: 2000 }, () => random.randint(-2, 2));
    expect(new Set(draws)).toEqual(new Set([-2, -1, 0, 1, 2]));
  });
});
