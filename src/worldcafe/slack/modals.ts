import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { tokyoDate, tokyoTime } from '../../infra/clock.js';
import { LIMITS, type FormField } from '../schema.js';
import { KIND_LABELS, SESSION_KINDS, type Session, type SessionView } from '../types.js';
import { formatWhen, titleMrkdwn, titlePlain } from './format.js';

/**
 * The admin modals: create a session, change its capacity, move it, cancel it.
 * Block ids are the form's field names, so server-side errors map straight onto them.
 * Every value read back from a submission is re-validated on the server.
 */

export const WC_VIEWS = {
  create: 'worldcafe_new',
  capacity: 'worldcafe_capacity',
  reschedule: 'worldcafe_reschedule',
  cancel: 'worldcafe_cancel',
} as const;

/** The action id of every input element (one per block). */
export const INPUT_ACTION = 'value';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

const kindOptions: PlainTextOption[] = SESSION_KINDS.map((k) => ({ text: plain(KIND_LABELS[k]), value: k }));

function input(block: FormField, label: string, element: InputBlock['element'], opts: { optional?: boolean; hint?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: block,
    label: plain(label),
    element,
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
  };
}

function scheduleInputs(initial?: Session): KnownBlock[] {
  const start = initial ? new Date(initial.startAt) : undefined;
  return [
    input('date', '日付（日本時間）', { type: 'datepicker', action_id: INPUT_ACTION, ...(start ? { initial_date: tokyoDate(start) } : {}) }),
    input('start', '開始時刻', { type: 'timepicker', action_id: INPUT_ACTION, timezone: 'Asia/Tokyo', ...(start ? { initial_time: tokyoTime(start) } : {}) }),
    input('end', '終了時刻', {
      type: 'timepicker',
      action_id: INPUT_ACTION,
      timezone: 'Asia/Tokyo',
      ...(initial ? { initial_time: tokyoTime(new Date(initial.endAt)) } : {}),
    }),
    input('deadline_date', '申込締切（日付）', { type: 'datepicker', action_id: INPUT_ACTION }, {
      optional: true,
      hint: '空欄の場合は開催日の前日の終わり（23:59）が締切です。',
    }),
    input('deadline_time', '申込締切（時刻）', { type: 'timepicker', action_id: INPUT_ACTION, timezone: 'Asia/Tokyo' }, {
      optional: true,
      hint: '日付だけを選んだ場合は、その日の終わりが締切です。',
    }),
  ];
}

export function createSessionModal(channel: string | undefined): ModalView {
  return {
    type: 'modal',
    callback_id: WC_VIEWS.create,
    private_metadata: JSON.stringify({ c: channel ?? '' }),
    title: plain('セッションの作成'),
    submit: plain('作成して告知'),
    close: plain('キャンセル'),
    blocks: [
      input('theme', 'テーマ', { type: 'plain_text_input', action_id: INPUT_ACTION, max_length: LIMITS.theme, placeholder: plain('例: 風通しの良い職場について話そう') }),
      input('kind', '種類', { type: 'static_select', action_id: INPUT_ACTION, options: kindOptions, initial_option: kindOptions[0] }),
      ...scheduleInputs(),
      input('place', '場所', { type: 'plain_text_input', action_id: INPUT_ACTION, max_length: LIMITS.place, placeholder: plain('例: 区役所 5階 会議室') }),
      input('capacity', '定員', {
        type: 'number_input',
        action_id: INPUT_ACTION,
        is_decimal_allowed: false,
        min_value: String(LIMITS.capacityMin),
        max_value: String(LIMITS.capacityMax),
      }, { hint: `${LIMITS.capacityMin}〜${LIMITS.capacityMax} 名` }),
    ],
  };
}

