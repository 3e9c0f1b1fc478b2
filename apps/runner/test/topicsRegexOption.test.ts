import { describe, expect, it } from "vitest";
import { CliError } from "../src/command";
import { topicsRegexOption } from "../src/topicsRegexOption";

describe("topicsRegexOption", () => {
  it("matches whole topic names, alternatives included", () => {
    const pattern = topicsRegexOption("batch", "a\\.pin|a\\.geo")!;
    expect(["a.pin", "a.geo", "a.user", "a.pins", "xa.pin"].filter((t) => pattern.test(t))).toEqual([
      "a.pin",
      "a.geo",
    ]);
  });
  it("is undefined without the option", () => {
    expect(topicsRegexOption("connect-s3", undefined)).toBeUndefined();
  });
  it("refuses an expression that does not compile, or an empty one, as a usage error of the command", () => {
    const refusal = (text: string): CliError => {
      try {
        topicsRegexOption("connect-s3", text);
      } catch (error) {
        return error as CliError;
      }
      throw new Error(`${text} was accepted`);
    };
    for (const text of ["(", "a[", "x{2,1}", ""]) {
      const error = refusal(text);
      expect(error).toBeInstanceOf(CliError);
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(/^pinpipe connect-s3: --topics-regex/);
    }
  });
});
