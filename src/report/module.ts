import type { FeatureModule, Infra } from '../deps.js';
import type { DayOutcome } from '../morning/types.js';
import type { QaActivity } from '../plan/types.js';
import type { Month } from './month.js';
import { buildReport } from './service.js';
import { InsightsStore } from './store.js';
import { reportHomeSection } from './slack/home.js';
import { reportRoutes } from './slack/routes.js';
import type { MonthlyReport, ReportSources } from './types.js';

/**
 * The report's own notes, made as the bot works: Q&A counts and refused questions (from the plan
 * module), each day's morning outcome (from the morning module). Built before those modules.
 */
export function reportNotes(infra: Infra): { insights: InsightsStore; qa: QaActivity; morning(outcome: DayOutcome): Promise<void> } {
  const insights = new InsightsStore(infra.redis, infra.config.INSIGHTS_RETENTION_DAYS);
  return {
    insights,
    qa: { asked: (q) => insights.recordQuestion(q), voted: (v) => insights.recordVote(v) },
    morning: (o) =>
      insights.recordMorning(
        o.status === 'posted'
          ? { date: o.date, channel: o.channel, status: 'posted', promptId: o.promptId }
          : { date: o.date, channel: o.channel, status: 'skipped', reason: o.cause === 'not_running' ? o.cause : `${o.cause}:${o.code}` },
      ),
  };
}

/**
 * The monthly report for the people who run the plan (its PDCA: 4(1)⑥, 4(2)⑤, 4(2)⑦): /report,
 * the admins' 「今月の状況」 on App Home. It reads the other features through `sources` and its
 * own notes in `insights` (which the plan and morning modules write to).
 */
export function reportModule(infra: Infra, o: { insights: InsightsStore; sources: ReportSources }): FeatureModule & { build(month: Month): Promise<MonthlyReport> } {
  const { clock } = infra;
  const build = (month: Month) => buildReport({ insights: o.insights, sources: o.sources, retentionDays: infra.config.INSIGHTS_RETENTION_DAYS }, month, clock.now());
  const deps = { build, clock, logger: infra.logger.child({ component: 'report' }), isAdmin: infra.isAdmin, followUp: infra.slack.followUp };
  return { build, routes: reportRoutes(deps), homeSection: reportHomeSection(deps) };
}
