/** Every Redis key of the morning-meeting prompts (the closed days are the shared calendar's, src/infra/calendar.ts). */
export const MORNING_KEYS = {
  /** Hash: channel id → Subscription JSON. */
  channels: 'morning:channels',
  /** Hash per channel: pool → {"cycle": n, "used": [ids]}. */
  rotation: (channel: string) => `morning:rotation:${channel}`,
  /** A channel's day: a lease while its post is being made, then the DayOutcome. */
  day: (date: string, channel: string) => `morning:day:${date}:${channel}`,
  /** The last Slack error of a channel's day (named when the day is finally skipped). */
  error: (date: string, channel: string) => `morning:error:${date}:${channel}`,
  lastPost: (channel: string) => `morning:last-post:${channel}`,
  lastSkip: (channel: string) => `morning:last-skip:${channel}`,
} as const;
