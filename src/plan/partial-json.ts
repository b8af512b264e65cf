/**
 * Reads a top-level JSON object that is still arriving (a streamed structured-output reply).
 * Returns the fields that are already complete, plus the text so far of one string field
 * (`streamKey`) while it is being written.
 */

export interface PartialObject {
  /** Top-level fields whose values are complete, in order of appearance. */
  complete: Record<string, unknown>;
  /** The decoded text so far of `streamKey`, once its value has begun. */
  streaming?: { value: string; done: boolean };
}

const WS = /\s/;

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.test(s[i]!)) i++;
  return i;
}

/** Decodes a JSON string starting at s[i] === '"'. Stops cleanly before an incomplete escape. */
function readString(s: string, i: number): { value: string; end: number; done: boolean } {
  let out = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s[j]!;
    if (c === '"') return { value: out, end: j + 1, done: true };
    if (c !== '\\') {
      out += c;
      j++;
      continue;
    }
    const e = s[j + 1];
    if (e === undefined) break;
    if (e === 'u') {
      const hex = s.slice(j + 2, j + 6);
      if (hex.length < 4) break;
      out += String.fromCharCode(parseInt(hex, 16));
      j += 6;
      continue;
    }
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
    out += map[e] ?? e;
    j += 2;
  }
  // Incomplete: never hand out half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return { value: out, end: s.length, done: false };
}

/** Index just past the complete JSON value at s[i], or -1 when it has not fully arrived. */
function skipValue(s: string, i: number): number {
  const c = s[i];
  if (c === undefined) return -1;
  if (c === '"') {
    const r = readString(s, i);
    return r.done ? r.end : -1;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = i;
    while (j < s.length) {
      const d = s[j]!;
      if (d === '"') {
        const r = readString(s, j);
        if (!r.done) return -1;
        j = r.end;
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return -1;
  }
  // number, true, false, null: complete once a delimiter follows.
  let j = i;
  while (j < s.length && !/[,}\]\s]/.test(s[j]!)) j++;
  return j < s.length ? j : -1;
}

export function readPartialObject(s: string, streamKey: string): PartialObject {
  const result: PartialObject = { complete: {} };
  let i = skipWs(s, 0);
  if (s[i] !== '{') return result;
  i++;
  for (;;) {
    i = skipWs(s, i);
    if (s[i] !== '"') return result;
    const key = readString(s, i);
    if (!key.done) return result;
    i = skipWs(s, key.end);
    if (s[i] !== ':') return result;
    i = skipWs(s, i + 1);
    if (i >= s.length) return result;
    if (key.value === streamKey && s[i] === '"') {
      const v = readString(s, i);
      result.streaming = { value: v.value, done: v.done };
      if (!v.done) return result;
      result.complete[key.value] = v.value;
      i = v.end;
    } else {
      const end = skipValue(s, i);
      if (end < 0) return result;
      try {
        result.complete[key.value] = JSON.parse(s.slice(i, end));
      } catch {
        return result;
      }
      i = end;
    }
    i = skipWs(s, i);
    if (s[i] !== ',') return result;
    i++;
  }
}
