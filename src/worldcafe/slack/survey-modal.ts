import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { COMMENT_MAX, type SurveyAnswer, type SurveyField } from '../survey.js';
import type { Session } from '../types.js';
import { formatWhen, titlePlain } from './format.js';
import { SURVEY_TEXT } from './texts.js';

/**
 * The post-session survey modal: 満足度 and 業務に役立つか as 1–5 radio buttons, a free comment,
 * and what is stored, said in the modal itself. Block ids are the survey's field names, so the
 * server's errors map straight onto them; readSurveyForm reads a submission back.
 */

export const SURVEY_VIEW = 'worldcafe_survey_submit';
const INPUT = 'value';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const scale: PlainTextOption[] = SURVEY_TEXT.scale.map((text, i) => ({ text: plain(text), value: String(i + 1) }));

function scoreInput(block: 'satisfaction' | 'usefulness', label: string, initial?: number): InputBlock {
  const option = initial ? scale[initial - 1] : undefined;
  return { type: 'input', block_id: block, label: plain(label), element: { type: 'radio_buttons', action_id: INPUT, options: scale, ...(option ? { initial_option: option } : {}) } };
}

export function surveyModal(s: Session, previous?: SurveyAnswer): ModalView {
  return {
    type: 'modal',
    callback_id: SURVEY_VIEW,
    private_metadata: JSON.stringify({ id: s.id }),
    title: plain(SURVEY_TEXT.title),
    submit: plain(SURVEY_TEXT.submit),
    close: plain(SURVEY_TEXT.close),
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: `${titlePlain(s)}\n${formatWhen(s)}` } },
      ...(previous ? [{ type: 'context' as const, elements: [plain(SURVEY_TEXT.again)] }] : []),
      scoreInput('satisfaction', SURVEY_TEXT.satisfaction, previous?.satisfaction),
      scoreInput('usefulness', SURVEY_TEXT.usefulness, previous?.usefulness),
      {
        type: 'input',
        block_id: 'comment',
        optional: true,
        label: plain(SURVEY_TEXT.comment),
        element: {
          type: 'plain_text_input',
          action_id: INPUT,
          multiline: true,
          max_length: COMMENT_MAX,
          placeholder: plain(SURVEY_TEXT.commentPlaceholder),
          ...(previous?.comment ? { initial_value: previous.comment } : {}),
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: SURVEY_TEXT.privacy }] },
    ],
  };
}

/** The submitted values, as the survey's raw fields (validated by the domain). Tolerates anything. */
export function readSurveyForm(values: unknown): Record<SurveyField, string | undefined> {
  const v = (values && typeof values === 'object' ? values : {}) as Record<string, Record<string, Record<string, unknown>> | undefined>;
  const get = (block: SurveyField): string | undefined => {
    const el = v[block]?.[INPUT];
    if (!el || typeof el !== 'object') return undefined;
    const found = [el.value, (el.selected_option as { value?: unknown } | undefined)?.value].find((c) => typeof c === 'string');
    return typeof found === 'string' ? found : undefined;
  };
  return { satisfaction: get('satisfaction'), usefulness: get('usefulness'), comment: get('comment') };
}
