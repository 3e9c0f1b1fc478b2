import { createPrng, deriveSeed, type Prng } from "./createPrng";
import { type PinCategory, RAW_DATA_CALIBRATION } from "./rawDataCalibration";
import { CATEGORY_WORDS, type CategoryWords, DESCRIPTION_WORDS } from "./textVocabulary";

/** Real descriptions are cut at about 180 characters by the scraper, then end with "…" and U+00A0. */
const DESCRIPTION_CUT = 176;
const TAGS_PER_PIN = 9;
/**
 * Sentences and tags are pre-composed into per-category banks (from a fixed seed) and then drawn
 * whole: composing them word by word for every post made the generator several times slower.
 */
const BANK_SIZE = 512;
const BANK_SEED = 0x5eed;

const pickOne = (prng: Prng, list: readonly string[]): string => list[prng.nextInt(list.length)]!;
const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

function composeSentence(prng: Prng, words: CategoryWords): string {
  const length = 5 + prng.nextInt(12);
  let text = capitalize(pickOne(prng, DESCRIPTION_WORDS));
  const nounAt = prng.nextInt(length);
  for (let i = 1; i < length; i++) {
    text += ` ${i === nounAt ? pickOne(prng, words.nouns).toLowerCase() : pickOne(prng, DESCRIPTION_WORDS)}`;
  }
  const end = prng.nextInt(10);
  return text + (end < 7 ? "." : end < 9 ? "!" : "...");
}

interface PhraseBank {
  readonly sentences: readonly string[];
  readonly tags: readonly string[];
}

const banks = new Map<PinCategory, PhraseBank>();

/** FNV-1a of the category name: each bank's content is fixed whatever order categories come in. */
function categorySeed(category: PinCategory): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < category.length; i++) hash = Math.imul(hash ^ category.charCodeAt(i), 0x01000193);
  return deriveSeed(BANK_SEED, hash);
}

function bankFor(category: PinCategory): PhraseBank {
  let bank = banks.get(category);
  if (bank === undefined) {
    const words = CATEGORY_WORDS[category];
    const prng = createPrng(categorySeed(category));
    bank = {
      sentences: Array.from({ length: BANK_SIZE }, () => composeSentence(prng, words)),
      tags: Array.from({ length: BANK_SIZE }, () => composeTag(prng, words)),
    };
    banks.set(category, bank);
  }
  return bank;
}

/**
 * Composes a pin description of realistic length and texture: about 40 % are cut scraper-style
 * near 176 characters and end with `…` plus a non-breaking space (U+00A0), the rest are one to three
 * whole sentences.
 *
 * @example
 * composeDescription(createPrng(1), "art"); // e.g. "Learn how to make this easy sketch..."
 */
export function composeDescription(prng: Prng, category: PinCategory): string {
  const { sentences } = bankFor(category);
  if (prng.nextFloat() < RAW_DATA_CALIBRATION.descriptionTruncatedRate) {
    let text = sentences[prng.nextInt(BANK_SIZE)]!;
    for (;;) {
      const next = sentences[prng.nextInt(BANK_SIZE)]!;
      // Cut inside the sentence that crosses the limit, at its last space before it; searching only
      // that (flat) sentence avoids flattening the whole concatenated text.
      const room = DESCRIPTION_CUT - text.length - 1;
      if (next.length <= room) {
        text += ` ${next}`;
        continue;
      }
      const space = next.lastIndexOf(" ", room);
      return space > 0 ? `${text} ${next.slice(0, space)}…\u00a0` : `${text}…\u00a0`;
    }
  }
  let text = sentences[prng.nextInt(BANK_SIZE)]!;
  for (let more = prng.nextInt(3); more > 0; more--) {
    const next = sentences[prng.nextInt(BANK_SIZE)]!;
    if (text.length + 1 + next.length > DESCRIPTION_CUT) break;
    text += ` ${next}`;
  }
  return text;
}

/**
 * Composes a pin title in one of a few common Pinterest shapes ("25 Cozy Bedroom Ideas", "How to
 * Make …", product-style titles with a dash).
 *
 * @example
 * composeTitle(createPrng(1), "travel"); // e.g. "17 Hidden Beach Ideas"
 */
export function composeTitle(prng: Prng, category: PinCategory): string {
  const words = CATEGORY_WORDS[category];
  const adjective = pickOne(prng, words.adjectives);
  const noun = pickOne(prng, words.nouns);
  switch (prng.nextInt(5)) {
    case 0:
      return `${5 + prng.nextInt(46)} ${adjective} ${noun} Ideas`;
    case 1:
      return `${adjective} ${noun}`;
    case 2:
      return `How to Make ${adjective} ${noun} ${capitalize(pickOne(prng, DESCRIPTION_WORDS))} ${pickOne(prng, words.nouns)}`;
    case 3:
      return `${adjective} ${noun} ${pickOne(prng, words.nouns)} - ${capitalize(pickOne(prng, DESCRIPTION_WORDS))} ${capitalize(pickOne(prng, DESCRIPTION_WORDS))} / ${20 + prng.nextInt(60)}x${20 + prng.nextInt(60)}cm`;
    default:
      return `The Best ${adjective} ${noun} for ${2017 + prng.nextInt(6)}`;
  }
}

function composeTag(prng: Prng, words: CategoryWords): string {
  const noun = pickOne(prng, words.nouns);
  switch (prng.nextInt(3)) {
    case 0:
      return `${pickOne(prng, words.adjectives)} ${noun}`;
    case 1:
      return `${pickOne(prng, words.adjectives)} ${pickOne(prng, words.adjectives)} ${noun}`;
    default:
      return `${capitalize(pickOne(prng, DESCRIPTION_WORDS))} ${noun}`;
  }
}

/**
 * Composes a comma-separated tag list: nine tags, or (rarely, as scraped) a few tags cut off with
 * `...`.
 *
 * @example
 * composeTagList(createPrng(1), "art").split(",").length; // 9 most of the time
 */
export function composeTagList(prng: Prng, category: PinCategory): string {
  const { tags } = bankFor(category);
  const tag = (): string => tags[prng.nextInt(BANK_SIZE)]!;
  if (prng.nextFloat() < RAW_DATA_CALIBRATION.tagListTruncatedRate) {
    let text = tag();
    for (let more = 1 + prng.nextInt(2); more > 0; more--) text += `,${tag()}`;
    return `${text},${pickOne(prng, CATEGORY_WORDS[category].adjectives)}...`;
  }
  let text = tag();
  for (let i = 1; i < TAGS_PER_PIN; i++) text += `,${tag()}`;
  return text;
}
