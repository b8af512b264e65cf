import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anyRunning, authArgs, BASE, distinctPorts, Node, onFreshPorts, tlsServerArgs, userinfo } from './redis-node.js';
import type { TestTls } from './tls.js';
import { waitUntil } from './wait.js';

/**
 * A real Redis Sentinel set for tests (`redis-server --sentinel`), on free loopback ports, torn down
 * after. down-after is short (1 s) so failovers take seconds. Needs redis-server (see redis-node.ts).
 */

export interface TestSentinelSet {
  /** redis+sentinel://s1,s2,s3/mymaster with the passwords as the bot is given them. */
  url: string;
  name: string;
  redisNodes: Node[];
  sentinels: Node[];
  /** The master the Sentinels name now. */
  master(): Promise<Node>;
  /** SENTINEL FAILOVER, then waits until the old master runs as the new one's replica. */
  failover(): Promise<{ from: Node; to: Node }>;
  /** SIGKILL the master, wait for the Sentinels to promote the replica, then bring the old one back. */
  crashMaster(): Promise<{ from: Node; to: Node }>;
  /** Waits until the Sentinels agree on a master with every replica linked. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** One master, `replicas` replicas and three Sentinels (quorum 2). */
export function startSentinelSet(...args: Parameters<typeof startSentinelSetOnce>): Promise<TestSentinelSet> {
  return onFreshPorts(() => startSentinelSetOnce(...args));
}

async function startSentinelSetOnce(
  opts: { replicas?: number; password?: string; sentinelPassword?: string; user?: { name: string; password: string }; tls?: TestTls } = {},
): Promise<TestSentinelSet> {
  const name = 'mymaster';
  const dir = mkdtempSync(join(tmpdir(), 'navi-sentinel-'));
  const [masterPort, ...rest] = await distinctPorts(1 + (opts.replicas ?? 1) + 3);
  const replicaPorts = rest.slice(0, opts.replicas ?? 1);
  const sentinelPorts = rest.slice(replicaPorts.length);
  const redisArgs = (port: number) => [...(opts.tls ? tlsServerArgs(opts.tls, port) : ['--port', String(port)]), ...BASE, '--dir', dir, '--dbfilename', `dump-${port}.rdb`, ...authArgs(opts.password, opts.user)];
  const redisNodes = [
    new Node(masterPort!, redisArgs(masterPort!), opts.password, opts.tls?.cert),
    ...replicaPorts.map((p) => new Node(p, [...redisArgs(p), '--replicaof', '127.0.0.1', String(masterPort)], opts.password, opts.tls?.cert)),
  ];
  const sentinels = sentinelPorts.map((port) => {
    const conf = join(dir, `sentinel-${port}.conf`);
    writeFileSync(
      conf,
      [
        ...(opts.tls
          ? ['port 0', `tls-port ${port}`, `tls-cert-file ${opts.tls.certFile}`, `tls-key-file ${opts.tls.keyFile}`, `tls-ca-cert-file ${opts.tls.certFile}`, 'tls-auth-clients no', 'tls-replication yes']
          : [`port ${port}`]),
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${masterPort} 2`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 5000`,
        `sentinel parallel-syncs ${name} 1`,
        ...(opts.password ? [`sentinel auth-pass ${name} ${opts.password}`] : []),
        ...(opts.sentinelPassword ? [`requirepass ${opts.sentinelPassword}`, `sentinel sentinel-pass ${opts.sentinelPassword}`] : []),
        '',
      ].join('\n'),
    );
    return new Node(port, [conf, '--sentinel', '--daemonize', 'no', '--loglevel', 'warning'], opts.sentinelPassword, opts.tls?.cert);
  });
  const all = [...redisNodes, ...sentinels];
  const stopAll = async () => {
    await Promise.all(all.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  const byPort = (port: number) => redisNodes.find((n) => n.port === port)!;

  const set: TestSentinelSet = {
    url:
      `redis${opts.tls ? 's' : ''}+sentinel://${userinfo(opts.password, opts.user)}` +
      `${sentinelPorts.map((p) => `127.0.0.1:${p}`).join(',')}/${name}` +
      (opts.sentinelPassword ? `?sentinelPassword=${encodeURIComponent(opts.sentinelPassword)}` : ''),
    name,
    redisNodes,
    sentinels,
    async master() {
      const [, port] = (await anyRunning(sentinels).call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as [string, string];
      return byPort(Number(port));
    },
    async settled() {
      await waitUntil(
        async () => {
          const answers = await Promise.all(sentinels.map((s) => s.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name).catch(() => null)));
          const ports = new Set(answers.map((a) => (a as string[] | null)?.[1]));
          if (ports.size !== 1) return false;
          const master = byPort(Number([...ports][0]));
          const role = (await master.call('ROLE').catch(() => [])) as [string, unknown, unknown[]];
          const linked = role[0] === 'master' && role[2]?.length === redisNodes.filter((n) => n.running).length - 1;
          if (!linked) return false;
          // The replicas acknowledge writes (a fresh link may still be loading its first sync).
          if (Number(await master.call('WAIT', redisNodes.filter((n) => n.running).length - 1, 200)) < redisNodes.filter((n) => n.running).length - 1) return false;
          const info = (await sentinels[0]!.call('SENTINEL', 'MASTER', name)) as string[];
          return info[info.indexOf('num-other-sentinels') + 1] === String(sentinels.length - 1) && info[info.indexOf('flags') + 1] === 'master';
        },
        'the sentinel set to settle',
        30_000,
        100,
      );
    },
    async failover() {
      const from = await set.master();
      await waitUntil(() => anyRunning(sentinels).call('SENTINEL', 'FAILOVER', name).then(() => true, () => false), 'SENTINEL FAILOVER to be accepted', 15_000, 200);
      await waitUntil(async () => (await set.master()) !== from, 'the Sentinels to name a new master', 15_000, 50);
      const to = await set.master();
      await set.settled();
      return { from, to };
    },
    async crashMaster() {
      const from = await set.master();
      await from.kill();
      await waitUntil(async () => (await set.master()) !== from, 'the Sentinels to promote the replica', 20_000, 50);
      const to = await set.master();
      // Back as a process manager would bring it (empty: test nodes keep nothing on disk), once
      // every Sentinel names the new master, so that none sends a client to the empty one.
      await waitUntil(
        async () => (await Promise.all(sentinels.map((s) => s.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name).catch(() => null)))).every((a) => (a as string[] | null)?.[1] === String(to.port)),
        'every Sentinel to name the new master',
        10_000,
        50,
      );
      await from.start();
      await set.settled();
      return { from, to };
    },
    stop: stopAll,
  };
  try {
    await Promise.all(redisNodes.map((n) => n.start()));
    await Promise.all(sentinels.map((n) => n.start()));
    await set.settled();
  } catch (err) {
    await stopAll();
    throw err;
  }
  return set;
}
