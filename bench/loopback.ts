import { request } from 'node:http';
import type { SignedRequest } from '../test/helpers/slack-requests.js';

/** What bench/slack-fake-server.ts prints when ready. */
export interface SlackFakeUrls {
  baseUrl: string;
  apiUrl: string;
}

/** The Slack fake's counters: calls the bot made, and questions it answered (see slack-fake-server.ts). */
export async function slackStats(slack: SlackFakeUrls): Promise<{ calls: number; answers: number }> {
  return (await fetch(`${slack.baseUrl}/__stats`)).json() as Promise<{ calls: number; answers: number }>;
}

/**
 * A lean POST (node:http, a fresh connection each, as a load balancer's would be): the time from
 * sending to the whole response, in ms. Lighter than fetch, so the load generator is not the
 * bottleneck it measures.
 */
export function postTimed(url: string, req: SignedRequest): Promise<{ status: number; ms: number }> {
  const u = new URL(url);
  const body = Buffer.from(req.body);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const r = request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent: false, headers: { ...req.headers, 'content-length': body.length } },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    r.once('error', reject);
    r.end(body);
  });
}
