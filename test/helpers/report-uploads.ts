import { expect } from 'vitest';
import type { SlackFake } from './slack-fake.js';

/**
 * The monthly report's files as the bot uploads them to the Slack fake (test/e2e/report.test.ts):
 * an upload URL per file, the bytes of each upload, and a reader for the CSVs.
 */

/** Minimal CSV reader for what src/infra/csv.ts writes (every cell quoted, CRLF rows, BOM). */
export function readCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  const re = /"((?:[^"]|"")*)"(,|\r\n)/g;
  let row: string[] = [];
  for (const m of text.slice(1).matchAll(re)) {
    row.push(m[1]!.replace(/""/g, '"'));
    if (m[2] === '\r\n') {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** Each file gets its own upload URL, named after it (the fake's default gives every file the same one). */
export function namedUploads(slack: SlackFake): void {
  let n = 0;
  slack.on('files.getUploadURLExternal', (c) => ({ body: { ok: true, upload_url: `${slack.baseUrl}/upload/${encodeURIComponent(String(c.args.filename))}`, file_id: `F0REPORT${++n}` } }));
}

/** The file bytes of each upload (the Web API client posts them as one multipart/form-data part). */
export function uploads(slack: SlackFake): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const c of slack.callsTo('upload')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(c.headers['content-type']));
    let body = c.bytes;
    if (boundary) {
      const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
      const start = body.indexOf('\r\n\r\n', body.indexOf(sep)) + 4;
      body = body.subarray(start, body.indexOf(sep, start) - 2);
    }
    out.set(decodeURIComponent(c.path.slice('/upload/'.length)), body);
  }
  return out;
}
