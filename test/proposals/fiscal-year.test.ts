import { describe, expect, it } from 'vitest';
import { fiscalYearOf, formatProposalId, parseProposalId } from '../../src/proposals/fiscal-year.js';

describe('fiscal year (年度, from 1 April in Japan time)', () => {
  it('puts 2027-03-31 JST in FY2026 and 2027-04-01 JST in FY2027', () => {
    expect(fiscalYearOf(new Date('2027-03-31T23:59:59+09:00'))).toBe(2026);
    expect(fiscalYearOf(new Date('2027-04-01T00:00:00+09:00'))).toBe(2027);
  });

  it('uses Japan time, not UTC: 2027-03-31T15:00Z is already 1 April in Japan', () => {
    expect(fiscalYearOf(new Date('2027-03-31T14:59:59Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2027-03-31T15:00:00Z'))).toBe(2027);
  });

  it('keeps January to March in the previous fiscal year', () => {
    expect(fiscalYearOf(new Date('2027-01-05T09:00:00+09:00'))).toBe(2026);
    expect(fiscalYearOf(new Date('2026-12-31T09:00:00+09:00'))).toBe(2026);
  });

  it('formats and parses ids', () => {
    expect(formatProposalId(2026, 1)).toBe('提案-2026-0001');
    expect(formatProposalId(2026, 12345)).toBe('提案-2026-12345');
    expect(parseProposalId('提案-2026-0042')).toEqual({ id: '提案-2026-0042', fiscalYear: 2026, seq: 42 });
    for (const bad of ['', '提案-2026-1', 'proposal-2026-0001', '提案-2026-0001 ', '提案-2026-0001\n', 42, null, '提案-20260-0001']) {
      expect(parseProposalId(bad)).toBeUndefined();
    }
  });
});
