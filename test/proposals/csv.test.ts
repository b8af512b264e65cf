import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell } from '../../src/infra/csv.js';
import { proposalsToCsv } from '../../src/proposals/csv.js';
import type { Proposal } from '../../src/proposals/types.js';

/** A small RFC 4180 reader, to check the output parses back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += ch;
  }
  return rows;
}

const base: Proposal = {
  id: '提案-2026-0001',
  fiscalYear: 2026,
  seq: 1,
  title: '"引用" と, カンマ',
  category: 'cost',
  problem: '一行目\n二行目',
  body: '=HYPERLINK("http://evil.example","click")',
  effect: '+1 と -1 と @SUM(A1)',
  anonymous: true,
  proposerId: 'U0STAFF01',
  proposerName: '港 太郎',
  status: '見送り',
  statusNote: '＝全角のイコール',
  createdAt: '2026-04-01T00:30:00.000Z',
  updatedAt: '2026-04-02T00:30:00.000Z',
  votes: 3,
  history: [{ from: '検討中', to: '見送り', by: 'U0ADMIN01', at: '2026-04-02T00:30:00.000Z', note: '＝全角のイコール' }],
};

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = proposalsToCsv([base]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('round-trips quotes, commas and newlines, and neutralises formulas', () => {
    const rows = parseCsv(proposalsToCsv([base]).slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBe('提案番号');
    const r = rows[1]!;
    expect(r[0]).toBe('提案-2026-0001');
    expect(r[1]).toBe('2026年度');
    expect(r[2]).toBe('2026-04-01 09:30');
    expect(r[3]).toBe('経費の節減');
    expect(r[4]).toBe('"引用" と, カンマ');
    expect(r[5]).toBe('一行目\n二行目');
    expect(r[6]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(r[7]).toBe(`'+1 と -1 と @SUM(A1)`);
    expect(r[9]).toBe('港 太郎');
    expect(r[10]).toBe('はい');
    expect(r[11]).toBe('見送り');
    expect(r[12]).toBe(`'＝全角のイコール`);
    expect(r[13]).toBe('2026-04-02 09:30');
    expect(r[14]).toBe('3');
  });

  it('prefixes every dangerous first character and nothing else', () => {
    for (const s of ['=1', '+1', '-1', '@A', '\tx', '\rx', '＠x']) expect(csvCell(s)).toBe(`"'${s}"`);
    for (const s of ['1-1', 'a=b', '提案', '']) expect(csvCell(s)).toBe(`"${s}"`);
  });
});
