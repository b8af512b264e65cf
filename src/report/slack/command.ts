import { errorMessage } from '../../infra/errors.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import type { CommandArgs } from '../../slack/routes.js';
import { currentMonth, isMonthId, lastFullMonth, parseMonth, type Month } from '../month.js';
import { deliverReport } from './deliver.js';
import type { ReportDeps } from './deps.js';
import { REPORT_TEXT } from './texts.js';

/**
 * /report [YYYY-MM] — an admin route (the router refuses anyone else before this runs, and
 * nothing changes). Acks at once, builds the month's report (default: the last full month),
 * DMs it to the admin, then says so privately.
 */

/** The month asked for, or the sentence that says why not. */
export function monthAsked(text: string, now: Date): { ok: true; month: Month } | { ok: false; text: string } {
  const arg = text.trim();
  if (arg === '') return { ok: true, month: lastFullMonth(now) };
  if (/^(help|ヘルプ|使い方)$/i.test(arg)) return { ok: false, text: REPORT_TEXT.usage };
  const month = isMonthId(arg) ? parseMonth(arg) : undefined;
  if (!month) return { ok: false, text: `${REPORT_TEXT.badMonth([...arg].slice(0, 20).join(''))}\n${REPORT_TEXT.usage}` };
  if (month.start > currentMonth(now).start) return { ok: false, text: REPORT_TEXT.future(month.id) };
  return { ok: true, month };
}

/** Builds and DMs the report; says how it went through `say`. Never throws. */
export async function sendReport(deps: ReportDeps, userId: string, month: Month, say: (text: string) => Promise<unknown>, log = deps.logger): Promise<void> {
  try {
    const report = await deps.build(month);
    await deliverReport(deps.followUp, userId, report);
    log.info({ month: month.id }, 'report sent');
    await say(REPORT_TEXT.sent(month.id));
  } catch (err) {
    log.warn({ month: month.id, err: errorMessage(err) }, 'report failed');
    await say(REPORT_TEXT.failed);
  }
}

export function reportCommandHandler(deps: ReportDeps) {
  return async ({ ack, command, respond, context }: CommandArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const asked = monthAsked(command.text ?? '', deps.clock.now());
    if (!asked.ok) return void (await ack({ response_type: 'ephemeral', text: asked.text }));
    await ack({ response_type: 'ephemeral', text: REPORT_TEXT.working(asked.month.id) });
    const say = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
    await sendReport(deps, command.user_id, asked.month, say, log);
  };
}
