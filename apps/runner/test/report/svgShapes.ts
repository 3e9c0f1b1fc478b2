/** The attributes of each `<tag …>` element in `markup`, numbers parsed where they are numbers. */
export function elementsOf(markup: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of markup.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))) {
    const attributes: Record<string, string> = {};
    for (const attribute of match[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      attributes[attribute[1]!] = attribute[2]!;
    }
    found.push(attributes);
  }
  return found;
}

/** x and width of every `<rect>` in `markup`. */
export function rectsOf(markup: string): { x: number; width: number; fill: string }[] {
  return elementsOf(markup, "rect").map((rect) => ({
    x: Number(rect.x),
    width: Number(rect.width),
    fill: rect.fill ?? "",
  }));
}

/** The text content of every `<text>` element in `markup` (still escaped). */
export function textsOf(markup: string): string[] {
  return [...markup.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
}
