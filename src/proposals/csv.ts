import { tokyoDate, tokyoTime } from '../infra/clock.js';
import { csvDocument, type CsvValue } from '../infra/csv.js';
import { categoryLabel } from './schema.js';
import type { Proposal } from './types.js';

/**
 * The list the award review (区長表彰, plan 4(1)⑤) starts from: every proposal as CSV that Excel
 * opens correctly (src/infra/csv.ts).
 */

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
  const rows: CsvValue[][] = [[...CSV_HEADER]];
  for (const p of proposals) {
    const lastChange = p.history.at(-1);
    rows.push(
      [
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
      ],
    );
  }
  return csvDocument(rows);
}
