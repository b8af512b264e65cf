import { tokyoDate, tokyoTime } from '../infra/clock.js';
import { categoryLabel } from './schema.js';
import type { Proposal } from './types.js';

/**
 * The list the award review (区長表彰, plan 4(1)⑤) starts from: every proposal as CSV that Excel
 * opens correctly — UTF-8 with a byte-order mark, CRLF between rows, every cell quoted, and cells
 * that Excel would read as a formula (= + - @, tab, CR, and their full-width forms) prefixed with '.
 */

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** One cell: neutralised against formula injection, then quoted with inner quotes doubled. */
export function csvCell(value: string | number | boolean | undefined | null): string {
  let s = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function csvRow(cells: (string | number | boolean | undefined | null)[]): string {
  return cells.map(csvCell).join(',');
}

export const CSV_HEADER = [
  '提案番号',
  '年度',
  '受付日時',
  '区分',
  'タイトル',
  '現状の課題',
  '提案内容',
  '期待される効果',
  '提案者ID',
  '提案者名',
  '匿名で共有',
  '状況',
  '理由・コメント',
  '状況の更新日時',
  '共感数',
  '編集日時',
] as const;

function jst(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${tokyoDate(d)} ${tokyoTime(d)}`;
}

/** The whole export, BOM first. */
export function proposalsToCsv(proposals: Proposal[]): string {
  const lines = [csvRow([...CSV_HEADER])];
  for (const p of proposals) {
    const lastChange = p.history.at(-1);
    lines.push(
      csvRow([
        p.id,
        `${p.fiscalYear}年度`,
        jst(p.createdAt),
        categoryLabel(p.category),
        p.title,
        p.problem,
        p.body,
        p.effect,
        p.proposerId,
        p.proposerName,
        p.anonymous ? 'はい' : 'いいえ',
        p.status,
        p.statusNote,
        jst(lastChange?.at),
        p.votes,
        jst(p.editedAt),
      ]),
    );
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
