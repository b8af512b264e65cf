import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { Config } from '../config.js';

/**
 * Every request the bot makes to the outside (Slack's Web API, Socket Mode's WebSocket, the model)
 * goes through here:
 * - the office proxy: HTTPS_PROXY for https:// (HTTP_PROXY when it is unset), HTTP_PROXY for
 *   http://, NO_PROXY hosts directly — undici's EnvHttpProxyAgent, tunnelling with CONNECT, and
 *   fed from the validated config, never from process.env on its own;
 * - network errors that say what failed: "Slack chat.postMessage → slack.com: ECONNREFUSED",
 *   not undici's bare "fetch failed".
 */
export type ProxyConfig = Pick<Config, 'HTTPS_PROXY' | 'HTTP_PROXY' | 'NO_PROXY'>;

const dispatchers = new Map<string, Dispatcher>();

/** The proxying dispatcher for these settings (one per distinct setting), or undefined without a proxy. */
export function proxyDispatcher(config: ProxyConfig): Dispatcher | undefined {
  if (!config.HTTPS_PROXY && !config.HTTP_PROXY) return undefined;
  const key = JSON.stringify([config.HTTPS_PROXY, config.HTTP_PROXY, config.NO_PROXY]);
  let d = dispatchers.get(key);
  if (!d) {
    // '' rather than undefined: EnvHttpProxyAgent would otherwise fall back to process.env.
    d = new EnvHttpProxyAgent({ httpsProxy: config.HTTPS_PROXY ?? '', httpProxy: config.HTTP_PROXY ?? '', noProxy: config.NO_PROXY ?? '' });
    dispatchers.set(key, d);
  }
  return d;
}

/** fetch() for one outside service, through the proxy when one is set. */
export function outboundFetch(service: 'Slack' | 'OpenAI', config: ProxyConfig): typeof fetch {
  const dispatcher = proxyDispatcher(config);
  return async (input, init) => {
    try {
      // Node's fetch takes an undici dispatcher (not in the DOM typings).
      return await fetch(input, dispatcher ? ({ ...init, dispatcher } as RequestInit) : init);
    } catch (err) {
      throw describeNetworkError(service, input, err, Boolean(dispatcher));
    }
  };
}

/**
 * undici rejects with TypeError("fetch failed") and the reason in `cause`. That becomes one
 * readable message; anything else (aborts and timeouts, which the SDKs recognise) passes as it is.
 */
export function describeNetworkError(service: string, input: string | URL | Request, err: unknown, viaProxy = false): unknown {
  if (!(err instanceof TypeError) || err.message !== 'fetch failed') return err;
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const call = service === 'Slack' && url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : url.pathname;
  const described = new Error(`${service} ${call} → ${url.host}${viaProxy ? ' (via proxy)' : ''}: ${reasonOf(err.cause)}`, { cause: err.cause });
  described.name = 'NetworkError';
  return described;
}

/** ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT …, or the message when there is no code. */
function reasonOf(cause: unknown): string {
  const c = cause as { code?: string; message?: string; errors?: unknown[] } | undefined;
  if (!c) return 'network error';
  if (Array.isArray(c.errors) && c.errors.length > 0) return reasonOf(c.errors[0]);
  return c.code || c.message || 'network error';
}
