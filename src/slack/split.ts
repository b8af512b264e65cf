/**
 * Splitting long text to fit Slack's limits, at the most natural break that fits (paragraph,
 * line, sentence, clause, space), never losing a character. A cut inside a ``` code block is
 * closed and reopened so both halves still render.
 */

export const SLACK_LIMITS = {
  /** Characters in one section block's text. */
  sectionChars: 3_000,
  /** Blocks in one message. */
  blocksPerMessage: 50,
  /** Characters in a message's top-level `text`. */
  messageTextChars: 40_000,
  /** Characters of markdown_text in one chat.startStream/appendStream/stopStream call. */
  streamCallChars: 12_000,
  /**
   * UTF-8 bytes we let one streamed message grow to before continuing in the next one.
   * Counted in bytes because Japanese is 3 bytes a character in UTF-8: 12,000 bytes is about
   * 4,000 Japanese characters, well inside what Slack accepts for one message.
   */
  streamMessageBytes: 12_000,
} as const;

export type Measure = (s: string) => number;

export const charLength: Measure = (s) => s.length;
export const utf8Bytes: Measure = (s) => Buffer.byteLength(s, 'utf8');

/** Break candidates, best first. Each cuts just after the match. */
const BREAKS: RegExp[] = [/\n\s*\n/g, /\n/g, /[。．！？!?](?:[」』）)]*)/g, /[、，,;；](?:[」』）)]*)/g, /[ \t\u3000]+/g];

const FENCE = '```';

/** Longest prefix of `s` (in UTF-16 units, never splitting a surrogate pair) with measure ≤ max. */
function fittingPrefixLength(s: string, max: number, measure: Measure): number {
  if (measure(s) <= max) return s.length;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(s.slice(0, mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  // Do not end on a high surrogate.
  if (lo > 0 && /[\uD800-\uDBFF]/.test(s[lo - 1] ?? '')) lo -= 1;
  return lo;
}

function bestBreak(prefix: string): number {
  const floor = Math.floor(prefix.length * 0.5);
  for (const re of BREAKS) {
    let cut = -1;
    re.lastIndex = 0;
    for (let m = re.exec(prefix); m; m = re.exec(prefix)) {
      const end = m.index + m[0].length;
      if (end >= floor && end <= prefix.length) cut = end;
      if (m[0].length === 0) re.lastIndex++;
    }
    if (cut > 0) return cut;
  }
  return prefix.length;
}

function openFence(text: string): boolean {
  return (text.split(FENCE).length - 1) % 2 === 1;
}

/**
 * Splits `text` into pieces whose `measure` is at most `max`. Joined back together (with code
 * fences that were closed/reopened removed), the pieces are the original text.
 */
export function splitText(text: string, max: number, measure: Measure = charLength): string[] {
  if (max < 16) throw new Error('splitText: max too small');
  const pieces: string[] = [];
  let rest = text;
  let reopen = false;
  // Room for a fence closed at the end of a piece and reopened at the start of the next.
  const reserve = measure(`\n${FENCE}`) + measure(`${FENCE}\n`);
  while (rest.length > 0) {
    const head = reopen ? `${FENCE}\n` : '';
    if (measure(head + rest) <= max) {
      pieces.push(head + rest);
      break;
    }
    const room = max - measure(head) - (text.includes(FENCE) ? reserve : 0);
    const n = fittingPrefixLength(rest, room, measure);
    let cut = bestBreak(rest.slice(0, Math.max(1, n)));
    if (cut <= 0) cut = Math.max(1, n);
    let piece = head + rest.slice(0, cut);
    rest = rest.slice(cut);
    reopen = openFence(piece);
    if (reopen) piece = `${piece.replace(/\n?$/, '')}\n${FENCE}`;
    pieces.push(piece);
  }
  return pieces.map((p) => p.replace(/^\n+/, '').replace(/\s+$/, '')).filter((p) => p.length > 0);
}

/** Pieces of at most `maxBytes` UTF-8 bytes (for streamed messages). */
export function splitUtf8(text: string, maxBytes: number): string[] {
  return splitText(text, maxBytes, utf8Bytes);
}

/**
 * Packs items (e.g. blocks with their text size) into pages of at most `maxItems` items and
 * `maxChars` characters, keeping order. An item larger than `maxChars` gets a page of its own.
 */
export function pack<T>(items: T[], size: (item: T) => number, maxItems: number, maxChars: number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let chars = 0;
  for (const item of items) {
    const n = size(item);
    if (page.length > 0 && (page.length + 1 > maxItems || chars + n > maxChars)) {
      pages.push(page);
      page = [];
      chars = 0;
    }
    page.push(item);
    chars += n;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
