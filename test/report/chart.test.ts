import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CHART_COLORS, CHART_HEIGHT, CHART_WIDTH, chartSvg, renderChart } from '../../src/report/chart.js';
import { sampleReport } from '../helpers/report-fixture.js';

/** The chart as decoded pixels. */
function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function isColor(img: PNG, x: number, y: number, [r, g, b]: [number, number, number]): boolean {
  const i = (y * img.width + x) * 4;
  return Math.abs(img.data[i]! - r) <= 2 && Math.abs(img.data[i + 1]! - g) <= 2 && Math.abs(img.data[i + 2]! - b) <= 2;
}

/**
 * Bars of one colour inside a box, in reading order. Vertical bars: their heights in pixels;
 * horizontal bars: their lengths.
 */
function bars(img: PNG, hex: string, box: { x0: number; x1: number; y0: number; y1: number }, dir: 'vertical' | 'horizontal'): number[] {
  const color = rgb(hex);
  const out: number[] = [];
  let run = 0;
  const [a0, a1, b0, b1] = dir === 'vertical' ? [box.x0, box.x1, box.y0, box.y1] : [box.y0, box.y1, box.x0, box.x1];
  for (let a = a0; a < a1; a++) {
    let n = 0;
    for (let b = b0; b < b1; b++) if (dir === 'vertical' ? isColor(img, a, b, color) : isColor(img, b, a, color)) n++;
    if (n > 0) run = Math.max(run, n);
    else if (run > 0) {
      out.push(run);
      run = 0;
    }
  }
  if (run > 0) out.push(run);
  return out;
}

const PROPOSALS_BOX = { x0: 60, x1: 560, y0: 840, y1: 1320 };
const SESSIONS_BOX = { x0: 660, x1: 1180, y0: 840, y1: 1320 };
const SECTIONS_BOX = { x0: 360, x1: 1180, y0: 100, y1: 760 };

/** Each bar over the tallest, against each value over the largest: equal within 2 px of the tallest. */
function expectProportional(measured: number[], values: number[]): void {
  const nonZero = values.filter((v) => v > 0);
  expect(measured).toHaveLength(nonZero.length);
  const top = Math.max(...measured);
  const max = Math.max(...nonZero);
  nonZero.forEach((v, i) => expect(Math.abs(measured[i]! - (top * v) / max)).toBeLessThanOrEqual(2));
}

describe('the monthly chart', () => {
  it('is a 1200 × 1400 PNG that is not blank', async () => {
    const img = decode(await renderChart(sampleReport()));
    expect([img.width, img.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    let ink = 0;
    const colours = new Set<number>();
    for (let i = 0; i < img.data.length; i += 4) {
      const [r, g, b] = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
      if (r < 240 || g < 240 || b < 240) ink++;
      colours.add((r << 16) | (g << 8) | b);
    }
    expect(ink / (img.width * img.height)).toBeGreaterThan(0.03);
    expect(colours.size).toBeGreaterThan(50);
  });

  it('draws the bars to the numbers, and other numbers give other bars', async () => {
    const may = sampleReport({ byStatus: [2, 1, 3, 1, 0], fills: [80, 45], sections: [['4(2)②', '元気アップ会議', 6], ['4(1)⑥', '所属研修', 3]], refused: 4 });
    const june = sampleReport({ month: '2026-06', byStatus: [1, 4, 2, 0, 1], fills: [30, 100, 60], sections: [['4(2)①', '朝礼', 2], ['4(2)⑦', '改善提案', 5], ['1', 'めざすもの', 1]], refused: 7 });
    const a = decode(await renderChart(may));
    const b = decode(await renderChart(june));

    const propA = bars(a, CHART_COLORS.proposals, PROPOSALS_BOX, 'vertical');
    const propB = bars(b, CHART_COLORS.proposals, PROPOSALS_BOX, 'vertical');
    expectProportional(propA, [2, 1, 3, 1, 0]);
    expectProportional(propB, [1, 4, 2, 0, 1]);
    // The tallest bar moved from 採用 (3rd) in May to 検討中 (2nd) in June.
    expect(propA.indexOf(Math.max(...propA))).toBe(2);
    expect(propB.indexOf(Math.max(...propB))).toBe(1);

    // Fill rates share one 0–100 % scale, so bars compare across months directly.
    const fillA = bars(a, CHART_COLORS.sessions, SESSIONS_BOX, 'vertical');
    const fillB = bars(b, CHART_COLORS.sessions, SESSIONS_BOX, 'vertical');
    expect(fillA).toHaveLength(2);
    expect(fillB).toHaveLength(3);
    const full = fillB[1]!; // 100 %
    expect(Math.abs(fillA[0]! - 0.8 * full)).toBeLessThanOrEqual(2);
    expect(Math.abs(fillA[1]! - 0.45 * full)).toBeLessThanOrEqual(2);
    expect(Math.abs(fillB[0]! - 0.3 * full)).toBeLessThanOrEqual(2);

    // Questions per section (answered), then the refused bar below them.
    expectProportional(bars(a, CHART_COLORS.answered, SECTIONS_BOX, 'horizontal'), [6, 3]);
    expectProportional(bars(b, CHART_COLORS.answered, SECTIONS_BOX, 'horizontal'), [2, 5, 1]);
    const refusedA = bars(a, CHART_COLORS.refused, SECTIONS_BOX, 'horizontal');
    const answeredA = bars(a, CHART_COLORS.answered, SECTIONS_BOX, 'horizontal');
    expect(refusedA).toHaveLength(1);
    expect(Math.abs(refusedA[0]! - (answeredA[0]! * 4) / 6)).toBeLessThanOrEqual(2);
  });

  it('sets its Japanese text in the packaged font, not a system one', () => {
    const svg = chartSvg(sampleReport());
    expect(svg).toContain('BIZ UDPGothic');
    expect(svg).toContain('改善提案の状況');
  });
});
