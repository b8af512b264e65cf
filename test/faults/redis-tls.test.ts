import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from 'ioredis';
import { runCli } from '../helpers/cli.js';
import { startCluster, type TestCluster } from '../helpers/redis-cluster.js';
import { startSentinelSet, type TestSentinelSet } from '../helpers/redis-sentinel.js';
import { makeTestTls, type TestTls } from '../helpers/tls.js';

/**
 * rediss+cluster:// and rediss+sentinel:// against a real Cluster and a real Sentinel set that
 * speak TLS only (a private CA the bot is told about with NODE_EXTRA_CA_CERTS), through
 * `npm run morning`, which reads the admin-added closed days from REDIS_URL.
 */

const CLOSED = { reason: '庁舎設備点検', addedBy: 'U0ADMIN01', addedAt: '' };
const morning = (url: string, env: Record<string, string> = {}) => runCli('src/cli/morning.ts', ['--date', '2026-12-28', '--json'], { REDIS_URL: url, ...env });

describe('TLS to Redis', () => {
  let tls: TestTls;
  let cluster: TestCluster;
  let set: TestSentinelSet;

  beforeAll(async () => {
    tls = makeTestTls();
    [cluster, set] = await Promise.all([startCluster({ tls, password: 'tls-secret' }), startSentinelSet({ tls, password: 'tls-secret' })]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([cluster?.stop(), set?.stop()]);
  });

  it('rediss+cluster:// reads the Cluster over TLS, and refuses a certificate it was not told to trust', async () => {
    expect(cluster.url).toMatch(/^rediss\+cluster:\/\//);
    const admin = new Cluster([{ host: '127.0.0.1', port: cluster.nodes[0]!.port }], { redisOptions: { password: 'tls-secret', tls: { ca: tls.cert } } });
    try {
      await admin.hset('morning:closed', '2026-12-28', JSON.stringify(CLOSED));
    } finally {
      admin.disconnect();
    }
    const trusted = await morning(cluster.url, { NODE_EXTRA_CA_CERTS: tls.certFile });
    expect(trusted.stderr).toBe('');
    expect(JSON.parse(trusted.stdout)).toMatchObject({ workday: false, reason: '庁舎設備点検' });

    const untrusted = await morning(cluster.url);
    expect(untrusted.stderr).toMatch(/Redis に接続できない/);
    expect(JSON.parse(untrusted.stdout)).toMatchObject({ workday: true });
  }, 60_000);

  it('rediss+sentinel:// asks the Sentinels over TLS and reads the master over TLS', async () => {
    expect(set.url).toMatch(/^rediss\+sentinel:\/\//);
    const master = (await set.master()).client({ password: 'tls-secret' });
    try {
      await master.hset('morning:closed', '2026-12-28', JSON.stringify(CLOSED));
    } finally {
      master.disconnect();
    }
    const r = await morning(set.url, { NODE_EXTRA_CA_CERTS: tls.certFile });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ workday: false, reason: '庁舎設備点検' });
  }, 60_000);
});
