import type { KnownBlock } from '@slack/types';
import { errorMessage } from '../../infra/errors.js';
import type { HomeSectionProvider } from '../../slack/app-home.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { audienceOf, tellPrivately } from '../../slack/private-reply.js';
import type { ButtonArgs } from '../../slack/routes.js';
import { currentMonth, isMonthId, parseMonth, previousMonthId } from '../month.js';
import type { MonthlyReport } from '../types.js';
import { sendReport } from './command.js';
import type { ReportDeps } from './deps.js';
import { REPORT_TEXT } from './texts.js';

/** App Home for admins: 「今月の状況」 with the headline figures, and buttons for the full reports. */

export const REPORT_FULL_ACTION = 'report_full';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

export function reportHomeBlocks(r: MonthlyReport): KnownBlock[] {
  const fields = [
    `*質問*\n${r.qa.asked} 件（回答 ${pct(r.qa.answeredPct)}）`,
    `*プランに記載なし*\n${r.qa.refused} 件`,
    `*改善提案*\n受付 ${r.proposals.received} 件・審査待ち ${r.proposals.byStatus['受付'] + r.proposals.byStatus['検討中']} 件`,
    `*ワールドカフェ等*\n開催 ${r.worldcafe.held} 回・充足率 ${pct(r.worldcafe.fillPct)}`,
    `*アンケート*\n${r.worldcafe.surveyAnswers} 件`,
    `*朝礼の話題*\n${r.morning.posted} 件（${r.morning.channels} チャンネル）`,
  ].map((text) => ({ type: 'mrkdwn' as const, text }));
  return [
    { type: 'header', text: { type: 'plain_text', text: REPORT_TEXT.homeTitle } },
    { type: 'section', fields },
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: REPORT_FULL_ACTION, value: r.month, style: 'primary', text: { type: 'plain_text', text: REPORT_TEXT.homeButton } },
        { type: 'button', action_id: `${REPORT_FULL_ACTION}_last`, value: previousMonthId(r.month), text: { type: 'plain_text', text: REPORT_TEXT.homeLastMonth } },
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${r.asOf.slice(0, 10)} 時点。概要・グラフ・CSV（Excel 用）が DM に届きます。\`/report YYYY-MM\` でほかの月も作れます。` }] },
  ];
}

/** Only admins see the section; for everyone else it is absent. */
export function reportHomeSection(deps: Pick<ReportDeps, 'build' | 'clock' | 'isAdmin'>): HomeSectionProvider {
  return {
    id: 'report',
    title: REPORT_TEXT.homeTitle,
    async build(userId) {
      if (!deps.isAdmin(userId)) return undefined;
      return { id: 'report', blocks: reportHomeBlocks(await deps.build(currentMonth(deps.clock.now()))) };
    },
  };
}

/** The Home buttons (admin routes): DM the month's full report. */
export function reportFullHandler(deps: ReportDeps) {
  return async (a: ButtonArgs): Promise<void> => {
    await a.ack();
    const log = requestLog(a.context, deps.logger);
    const to = audienceOf(a.body, a.respond);
    const value = String(a.action.value ?? '');
    const month = isMonthId(value) ? parseMonth(value) : undefined;
    const say = (text: string) => tellPrivately(a.client, to, text, undefined, log);
    if (!month) return void (await say(REPORT_TEXT.usage).catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'report: could not reply')));
    await sendReport(deps, a.body.user.id, month, say, log);
  };
}