export function capacityModal(s: SessionView): ModalView {
  return {
    type: 'modal',
    callback_id: WC_VIEWS.capacity,
    private_metadata: JSON.stringify({ id: s.id }),
    title: plain('定員の変更'),
    submit: plain('変更する'),
    close: plain('キャンセル'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${titleMrkdwn(s)}*\n現在: 参加 ${s.confirmed}/${s.capacity} 名・キャンセル待ち ${s.waiting} 名` } },
      input('capacity', '新しい定員', {
        type: 'number_input',
        action_id: INPUT_ACTION,
        is_decimal_allowed: false,
        initial_value: String(s.capacity),
        min_value: String(LIMITS.capacityMin),
        max_value: String(LIMITS.capacityMax),
      }, { hint: '増やすとキャンセル待ちの方が順に繰り上がります。減らしても参加確定の方は取り消されません。' }),
    ],
  };
}

export function rescheduleModal(s: Session): ModalView {
  return {
    type: 'modal',
    callback_id: WC_VIEWS.reschedule,
    private_metadata: JSON.stringify({ id: s.id }),
    title: plain('日時の変更'),
    submit: plain('変更して通知'),
    close: plain('キャンセル'),
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: `${titlePlain(s)}\n現在: ${formatWhen(s)}\n変更すると、申込者全員に DM でお知らせします。` } },
      ...scheduleInputs(s),
    ],
  };
}

export function cancelModal(s: SessionView): ModalView {
  return {
    type: 'modal',
    callback_id: WC_VIEWS.cancel,
    private_metadata: JSON.stringify({ id: s.id }),
    title: plain('セッションの中止'),
    submit: plain('中止する'),
    close: plain('戻る'),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'plain_text',
          text: `${titlePlain(s)}\n${formatWhen(s)}\n\nこのセッションを中止します。参加確定 ${s.confirmed} 名・キャンセル待ち ${s.waiting} 名の方に DM でお知らせします。元に戻すことはできません。`,
        },
      },
    ],
  };
}

/** Reads the submitted values (block → "value" element) into the form's shape. Tolerates anything. */
export function readForm(values: unknown): Record<FormField, string | undefined> {
  const v = (values && typeof values === 'object' ? values : {}) as Record<string, Record<string, Record<string, unknown>> | undefined>;
  const get = (block: FormField): string | undefined => {
    const el = v[block]?.[INPUT_ACTION];
    if (!el || typeof el !== 'object') return undefined;
    const candidates = [el.value, el.selected_date, el.selected_time, (el.selected_option as { value?: unknown } | undefined)?.value];
    const found = candidates.find((c) => typeof c === 'string');
    return typeof found === 'string' ? found : undefined;
  };
  return {
    theme: get('theme'),
    kind: get('kind'),
    date: get('date'),
    start: get('start'),
    end: get('end'),
    place: get('place'),
    capacity: get('capacity'),
    deadline_date: get('deadline_date'),
    deadline_time: get('deadline_time'),
  };
}

const ELEMENTS: Record<FormField, 'plain_text_input' | 'static_select' | 'datepicker' | 'timepicker' | 'number_input'> = {
  theme: 'plain_text_input',
  kind: 'static_select',
  date: 'datepicker',
  start: 'timepicker',
  end: 'timepicker',
  place: 'plain_text_input',
  capacity: 'number_input',
  deadline_date: 'datepicker',
  deadline_time: 'timepicker',
};

/**
 * The other direction of readForm: the `view.state.values` Slack submits for these field values
 * (null: left empty). Shared with the tests, so a renamed block or element breaks in one place.
 */
export function writeForm(form: Partial<Record<FormField, string | null>>): Record<string, Record<string, Record<string, unknown>>> {
  const state = (type: (typeof ELEMENTS)[FormField], v: string | null) => {
    switch (type) {
      case 'datepicker':
        return { type, selected_date: v };
      case 'timepicker':
        return { type, selected_time: v };
      case 'static_select':
        return { type, selected_option: v === null ? null : { text: { type: 'plain_text', text: v }, value: v } };
      default:
        return { type, value: v };
    }
  };
  return Object.fromEntries(Object.entries(form).map(([field, v]) => [field, { [INPUT_ACTION]: state(ELEMENTS[field as FormField], v ?? null) }]));
}

/** Parses private_metadata; anything malformed gives {}. */
export function readMetadata(raw: unknown): { id?: string; c?: string } {
  if (typeof raw !== 'string' || raw.length > 500) return {};
  try {
    const m = JSON.parse(raw) as unknown;
    if (!m || typeof m !== 'object') return {};
    const o = m as Record<string, unknown>;
    return { id: typeof o.id === 'string' ? o.id : undefined, c: typeof o.c === 'string' ? o.c : undefined };
  } catch {
    return {};
  }
}
