import type { webApi } from '@slack/bolt';
import { isAppId, isBotId } from '../infra/slack-ids.js';

/**
 * Which workspace and which Slack app this bot is: the receiver's screen acts only on payloads
 * whose team_id and api_app_id are these (anything else is answered 200 and dropped).
 *
 * Set by configuration (SLACK_TEAM_ID, SLACK_APP_ID) or, for what is not set, learnt from Slack
 * by SlackConnection (src/slack/connection.ts) with its first successful auth.test: auth.test
 * gives the workspace (team_id) and the bot (bot_id); the app id comes from auth.test when Slack
 * includes it, otherwise from bots.info for that bot. Until both are known (Slack unreachable
 * at start, nothing configured) requests are not checked against them: acks go on, as
 * SlackConnection promises, and one warn line says so.
 */

export interface AppIdentity {
  teamId: string;
  appId: string;
}

/** The app id of the bot token, from auth.test's answer or, when that leaves it out, bots.info. */
export async function appIdOf(client: webApi.WebClient, auth: { app_id?: string; bot_id?: string }): Promise<string | undefined> {
  if (isAppId(auth.app_id)) return auth.app_id;
  if (!isBotId(auth.bot_id)) return undefined;
  const appId = (await client.bots.info({ bot: auth.bot_id })).bot?.app_id;
  return isAppId(appId) ? appId : undefined;
}

/** Configuration first, then what Slack said; undefined until both ids are known. */
export function appIdentity(configured: { teamId?: string; appId?: string }, learnt: { teamId?: string; appId?: string }): AppIdentity | undefined {
  const teamId = configured.teamId ?? learnt.teamId;
  const appId = configured.appId ?? learnt.appId;
  return teamId && appId ? { teamId, appId } : undefined;
}
