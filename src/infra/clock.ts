/** The one source of "now". Domain code takes a Clock instead of calling Date.now(). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and move. */
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan has no daylight saving time.

/** The calendar date in Japan (YYYY-MM-DD) at the given instant, whatever the server's zone. */
export function tokyoDate(at: Date): string {
  return new Date(at.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/** The wall-clock time in Japan (HH:MM) at the given instant. */
export function tokyoTime(at: Date): string {
  return new Date(at.getTime() + TOKYO_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of a Japan-time date and HH:MM. */
export function fromTokyo(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+09:00`);
}
