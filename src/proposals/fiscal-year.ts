import { tokyoDate } from '../infra/clock.js';

/**
 * Japanese fiscal years (年度) start on 1 April, in Japan time: 2027-03-31 JST is still FY2026,
 * 2027-04-01 00:00 JST is FY2027, whatever the server's time zone.
 */
export function fiscalYearOf(at: Date): number {
  const [y, m] = tokyoDate(at).split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

export const PROPOSAL_ID_PREFIX = '提案';
const ID_PATTERN = /^提案-(\d{4})-(\d{4,6})$/;

/** 提案-2026-0001: the fiscal year, then the number within that year. */
export function formatProposalId(fiscalYear: number, seq: number): string {
  return `${PROPOSAL_ID_PREFIX}-${fiscalYear}-${String(seq).padStart(4, '0')}`;
}

/** Parses an id as it may arrive in a (possibly forged) action payload; undefined when it is not one. */
export function parseProposalId(value: unknown): { id: string; fiscalYear: number; seq: number } | undefined {
  if (typeof value !== 'string' || value.length > 20) return undefined;
  const m = ID_PATTERN.exec(value);
  if (!m) return undefined;
  return { id: value, fiscalYear: Number(m[1]), seq: Number(m[2]) };
}
