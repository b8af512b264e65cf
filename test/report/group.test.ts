import { describe, expect, it } from 'vitest';
import { contentOf, groupQuestions } from '../../src/report/group.js';

describe('groupQuestions', () => {
  it('puts the same question in different words together, with counts', () => {
    const groups = groupQuestions([
      'テレワークの規程はありますか',
      'テレワークの規程について教えてください',
      'テレワーク規程は？',
      '駐車場の使い方を教えて',
      '駐車場の使い方',
      'テレワークの規程はありますか',
      '副業はできますか',
    ]);
    expect(groups.map((g) => [g.label, g.count])).toEqual([
      ['テレワークの規程はありますか', 4],
      ['駐車場の使い方', 2],
      ['副業はできますか', 1],
    ]);
    expect(groups[0]!.variants).toEqual(expect.arrayContaining(['テレワークの規程について教えてください', 'テレワーク規程は?']));
  });

  it('keeps different topics apart', () => {
    const groups = groupQuestions(['育児休業の期間は', '介護休暇の日数は', '年次休暇の繰越は']);
    expect(groups).toHaveLength(3);
  });

  it('takes off the question frame only', () => {
    expect(contentOf('テレワークの規程について教えてください')).toBe('テレワークの規程');
    expect(contentOf('副業は？')).toBe('副業');
  });

  it('is empty for no questions and honours the limit', () => {
    expect(groupQuestions([])).toEqual([]);
    expect(groupQuestions(['a b', 'c d', 'e f'], 2)).toHaveLength(2);
  });
});
