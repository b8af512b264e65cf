import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ProposalsDeps } from './deps.js';
import { tokyoDate } from '../../infra/clock.js';
import type { Logger } from '../../infra/logger.js';
import { proposalsToCsv } from '../csv.js';
import { proposalFormView } from './form.js';
import { PROPOSAL_HELP, proposalListBlocks } from './list.js';
import { EXPORT_ADMIN_ONLY, FORM_OPEN_FAILED, MINE_EMPTY, PROPOSAL_TEXT, LIST_EMPTY, UNAVAILABLE_NOTICE } from './texts.js';
import { openDm } from '../../slack/dm.js';
import { slackTextToPlain } from '../../slack/incoming-text.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { fillProposerNames } from './share.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * /proposal [タイトル]  opens the proposal form (title filled in when typed)
 * /proposal list       recent proposals and their status (一覧)
 * /proposal mine       your own proposals (自分)
 * /proposal export     (admin) every proposal as CSV, uploaded to the admin's DM (出力)
 * /proposal help       how to use it
 */

const SUBCOMMANDS: Record<string, 'list' | 'mine' | 'export' | 'help'> = {
  list: 'list',
  ls: 'list',
  一覧: 'list',
  mine: 'mine',
  my: 'mine',
  自分: 'mine',
  自分の提案: 'mine',
  export: 'export',
  csv: 'export',
  出力: 'export',
  help: 'help',
  ヘルプ: 'help',
  使い方: 'help',
};

export function proposalCommandHandler(deps: ProposalsDeps) {
  return async ({ command, ack, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const text = slackTextToPlain(command.text ?? '');
    const sub = SUBCOMMANDS[text.toLowerCase()];
    const userId = command.user_id;

    if (sub === 'help') {
      await ack({ response_type: 'ephemeral', text: PROPOSAL_HELP });
      return;
    }
    if (sub === 'export') {
      if (!deps.isAdmin(userId)) {
        log.warn('proposal export refused: not an admin');
        await ack({ response_type: 'ephemeral', text: EXPORT_ADMIN_ONLY });
        return;
      }
      await ack({ response_type: 'ephemeral', text: PROPOSAL_TEXT.exporting });
      await exportToDm(deps.followUp, deps, userId, respond, log);
      return;
    }
    if (sub === 'list' || sub === 'mine') {
      await ack();
      await showList(deps, sub, userId, respond, log);
      return;
    }

    // Anything else is the title of a new proposal (or nothing).
    await ack();
    try {
      await client.views.open({ trigger_id: command.trigger_id, view: proposalFormView({ mode: 'new', token: randomUUID() }, { title: text }) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'could not open the proposal form');
      await respond({ response_type: 'ephemeral', text: FORM_OPEN_FAILED }).catch(() => undefined);
    }
  };
}

async function showList(deps: ProposalsDeps, which: 'list' | 'mine', userId: string, respond: RespondFn, log: Logger): Promise<void> {
  const viewer = { userId, admin: deps.isAdmin(userId) };
  try {
    const proposals = which === 'list' ? await deps.proposals.listRecent(20) : await deps.proposals.listByUser(userId, 40);
    const title = PROPOSAL_TEXT.listTitle(which, proposals.length);
    const blocks = proposalListBlocks(title, proposals, viewer, which === 'list' ? LIST_EMPTY : MINE_EMPTY);
    await respond({ response_type: 'ephemeral', text: title, blocks });
  } catch (err) {
    log.warn({ err: errorMessage(err) }, 'could not list proposals');
    await respond({ response_type: 'ephemeral', text: UNAVAILABLE_NOTICE }).catch(() => undefined);
  }
}

async function exportToDm(client: WebClient, deps: ProposalsDeps, userId: string, respond: RespondFn, log: Logger): Promise<void> {
  try {
    const proposals = await deps.proposals.listAll();
    await fillProposerNames(client, deps, proposals, log);
    const csv = proposalsToCsv(proposals);
    const today = tokyoDate(deps.clock.now());
    const channelId = await openDm(client, userId);
    await client.files.uploadV2({
      channel_id: channelId,
      file: Buffer.from(csv, 'utf8'),
      filename: `minato-proposals-${today}.csv`,
      title: PROPOSAL_TEXT.exportTitle(today, proposals.length),
      initial_comment: PROPOSAL_TEXT.exportComment(proposals.length),
    });
    log.info({ count: proposals.length }, 'proposals exported');
    await respond({ response_type: 'ephemeral', text: PROPOSAL_TEXT.exported(proposals.length) }).catch(() => undefined);
  } catch (err) {
    log.warn({ err: errorMessage(err) }, 'proposal export failed');
    await respond({ response_type: 'ephemeral', text: PROPOSAL_TEXT.exportFailed }).catch(() => undefined);
  }
}
