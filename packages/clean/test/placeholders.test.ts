import { describe, expect, it } from "vitest";
import { cleanPin, DEFAULT_PLACEHOLDERS } from "../src/index";
import { rawPinComplete } from "./fixtures/rawRecords";

describe("DEFAULT_PLACEHOLDERS", () => {
  it("lists the placeholders producers send, per column", () => {
    expect(DEFAULT_PLACEHOLDERS.title).toEqual(["No Title Data Available", "Untitled"]);
    expect(DEFAULT_PLACEHOLDERS.description).toEqual([
      "No description available Story format",
      "No description available",
      "Untitled",
    ]);
    expect(DEFAULT_PLACEHOLDERS.poster_name).toEqual(["User Info Error"]);
    expect(DEFAULT_PLACEHOLDERS.follower_count).toEqual(["User Info Error"]);
    expect(DEFAULT_PLACEHOLDERS.tag_list).toEqual(["N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e"]);
    expect(DEFAULT_PLACEHOLDERS.image_src).toEqual(["Image src error."]);
    expect(DEFAULT_PLACEHOLDERS.category).toEqual([]);
  });

  it("cannot be modified by a caller", () => {
    expect(Object.isFrozen(DEFAULT_PLACEHOLDERS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PLACEHOLDERS.title)).toBe(true);
  });
});

describe("placeholder options", () => {
  it("replace the list of the columns they name", () => {
    const options = { placeholders: { title: ["Untitled"] } };
    const raw = {
      ...rawPinComplete,
      title: "No Title Data Available",
      description: "No description available",
    };
    const result = cleanPin(raw, options);
    expect(result.ok && result.value.title).toBe("No Title Data Available");
    // Columns not named keep their defaults.
    expect(result.ok && result.value.description).toBeNull();
  });

  it("extend a default list by spreading it", () => {
    const options = {
      placeholders: { category: ["unknown"], title: [...DEFAULT_PLACEHOLDERS.title, "N/A"] },
    };
    const result = cleanPin({ ...rawPinComplete, title: "N/A", category: "unknown" }, options);
    expect(result.ok && result.value.title).toBeNull();
    expect(result.ok && result.value.category).toBeNull();
    expect(result.issues).toEqual([
      { field: "title", value: "N/A", rule: "placeholder" },
      { field: "category", value: "unknown", rule: "placeholder" },
    ]);
  });

  it("can disable a default placeholder, but never the blank rule", () => {
    const options = { placeholders: { image_src: [] } };
    const kept = cleanPin({ ...rawPinComplete, image_src: "Image src error." }, options);
    expect(kept.ok && kept.value.image_src).toBe("Image src error.");
    const blank = cleanPin({ ...rawPinComplete, image_src: " " }, options);
    expect(blank.ok && blank.value.image_src).toBeNull();
  });

  it("compare exactly: case and surrounding spaces matter", () => {
    for (const near of ["user info error", "User Info Error ", "Untitled."]) {
      const result = cleanPin({ ...rawPinComplete, poster_name: near, title: near });
      expect(result.ok && result.value.poster_name).toBe(near);
      expect(result.ok && result.value.title).toBe(near);
    }
  });

  it("ignore malformed entries instead of throwing", () => {
    const malformed = JSON.parse(
      '{"title": 5, "category": [null, 3, "art"], "__proto__": ["x"], "nope": ["y"]}',
    );
    const result = cleanPin({ ...rawPinComplete, title: "Untitled" }, { placeholders: malformed });
    expect(result.ok && result.value.title).toBeNull(); // title list malformed: defaults kept
    expect(result.ok && result.value.category).toBe("diy-and-crafts");
    expect(cleanPin({ ...rawPinComplete, category: "art" }, { placeholders: malformed }).issues).toEqual([
      { field: "category", value: "art", rule: "placeholder" },
    ]);
    expect(cleanPin(rawPinComplete, null as never).ok).toBe(true);
    expect(cleanPin(rawPinComplete, { placeholders: 3 } as never).ok).toBe(true);
  });
});
