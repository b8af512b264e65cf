import { z } from 'zod';
import { cleanText } from '../infra/clean-text.js';
import type { Clock } from '../infra/clock.js';
import { isUserId } from '../infra/slack-ids.js';
import { SESSION_ID } from './keys.js';
import type { WorldcafeStore } from './store.js';

/**
 * The post-session survey (plan 4(1)⑥ 評価結果を踏まえた改善, 4(2)⑤ アンケート): 満足度 1–5,
 * 業務に役立つか 1–5 and a free comment of up to 500 characters, one answer per attendee and
 * session (a second answer replaces the first). Who answered is kept only for that; what the
 * report reads has no user ids. Answers expire with the session's data.
 */

export const COMMENT_MAX = 500;

const score = (label: string) =>
  z.coerce
    .number({ message: `${label}を 1〜5 から選んでください。` })
    .int({ message: `${label}を 1〜5 から選んでください。` })
    .min(1, { message: `${label}を 1〜5 から選んでください。` })
    .max(5, { message: `${label}を 1〜5 から選んでください。` });

export const surveySchema = z.object({
  satisfaction: z.preprocess((v) => (v === '' || v === null ? undefined : v), score('満足度')),
  usefulness: z.preprocess((v) => (v === '' || v === null ? undefined : v), score('業務に役立つか')),
  comment: z
    .preprocess((v) => (typeof v === 'string' ? cleanText(v).trim() : (v ?? '')), z.string())
    .refine((v) => [...v].length <= COMMENT_MAX, { message: `自由記述は ${COMMENT_MAX} 文字以内で入力してください。` }),
});

export type SurveyAnswer = z.output<typeof surveySchema>;
export type SurveyField = keyof SurveyAnswer;

export type SurveyResult =
  | { outcome: 'saved' | 'replaced'; answer: SurveyAnswer }
  | { outcome: 'invalid'; errors: Partial<Record<SurveyField, string>> }
  | { outcome: 'refused'; reason: 'missing' | 'cancelled' | 'not_ended' | 'not_attendee' };

export function validateSurvey(raw: Record<string, unknown>): { ok: true; answer: SurveyAnswer } | { ok: false; errors: Partial<Record<SurveyField, string>> } {
  const parsed = surveySchema.safeParse(raw);
  if (parsed.success) return { ok: true, answer: parsed.data };
  const errors: Partial<Record<SurveyField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as SurveyField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

function parseAnswer(raw: string | null | undefined): SurveyAnswer | undefined {
  if (!raw) return undefined;
  try {
    const v = surveySchema.safeParse(JSON.parse(raw));
    return v.success ? v.data : undefined;
  } catch {
    return undefined;
  }
}

export type SurveyStore = ReturnType<typeof createSurveyStore>;

export function createSurveyStore(o: { store: Pick<WorldcafeStore, 'saveSurvey' | 'surveyAnswerOf' | 'surveyAnswers'>; clock: Clock }) {
  const { store } = o;
  return {
    /** Validates and stores `userId`'s answer for session `id`. */
    async save(id: string, userId: string, raw: Record<string, unknown>): Promise<SurveyResult> {
      if (!SESSION_ID.test(id) || !isUserId(userId)) return { outcome: 'refused', reason: 'missing' };
      const v = validateSurvey(raw);
      if (!v.ok) return { outcome: 'invalid', errors: v.errors };
      const json = JSON.stringify({ ...v.answer, at: o.clock.now().toISOString() });
      const r = await store.saveSurvey(id, userId, o.clock.now().getTime(), json);
      if (r[0] === 'refused') return { outcome: 'refused', reason: r[1] as 'missing' | 'cancelled' | 'not_ended' | 'not_attendee' };
      return { outcome: r[0] as 'saved' | 'replaced', answer: v.answer };
    },

    /** The person's own answer, to show it again in the form. */
    async answerOf(id: string, userId: string): Promise<SurveyAnswer | undefined> {
      if (!SESSION_ID.test(id) || !isUserId(userId)) return undefined;
      return parseAnswer(await store.surveyAnswerOf(id, userId));
    },

    /** Every answer of a session, without who gave it. */
    async answers(id: string): Promise<SurveyAnswer[]> {
      if (!SESSION_ID.test(id)) return [];
      return (await store.surveyAnswers(id)).flatMap((raw) => parseAnswer(raw) ?? []);
    },
  };
}
