/**
 * The plain baseline of issue 2, used only by the evaluation test: character-bigram BM25 over 300-character
 * chunks. Each section's "title + body" (NFKC, white space removed) is cut into consecutive 300-character
 * chunks; a section ranks by its best chunk. No synonyms, no words, no heading boost, no kana folding.
 */
import type { Section } from './types.js';

const CHUNK = 300;
const K1 = 1.2;
const B = 0.75;

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

export interface BaselineRetriever {
  /** Section ids, best first. */
  search(query: string, k?: number): string[];
}

export function createBaselineRetriever(sections: Section[]): BaselineRetriever {
  const chunks: { sectionId: string; tf: Map<string, number>; len: number }[] = [];
  for (const s of sections) {
    const text = `${s.title}${s.text}`.normalize('NFKC').replace(/\s+/g, '');
    for (let i = 0; i < text.length; i += CHUNK) {
      const grams = bigrams(text.slice(i, i + CHUNK));
      const tf = new Map<string, number>();
      for (const g of grams) tf.set(g, (tf.get(g) ?? 0) + 1);
      chunks.push({ sectionId: s.id, tf, len: grams.length });
    }
  }
  const n = chunks.length;
  const avg = chunks.reduce((a, c) => a + c.len, 0) / n;
  const df = new Map<string, number>();
  for (const c of chunks) for (const g of c.tf.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const idf = (g: string) => {
    const d = df.get(g) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };

  return {
    search(query: string, k = 5): string[] {
      const q = [...new Set(bigrams(query.normalize('NFKC').replace(/\s+/g, '')))];
      const best = new Map<string, number>();
      for (const c of chunks) {
        let score = 0;
        for (const g of q) {
          const tf = c.tf.get(g);
          if (!tf) continue;
          score += (idf(g) * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * c.len) / avg));
        }
        if (score > (best.get(c.sectionId) ?? 0)) best.set(c.sectionId, score);
      }
      return [...best.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([id]) => id);
    },
  };
}
