/**
 * Builds a modal's `view.state.values` the way Slack would submit it, from the view the bot
 * opened (its input blocks and their initial values), with `overrides` for what the person typed:
 *
 *   stateFrom(openedView, { title: '会議資料のペーパーレス化', channels: ['C0GENERAL'], when: 'later' })
 *
 * An override is the plain value: a string for text, number, date (YYYY-MM-DD), time (HH:MM), url
 * and single selects (the option value); a string array for multi-selects and checkboxes.
 */
type Block = { type?: string; block_id?: string; element?: Element };
type Option = { text: { type: string; text: string }; value: string };
type Element = {
  type: string;
  action_id: string;
  initial_value?: string;
  initial_date?: string;
  initial_time?: string;
  initial_option?: Option;
  initial_options?: Option[];
  initial_conversations?: string[];
  initial_channels?: string[];
  initial_users?: string[];
  options?: Option[];
  option_groups?: { options: Option[] }[];
};

export function stateFrom(view: { blocks?: Block[] }, overrides: Record<string, string | string[] | null> = {}): Record<string, Record<string, Record<string, unknown>>> {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const el = block.element;
    const given = overrides[block.block_id];
    const has = block.block_id in overrides;
    const options = el.options ?? el.option_groups?.flatMap((g) => g.options) ?? [];
    const option = (v: string | string[] | null | undefined) => options.find((o) => o.value === v) ?? (v ? { text: { type: 'plain_text', text: String(v) }, value: String(v) } : null);
    let state: Record<string, unknown>;
    switch (el.type) {
      case 'plain_text_input':
      case 'url_text_input':
      case 'email_text_input':
      case 'number_input':
        state = { value: has ? given : (el.initial_value ?? null) };
        break;
      case 'datepicker':
        state = { selected_date: has ? given : (el.initial_date ?? null) };
        break;
      case 'timepicker':
        state = { selected_time: has ? given : (el.initial_time ?? null) };
        break;
      case 'static_select':
      case 'radio_buttons':
        state = { selected_option: has ? option(given as string | null) : (el.initial_option ?? null) };
        break;
      case 'checkboxes':
      case 'multi_static_select':
        state = { selected_options: has ? ((given as string[] | null) ?? []).map((v) => option(v)) : (el.initial_options ?? []) };
        break;
      case 'multi_conversations_select':
        state = { selected_conversations: has ? given : (el.initial_conversations ?? []) };
        break;
      case 'multi_channels_select':
        state = { selected_channels: has ? given : (el.initial_channels ?? []) };
        break;
      case 'conversations_select':
        state = { selected_conversation: has ? given : (el.initial_conversations?.[0] ?? null) };
        break;
      case 'multi_users_select':
        state = { selected_users: has ? given : (el.initial_users ?? []) };
        break;
      default:
        throw new Error(`stateFrom: element type ${el.type} (block ${block.block_id}) is not supported yet`);
    }
    values[block.block_id] = { [el.action_id]: { type: el.type, ...state } };
  }
  return values;
}
