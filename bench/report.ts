import { Redis } from 'ioredis';
import { fixedClock, fromTokyo } from '../src/infra/clock.js';
import { startRedisServer } from '../src/infra/redis-server.js';
import { chartSvg, svgToPng } from '../src/report/chart.js';
import { reportFiles } from '../src/report/files.js';
import { datesOf, parseMonth } from '../src/report/month.js';
import { buildReport } from '../src/report/service.js';
import { WorkCalendar } from '../src/infra/calendar.js';
import { SubscriptionStore } from '../src/morning/store.js';
import { createProposalService } from '../src/proposals/service.js';
import { ProposalStore } from '../src/proposals/store.js';
import { readersOver, reportSources } from '../src/report/sources.js';
import { createWorldcafeService } from '../src/worldcafe/service.js';
import { createWorldcafeStore } from '../src/worldcafe/store.js';
import { createSurveyStore } from '../src/worldcafe/survey.js';
import { InsightsStore } from '../src/report/store.js';
import { validateSessionForm } from '../src/worldcafe/schema.js';
import { median, round } from './stats.js';
import type { Bench, Figure } from './types.js';

/**
 * The monthly report on a busy month, against a private redis-server: 3,000 questions (600 of
 * them refused, in 40 wordings), 1,000 votes, 150 proposals through their statuses, 20 sessions
 * of 30 seats with survey answers, 25 channels' morning outcomes.
 *
 *   report_build_ms          reading and aggregating the month (median of 10), in ms
 *   report_chart_svg_ms      ECharts laying out the chart as SVG (median of 20), in ms
 *   report_chart_png_ms      resvg rendering that SVG to PNG with the packaged font (median of 20), in ms
 *   report_chart_first_ms    the first chart of a process (font files read, code warmed), in ms
 *   report_files_ms          the whole /report payload: build, chart and CSVs (median of 5), in ms
 *   report_chart_rss_mb      resident memory added by rendering 20 charts, in MB
 *   report_png_kb            size of the chart, in KB
 */

const MONTH = parseMonth('2026-05')!;

const KEEP = 10 * 365 * 86_400_000;
const user = (s: number, u: number) => `U${String(s * 100 + u).padStart(9, '0')}`;

