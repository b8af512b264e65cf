import { z } from 'zod';
import { cleanText } from '../infra/clean-text.js';
import { requiresReason, type ProposalStatus } from './status.js';

/**
 * What a proposal is made of, and the limits on every field. The server validates whatever the
 * client sent (Slack's own max_length is a convenience, not a guarantee: payloads can be forged).
 */

export const CATEGORIES = [
  { value: 'efficiency', label: '業務の改善・効率化' },
  { value: 'service', label: '区民サービスの向上' },
  { value: 'workplace', label: '職場環境の改善' },
  { value: 'cost', label: '経費の節減' },
  { value: 'other', label: 'その他' },
] as const;
export type Category = (typeof CATEGORIES)[number]['value'];

export function categoryLabel(value: string): string {
  return CATEGORIES.find((c) => c.value === value)?.label ?? 'その他';
}

/** Limits in characters (code points, as people count them). */
export const LIMITS = {
  title: 80,
  problem: 1500,
  body: 2000,
  effect: 1000,
  /** The reason for 見送り, or a reviewer's comment. */
  note: 1000,
} as const;

export const PROPOSAL_FIELDS = ['title', 'category', 'problem', 'body', 'effect', 'anonymous'] as const;
export type ProposalField = (typeof PROPOSAL_FIELDS)[number];

/** Field labels as the form shows them; also used in error messages. */
export const FIELD_LABELS: Record<ProposalField, string> = {
  title: 'タイトル',
  category: '区分',
  problem: '現状の課題',
  body: '提案内容',
  effect: '期待される効果',
  anonymous: '匿名で共有する',
};

/** Code points, so that 80 characters of Japanese (or emoji) count as 80. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

/** No controls, bidi overrides or stray invisibles in a proposal; emoji stay whole (src/infra/clean-text.ts). */
function cleanField(value: unknown, singleLine: boolean): unknown {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return value; // left for the string check to refuse
  return cleanText(value, { singleLine }).trim();
}

function textField(field: Exclude<ProposalField, 'category' | 'anonymous'>, max: number, singleLine = false) {
  const label = FIELD_LABELS[field];
  return z.preprocess(
    (v) => cleanField(v, singleLine),
    z.string({ message: `${label}を文字で入力してください。` }).superRefine((v, ctx) => {
      if (v.length === 0) ctx.addIssue({ code: 'custom', message: `${label}を入力してください。` });
      const n = charCount(v);
      if (n > max) ctx.addIssue({ code: 'custom', message: `${label}は${max}文字以内でお願いします（現在${n}文字）。` });
    }),
  );
}

export const proposalInputSchema = z.object({
  title: textField('title', LIMITS.title, true),
  category: z.enum(CATEGORIES.map((c) => c.value) as [Category, ...Category[]], {
    message: '区分を一覧から選んでください。',
  }),
  problem: textField('problem', LIMITS.problem),
  body: textField('body', LIMITS.body),
  effect: textField('effect', LIMITS.effect),
  anonymous: z.boolean({ message: '「匿名で共有する」の指定が読み取れません。' }).default(false),
});

export type ProposalInput = z.output<typeof proposalInputSchema>;

export type FieldErrors<F extends string> = Partial<Record<F, string>>;
export type Validated<T, F extends string> = { ok: true; value: T } | { ok: false; errors: FieldErrors<F> };

/** Validates a proposal from any source. Errors are keyed by field, worded for the person who typed it. */
export function validateProposalInput(raw: unknown): Validated<ProposalInput, ProposalField> {
  const parsed = proposalInputSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: firstErrorPerField(parsed.error.issues, PROPOSAL_FIELDS, 'title') };
}

export const STATUS_FIELDS = ['status', 'note'] as const;
export type StatusField = (typeof STATUS_FIELDS)[number];

/** The reviewer's note: required for 見送り (the reason), optional otherwise. */
export function validateStatusNote(to: ProposalStatus, raw: unknown): Validated<string, StatusField> {
  const note = cleanField(raw, false);
  if (typeof note !== 'string') return { ok: false, errors: { note: '理由・コメントを文字で入力してください。' } };
  if (requiresReason(to) && note.length === 0) {
    return { ok: false, errors: { note: '「見送り」にする場合は、提案者にお伝えする理由を入力してください。' } };
  }
  const n = charCount(note);
  if (n > LIMITS.note) return { ok: false, errors: { note: `理由・コメントは${LIMITS.note}文字以内でお願いします（現在${n}文字）。` } };
  return { ok: true, value: note };
}

function firstErrorPerField<F extends string>(issues: z.core.$ZodIssue[], fields: readonly F[], fallback: F): FieldErrors<F> {
  const out: FieldErrors<F> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    const field = (fields as readonly string[]).includes(key) ? (key as F) : fallback;
    out[field] ??= issue.message;
  }
  return out;
}
