import type { Session } from './types.js';
import { KIND_LABELS } from './types.js';

/**
 * An iCalendar (RFC 5545) file for one session: CRLF line ends, lines folded at 75 octets,
 * times in UTC, TEXT values escaped, and a UID that stays the same for the life of the session
 * (SEQUENCE grows with each reschedule, so calendars update the event instead of adding one).
 */

export function icsFileName(session: Pick<Session, 'id'>): string {
  return `worldcafe-${session.id}.ics`;
}

export function buildIcs(session: Session, now: Date, opts: { description?: string } = {}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Osaka City Minato Ward Office//minato-navi//JA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:worldcafe-${session.id}@minato-navi`,
    `DTSTAMP:${utc(now.getTime())}`,
    `SEQUENCE:${Math.max(0, session.version - 1)}`,
    `DTSTART:${utc(session.startAt)}`,
    `DTEND:${utc(session.endAt)}`,
    `SUMMARY:${escapeText(`【${KIND_LABELS[session.kind]}】${session.theme}`)}`,
    `LOCATION:${escapeText(session.place)}`,
    ...(opts.description ? [`DESCRIPTION:${escapeText(opts.description)}`] : []),
    `STATUS:${session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** 20260710T093000Z */
export function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 5545 3.1: lines longer than 75 octets are folded; never inside a UTF-8 character. */
export function fold(line: string): string {
  const enc = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    // The first line holds 75 octets; continuation lines start with a space, leaving 74.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
