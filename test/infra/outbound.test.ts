/**
 * NO_PROXY at the dispatcher every outside call uses (src/infra/outbound.ts): with the office proxy
 * set, an https:// host listed in NO_PROXY is reached directly (the proxy opens no tunnel), and the
 * same request without NO_PROXY is tunnelled through the proxy. The target is a plain TCP listener
 * that records connections, so no TLS certificate is needed: the handshake fails either way, and
 * what counts is who connected. (test/ops/proxy.test.ts shows Slack, Socket Mode and the model going
 * through the proxy on the running bot.)
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundFetch } from '../../src/infra/outbound.js';
import { ConnectProxy } from '../helpers/connect-proxy.js';

describe('outbound fetch and NO_PROXY', () => {
  const proxy = new ConnectProxy();
  let target: Server;
  let port = 0;
  let connections = 0;

  beforeAll(async () => {
    await proxy.start();
    target = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    port = (target.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => target.close(() => r()));
    await proxy.stop();
  });

  it('connects to a NO_PROXY host directly: the proxy opens no tunnel', async () => {
    const f = outboundFetch('Slack', { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    const before = connections;
    await expect(f(`https://127.0.0.1:${port}/api/auth.test`)).rejects.toThrow(/Slack auth\.test → 127\.0\.0\.1/);
    expect(connections).toBeGreaterThan(before);
    expect(proxy.tunnels).toEqual([]);
  });

  it('tunnels the same request through the proxy when the host is not in NO_PROXY', async () => {
    const f = outboundFetch('Slack', { HTTPS_PROXY: proxy.url, NO_PROXY: 'other.example' });
    await expect(f(`https://127.0.0.1:${port}/api/auth.test`)).rejects.toThrow(/via proxy/);
    expect(proxy.tunnels).toContain(`127.0.0.1:${port}`);
  });
});