async function populate(redis: Redis): Promise<void> {
  const clock = fixedClock(fromTokyo('2026-05-01', '09:00'));
  const insights = new InsightsStore(redis, 3650);
  const days = datesOf(MONTH);
  const sections = ['4(2)②', '4(1)⑥', '4(2)⑦', '4(2)①', '4(2)③', '3(1)', '1', '2(1)'];
  for (let i = 0; i < 3_000; i++) {
    const found = i % 5 !== 0;
    const at = fromTokyo(days[i % days.length]!, '10:00');
    await insights.recordQuestion({ at, found, sections: found ? [sections[i % sections.length]!] : [], text: found ? '' : `テレワーク規程その${i % 40}について教えてください` });
    if (i % 3 === 0) await insights.recordVote({ answeredAt: at, sections: [sections[i % sections.length]!], vote: i % 2 ? 'up' : 'down' });
  }
  for (let c = 0; c < 25; c++) for (const d of days.slice(0, 21)) await insights.recordMorning({ date: d, channel: `C0CH${c}`, status: 'posted', promptId: 'p' });

  const proposals = createProposalService({ store: new ProposalStore(redis), clock });
  const wc = createWorldcafeStore(redis);
  // May 2026 may be past the sessions' usual 180-day retention: keep them for the bench.
  const sessions = createWorldcafeService({ store: wc, clock, calendar: new WorkCalendar(redis), retentionMs: KEEP });
  const surveys = createSurveyStore({ store: wc, clock });
  const subscriptions = new SubscriptionStore(redis);
  for (let i = 0; i < 150; i++) {
    clock.set(fromTokyo(days[i % 28]!, '09:00'));
    const r = await proposals.submit(`U0STAFF${String(i % 50).padStart(2, '0')}`, { title: `提案 ${i}`, category: 'service', problem: '課題', body: '内容', effect: '効果', anonymous: false }, `k${i}`);
    if (!('proposal' in r)) throw new Error(`report bench fixture: ${JSON.stringify(r)}`);
    const id = r.proposal.id;
    if (i % 2) await proposals.changeStatus({ id, from: '受付', to: '検討中', by: 'U0ADMIN01' });
    if (i % 4 === 1) await proposals.changeStatus({ id, from: '検討中', to: i % 8 === 1 ? '採用' : '見送り', note: '今年度は見送ります', by: 'U0ADMIN01' });
  }

  clock.set(fromTokyo('2026-04-20', '09:00'));
  for (let s = 0; s < 20; s++) {
    clock.set(fromTokyo('2026-04-20', '09:00'));
    const form = { theme: `テーマ ${s}`, kind: 'worldcafe', date: days[s + 5]!, start: '15:00', end: '17:00', place: '会議室', capacity: '30' };
    const draft = validateSessionForm(form, clock.now());
    if (!draft.ok) throw new Error(`report bench fixture: ${JSON.stringify(draft.errors)}`);
    const session = await sessions.create(draft.value, 'U0ADMIN01');
    for (let u = 0; u < 34; u++) await sessions.join(session.id, user(s, u));
    clock.set(new Date(session.endAt + 60_000));
    for (let u = 0; u < 20; u++) await surveys.save(session.id, user(s, u), { satisfaction: String(1 + (u % 5)), usefulness: String(1 + ((u + 2) % 5)), comment: u % 3 ? '' : 'よかったです' });
  }
  for (let c = 0; c < 25; c++) await subscriptions.add({ channel: `C0CH${c}`, subscribedBy: 'U0ADMIN01', subscribedAt: '2026-04-01T00:00:00.000Z' });
}

const bench: Bench = async (): Promise<Figure[]> => {
  const server = await startRedisServer();
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  try {
    await populate(redis);
    const clock = fixedClock(fromTokyo('2026-06-02', '09:00'));
    const deps = { insights: new InsightsStore(redis, 3650), retentionDays: 3650, sources: reportSources(readersOver(redis, clock)) };
    const build = () => buildReport(deps, MONTH, clock.now());
    const report = await build();
    if (report.qa.asked !== 3_000 || report.worldcafe.held !== 20) throw new Error(`report bench: unexpected figures ${report.qa.asked} / ${report.worldcafe.held}`);

    const rss0 = process.memoryUsage().rss;
    let t = performance.now();
    const first = await svgToPng(chartSvg(report));
    const firstMs = performance.now() - t;

    const builds: number[] = [];
    for (let i = 0; i < 10; i++) {
      t = performance.now();
      await build();
      builds.push(performance.now() - t);
    }
    const svgMs: number[] = [];
    const pngMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      const svg = chartSvg(report);
      svgMs.push(performance.now() - t);
      t = performance.now();
      await svgToPng(svg);
      pngMs.push(performance.now() - t);
    }
    const rss = process.memoryUsage().rss - rss0;
    const whole: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await reportFiles(await build());
      whole.push(performance.now() - t);
    }
    return [
      { name: 'report_build_ms', value: round(median(builds)), unit: 'ms' },
      { name: 'report_chart_svg_ms', value: round(median(svgMs)), unit: 'ms' },
      { name: 'report_chart_png_ms', value: round(median(pngMs)), unit: 'ms' },
      { name: 'report_chart_first_ms', value: round(firstMs), unit: 'ms' },
      { name: 'report_files_ms', value: round(median(whole)), unit: 'ms' },
      { name: 'report_chart_rss_mb', value: round(rss / 1e6, 1), unit: 'MB' },
      { name: 'report_png_kb', value: round(first.length / 1024, 1), unit: 'KB' },
    ];
  } finally {
    redis.disconnect();
    await server.stop();
  }
};

export default bench;
