/**
 * A string dictionary that hands out ids in first-seen order and remembers which strings were
 * added since they were last taken, so a worker can ship only its new strings with each batch of
 * rows and the receiver can extend its id remapping.
 *
 * @example
 * const dictionary = new LocalDictionary();
 * dictionary.intern("art"); // 0
 * dictionary.intern("travel"); // 1
 * dictionary.intern("art"); // 0
 * dictionary.takeNew(); // ["art", "travel"]
 * dictionary.takeNew(); // []
 */
export class LocalDictionary {
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  private taken = 0;

  /** The id of `text`, adding it when new. */
  intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.ids.set(text, id);
    }
    return id;
  }

  /** The strings added since the previous call, in id order (their ids continue the previous ones). */
  takeNew(): string[] {
    const added = this.strings.slice(this.taken);
    this.taken = this.strings.length;
    return added;
  }
}
