import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis, type RedisOptions } from 'ioredis';
import { freePort } from '../../src/infra/redis-server.js';
import type { TestTls } from './tls.js';
import { waitUntil } from './wait.js';

/**
 * Real Redis topologies for tests, on free loopback ports, torn down after: a Cluster made by
 * `redis-cli --cluster create … --cluster-replicas 1`, and a Sentinel set (`redis-server
 * --sentinel`). Timeouts are short (node timeout 1 s, down-after 1 s) so failovers take seconds.
 * Needs redis-server and redis-cli (Debian: redis-server, redis-tools; present on this project's
 * machines, see docs/scaling.md).
 */

const run = promisify(execFile);

/** One redis-server process on a fixed port, restartable on the same port and directory. */
class Node {
  private child?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly args: string[],
    private readonly password?: string,
    private readonly tlsCa?: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn('redis-server', this.args, { stdio: 'ignore' });
    this.child = child;
    await waitUntil(async () => (child.exitCode === null ? this.ping() : Promise.reject(new PortTaken(`redis-server :${this.port} exited`))), `redis-server :${this.port}`, 10_000, 50);
  }

  private async ping(): Promise<boolean> {
    const c = this.client({ lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    try {
      await c.connect();
      return (await c.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      c.disconnect();
    }
  }

  client(extra: RedisOptions = {}): Redis {
    const c = new Redis({ host: '127.0.0.1', port: this.port, password: this.password, ...(this.tlsCa && { tls: { ca: this.tlsCa } }), ...extra });
    c.on('error', () => undefined);
    return c;
  }

  /** Runs one command on a short-lived connection. */
  async call(...args: (string | number)[]): Promise<unknown> {
    const c = this.client({ maxRetriesPerRequest: 1 });
    try {
      return await c.call(String(args[0]), ...args.slice(1));
    } finally {
      c.disconnect();
    }
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGSTOP / SIGCONT: a node that hangs (its connections stay open but it answers nothing), then goes on. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGKILL: a crash, nothing flushed. */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill(signal);
    });
  }
}

/** redis-server arguments that serve TLS only on `port` (clients need not present a certificate). */
function tlsServerArgs(tls: TestTls, port: number, cluster = false): string[] {
  return [
    '--port', '0', '--tls-port', String(port),
    '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.certFile,
    '--tls-auth-clients', 'no', '--tls-replication', 'yes',
    ...(cluster ? ['--tls-cluster', 'yes'] : []),
  ];
}

const BASE = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'];

/** The default user's password (also used between nodes), and an optional ACL user for the bot. */
function authArgs(password?: string, user?: { name: string; password: string }): string[] {
  return [
    ...(password ? ['--requirepass', password, '--masterauth', password] : []),
    ...(user ? ['--user', user.name, 'on', `>${user.password}`, '~*', '&*', '+@all'] : []),
  ];
}

/** user:password@ for REDIS_URL, percent-encoded. */
function userinfo(password?: string, user?: { name: string; password: string }): string {
  if (user) return `${encodeURIComponent(user.name)}:${encodeURIComponent(user.password)}@`;
  return password ? `:${encodeURIComponent(password)}@` : '';
}

export interface TestCluster {
  /** redis+cluster://… with every node, the password percent-encoded. */
  url: string;
  nodes: Node[];
  /** The node serving `key`'s slot as master. */
  masterFor(key: string): Promise<Node>;
  /** That master's replica. */
  replicaOf(master: Node): Promise<Node>;
  /** Waits until every slot is served and every replica's link is up. */
  settled(): Promise<void>;
  /** Calls of each kind each node has run since the last reset (INFO commandstats). */
  commandCounts(): Promise<Map<number, number>>;
  stop(): Promise<void>;
}

/** A node that exits at start lost its port: freePort released it and another process took it before the bind. */
class PortTaken extends Error {}

/** Starts a topology on fresh free ports, again (up to 3 times) when a port was taken in between. */
async function onFreshPorts<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (!(err instanceof PortTaken) || attempt === 3) throw err;
    }
  }
}

/** A Cluster of `masters` masters with one replica each (or none). */
export function startCluster(...args: Parameters<typeof startClusterOnce>): Promise<TestCluster> {
  return onFreshPorts(() => startClusterOnce(...args));
}

