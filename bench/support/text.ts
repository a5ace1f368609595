// Deterministic, realistic-looking chat text for benchmarks: English-like words
// drawn with a Zipf distribution (a few very common words, a long tail), user
// messages short, assistant replies longer, lengths spread like real chats.

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = `the of and to a in is it you that for on with as are this be at have or not by from can your we an
will if but all what so use there which when more one about some how would like make just their then them these
other time out up could any its do than into only new also our may way should each here where does need example
code data function file value error model using first used two list return set get type run work string number
python javascript typescript react server request response api database query table user test build class method
object array key config option default create update delete import export search index performance memory cache
thread process async await promise stream event message conversation prompt token context window provider answer
question explain summary change version release install package module library component state store design
network security password encryption certificate container docker kubernetes cluster deploy pipeline script shell
linux windows macos browser window screen button input output format parse render style layout color image text`.split(/\s+/);

// The long tail: made-up words built like English ones (consonant onsets, vowels,
// codas), so their prefixes spread the way real vocabularies do.
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'bl', 'br', 'ch', 'cl', 'cr', 'dr', 'fl', 'fr', 'gr', 'pl', 'pr', 'sh', 'sl', 'sp', 'st', 'str', 'th', 'tr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'oo', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'nd', 'st', 'ng', 'ck', 'rt', 'x'];
const SUFFIXES = ['', '', '', '', 'ing', 'ed', 'er', 'ly', 'tion', 'ment', 'ness', 'able'];

function vocabulary(size: number): string[] {
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const words = [...COMMON];
  const seen = new Set(words);
  while (words.length < size) {
    const syllables = 1 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += pick(ONSETS) + pick(VOWELS) + (i === syllables - 1 ? pick(CODAS) : '');
    word += pick(SUFFIXES);
    if (word.length < 4 || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

export class TextGenerator {
  private readonly words = vocabulary(30_000);
  private readonly cumulative: Float64Array;
  private readonly next: () => number;

  constructor(seed = 1) {
    this.next = random(seed);
    // Zipf with s = 1.05 over the vocabulary.
    this.cumulative = new Float64Array(this.words.length);
    let total = 0;
    for (let i = 0; i < this.words.length; i++) this.cumulative[i] = total += 1 / Math.pow(i + 1, 1.05);
    for (let i = 0; i < this.words.length; i++) this.cumulative[i]! /= total;
  }

  word(): string {
    const r = this.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }

  /** About `chars` characters of sentences. */
  text(chars: number): string {
    const out: string[] = [];
    let length = 0;
    let sentence = 0;
    while (length < chars) {
      let w = this.word();
      if (sentence === 0) w = w[0]!.toUpperCase() + w.slice(1);
      sentence += 1;
      if (sentence > 6 && this.next() < 0.15) {
        w += '.';
        sentence = 0;
      } else if (this.next() < 0.05) w += ',';
      out.push(w);
      length += w.length + 1;
    }
    return out.join(' ');
  }

  /** Lengths like real chats (log-normal): user prompts ~120 chars, replies ~600, with long tails. */
  messageLength(role: 'user' | 'assistant'): number {
    const median = role === 'user' ? 120 : 600;
    const u1 = Math.max(this.next(), 1e-12);
    const u2 = this.next();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.min(8000, Math.max(5, Math.round(median * Math.exp(0.8 * normal))));
  }

  /** Words likely to be typed into a search box: a mix of common and rarer ones. */
  searchWord(): string {
    return this.words[Math.floor(Math.pow(this.next(), 2) * 3000)]!;
  }

  float(): number {
    return this.next();
  }
}
