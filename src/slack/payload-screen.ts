import { payloadSchemas, TEXT_MAX, type PayloadSchemas } from './payload-schemas.js';
import type { Logger } from '../infra/logger.js';
import type { AppIdentity } from './app-identity.js';

/**
 * The receiver's check of every Slack payload before Bolt sees it (HTTP and Socket Mode alike):
 *
 * 1. the whole body: at most MAX_DEPTH objects/arrays deep and no string over TEXT_MAX
 *    (walked without recursion, so a deeply nested body cannot overflow the stack);
 * 2. its kind (event callback per event type, slash command, block_actions, view_submission,
 *    view_closed) and that kind's zod schema (src/slack/payload-schemas.ts), response_url
 *    included: only Slack's hooks origin, or SLACK_API_URL's origin when that is set;
 * 3. that it is for this app: its team_id and api_app_id are ours (src/slack/app-identity.ts).
 *
 * A payload that fails gets a 200 (Slack stops re-sending it) and nothing else happens; the
 * receiver logs one warn line with the kind and the field. Kinds the bot has no listener for
 * (shortcuts, view_closed, events it does not subscribe to) are answered the same way, at info.
 */

/** Far deeper than anything Slack sends (rich text in a message is about 10 levels). */
export const MAX_DEPTH = 32;

/** Slack's own origin for response_url. */
export const SLACK_HOOKS_ORIGIN = 'https://hooks.slack.com';

export type ScreenVerdict =
  | { ok: true; kind: string }
  | { ok: false; kind: string; reason: 'malformed' | 'not_ours' | 'not_handled'; field: string; problem?: string };

export interface PayloadScreenOptions {
  /** SLACK_API_URL, when set: its origin is accepted for response_url too (tests, a proxy). */
  slackApiUrl?: string;
  /** The app's own team and app id; while it returns undefined, requests are not checked against it. */
  identity?: () => AppIdentity | undefined;
  /** Says once that the team and app are not checked yet (Slack not reached, nothing configured). */
  logger?: Logger;
}

export type PayloadScreen = (body: unknown) => ScreenVerdict;

export function createPayloadScreen(options: PayloadScreenOptions = {}): PayloadScreen {
  const origins = new Set([SLACK_HOOKS_ORIGIN]);
  if (options.slackApiUrl && URL.canParse(options.slackApiUrl)) origins.add(new URL(options.slackApiUrl).origin);
  const schemas = payloadSchemas((url) => URL.canParse(url) && origins.has(new URL(url).origin));
  let warned = false;
  return (body) => {
    const identity = options.identity?.();
    if (!identity && options.identity && !warned) {
      warned = true;
      options.logger?.warn('team_id and api_app_id are not checked until Slack has said which they are (or SLACK_TEAM_ID and SLACK_APP_ID are set)');
    }
    return screen(body, schemas, identity);
  };
}

function screen(body: unknown, schemas: PayloadSchemas, identity: AppIdentity | undefined): ScreenVerdict {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('unknown', 'malformed', '(body)');
  const b = body as Record<string, unknown>;
  const { kind, schema } = kindOf(b, schemas);
  const outsized = outsizedField(b);
  if (outsized) return refuse(kind, 'malformed', outsized.field, outsized.problem);
  if (!schema) return refuse(kind, 'not_handled', kind === 'unknown' ? 'type' : 'event.type');
  const parsed = schema.safeParse(b);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refuse(kind, 'malformed', fieldName(issue.path), issue.message.slice(0, 80));
  }
  if (identity) {
    const { teamId, appId } = idsOf(b);
    if (appId !== identity.appId) return refuse(kind, 'not_ours', 'api_app_id');
    if (teamId !== identity.teamId) return refuse(kind, 'not_ours', 'team_id');
  }
  // No modal asks for notify_on_close, so nothing listens for view_closed: answered here (200).
  if (kind === 'view_closed') return refuse(kind, 'not_handled', 'type');
  return { ok: true, kind };
}

/** One line for a payload the screen refused: warn when it is malformed or not for this app. */
export function logRefusal(log: Logger, v: Exclude<ScreenVerdict, { ok: true }>): void {
  const fields = { kind: v.kind, field: v.field, ...(v.problem ? { problem: v.problem } : {}) };
  if (v.reason === 'not_handled') log.info(fields, 'slack request ignored: no listener for this kind');
  else if (v.reason === 'not_ours') log.warn(fields, 'slack request refused: not for this app');
  else log.warn(fields, 'slack request refused: malformed payload');
}

const refuse = (kind: string, reason: 'malformed' | 'not_ours' | 'not_handled', field: string, problem?: string): ScreenVerdict => ({ ok: false, kind, reason, field, ...(problem ? { problem } : {}) });

/** The payload's kind, named by Slack's own words, and its schema (none: not a kind the bot handles). */
function kindOf(b: Record<string, unknown>, schemas: PayloadSchemas): { kind: string; schema?: { safeParse(v: unknown): any } } {
  if (b.type === 'event_callback') {
    const event = b.event as { type?: unknown } | null | undefined;
    const type = typeof event === 'object' && event !== null ? event.type : undefined;
    const schema = typeof type === 'string' ? schemas.events.get(type) : undefined;
    if (schema) return { kind: `event:${type as string}`, schema };
    // A missing or malformed event fails the envelope's schema (any event type will do for that).
    if (typeof type !== 'string') return { kind: 'event', schema: schemas.events.get('message') };
    return { kind: 'event:other' };
  }
  // Slash commands are form fields without a type.
  if (b.type === undefined && 'command' in b) return { kind: 'slash_command', schema: schemas.slashCommand };
  switch (b.type) {
    case 'block_actions':
      return { kind: 'block_actions', schema: schemas.blockActions };
    case 'view_submission':
      return { kind: 'view_submission', schema: schemas.viewSubmission };
    case 'view_closed':
      return { kind: 'view_closed', schema: schemas.viewClosed };
    default:
      return { kind: typeof b.type === 'string' && /^[a-z_]{1,40}$/.test(b.type) ? b.type : 'unknown' };
  }
}

/** Which team and app a payload is for, where each kind carries them (validated by then). */
function idsOf(b: Record<string, any>): { teamId?: string; appId?: string } {
  if (b.type === 'event_callback' || b.type === undefined) return { teamId: b.team_id, appId: b.api_app_id };
  return { teamId: b.team?.id ?? b.user?.team_id, appId: b.api_app_id };
}

/**
 * The first field that is nested deeper than MAX_DEPTH or holds a string over TEXT_MAX, named by
 * its top-level key. Iterative: the body may be nested 100,000 deep.
 */
function outsizedField(body: Record<string, unknown>): { field: string; problem: string } | undefined {
  const stack: [unknown, number, string][] = Object.entries(body).map(([k, v]) => [v, 1, k]);
  while (stack.length > 0) {
    const [value, depth, top] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > TEXT_MAX) return { field: safeKey(top), problem: `a string over ${TEXT_MAX} characters` };
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_DEPTH) return { field: safeKey(top), problem: `nested over ${MAX_DEPTH} levels` };
      for (const v of Array.isArray(value) ? value : Object.values(value)) stack.push([v, depth + 1, top]);
    }
  }
  return undefined;
}

/** A zod path as a log field ("view.state.values.title.value.value"); keys from the payload are shortened. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map((p) => (typeof p === 'number' ? String(p) : safeKey(String(p)))).join('.');
}

function safeKey(key: string): string {
  const k = key.replace(/[^\w-]/g, '?');
  return k.length > 40 ? `${k.slice(0, 40)}…` : k;
}