async function startClusterOnce(
  opts: {
    masters?: number;
    password?: string;
    user?: { name: string; password: string };
    tls?: TestTls;
    /** Replicas per master (1 unless told). */
    replicas?: 0 | 1;
    /** Each node tells clients this port instead of its own, as behind NAT or port forwarding. */
    announcePort?: (port: number) => number;
  } = {},
): Promise<TestCluster> {
  const masters = opts.masters ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'navi-cluster-'));
  const perMaster = 1 + (opts.replicas ?? 1);
  const all = await distinctPorts(masters * perMaster * 2);
  const ports = all.slice(0, masters * perMaster);
  // The cluster bus gets its own free port (port + 10000 may not exist).
  const busPort = (port: number) => all[ports.length + ports.indexOf(port)]!;
  const nodes = ports.map(
    (port) =>
      new Node(
        port,
        [
          ...(opts.tls ? tlsServerArgs(opts.tls, port, true) : ['--port', String(port)]), ...BASE, '--dir', dir,
          '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '1000',
          // A replica with any data may take over at once (tests fail masters seconds apart).
          '--cluster-replica-validity-factor', '0',
          '--cluster-port', String(busPort(port)),
          ...(opts.announcePort ? ['--cluster-announce-port', String(opts.announcePort(port)), '--cluster-announce-bus-port', String(busPort(port))] : []),
          ...authArgs(opts.password, opts.user),
        ],
        opts.password,
        opts.tls?.cert,
      ),
  );
  const stopAll = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(nodes.map((n) => n.start()));
    const auth = [...(opts.password ? ['-a', opts.password, '--no-auth-warning'] : []), ...(opts.tls ? ['--tls', '--cacert', opts.tls.certFile] : [])];
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(opts.replicas ?? 1), '--cluster-yes', ...auth], { timeout: 30_000 });
  } catch (err) {
    await stopAll();
    throw err;
  }
  const byPort = (port: number) => nodes.find((n) => n.port === port)!;

  const cluster: TestCluster = {
    url: `redis${opts.tls ? 's' : ''}+cluster://${userinfo(opts.password, opts.user)}${ports.map((p) => `127.0.0.1:${p}`).join(',')}`,
    nodes,
    async masterFor(key) {
      const slot = Number(await anyRunning(nodes).call('CLUSTER', 'KEYSLOT', key));
      const slots = (await anyRunning(nodes).call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
      const range = slots.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`slot ${slot} is not served`);
      return byPort(range[2][1]);
    },
    async replicaOf(master) {
      const id = String(await master.call('CLUSTER', 'MYID'));
      const lines = String(await master.call('CLUSTER', 'NODES')).split('\n');
      const line = lines.find((l) => l.split(' ')[3] === id && !l.includes('fail'));
      if (!line) throw new Error(`no healthy replica of :${master.port}`);
      return byPort(Number(/:(\d+)@/.exec(line)![1]));
    },
    async settled() {
      await waitUntil(
        async () => {
          for (const n of nodes.filter((x) => x.running)) {
            const info = String(await n.call('CLUSTER', 'INFO').catch(() => ''));
            if (!info.includes('cluster_state:ok')) return false;
            const repl = String(await n.call('INFO', 'replication').catch(() => ''));
            if (repl.includes('role:slave') && !repl.includes('master_link_status:up')) return false;
            if (perMaster > 1 && repl.includes('role:master') && !/connected_slaves:[1-9]/.test(repl) && nodes.filter((x) => x.running).length === nodes.length) return false;
          }
          return true;
        },
        'the cluster to settle',
        20_000,
        100,
      );
    },
    async commandCounts() {
      const out = new Map<number, number>();
      for (const n of nodes.filter((x) => x.running)) {
        const stats = String(await n.call('INFO', 'commandstats'));
        let calls = 0;
        for (const m of stats.matchAll(/^cmdstat_(\w+(?:\|\w+)?):calls=(\d+)/gm)) {
          if (!/^(cluster|info|ping|config|command|client|hello|readonly|auth|select|replconf|psync|sync|wait)/.test(m[1]!)) calls += Number(m[2]);
        }
        out.set(n.port, calls);
      }
      return out;
    },
    stop: stopAll,
  };
  await cluster.settled();
  return cluster;
}

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

function anyRunning(nodes: Node[]): Node {
  const n = nodes.find((x) => x.running);
  if (!n) throw new Error('no node is running');
  return n;
}

async function distinctPorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

export type { Node as TopologyNode };
