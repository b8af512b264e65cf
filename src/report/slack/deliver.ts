import type { WebClient } from '@slack/web-api';
import { openDm } from '../../slack/dm.js';
import { reportFiles } from '../files.js';
import type { MonthlyReport } from '../types.js';
import { summaryBlocks, summaryText } from './summary.js';
import { REPORT_TEXT } from './texts.js';

/**
 * DMs a report to one admin: the Block Kit summary, then the chart (PNG) and the tables (CSV,
 * UTF-8 with BOM) in one files.uploadV2 call, so they arrive as one message under it.
 */
export async function deliverReport(client: WebClient, userId: string, report: MonthlyReport): Promise<void> {
  const files = await reportFiles(report);
  const channel = await openDm(client, userId);
  await client.chat.postMessage({ channel, text: summaryText(report), blocks: summaryBlocks(report), unfurl_links: false, unfurl_media: false });
  await client.files.uploadV2({
    channel_id: channel,
    initial_comment: REPORT_TEXT.filesComment(report.month),
    file_uploads: [files.chart, ...files.tables].map((f) => ({
      file: Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, 'utf8'),
      filename: f.filename,
      title: f.title,
    })),
  });
}
