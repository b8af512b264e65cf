import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { anyRunning, authArgs, BASE, distinctPorts, Node, onFreshPorts, tlsServerArgs, userinfo } from './redis-node.js';
import type { TestTls } from './tls.js';
import { waitUntil } from './wait.js';

/**
 * A real Redis Cluster for tests, on free loopback ports, torn down after: made by
 * `redis-cli --cluster create … --cluster-replicas 1`. The node timeout is short (1 s) so failovers
 * take seconds. Needs redis-server and redis-cli (see redis-node.ts).
 */

const run = promisify(execFile);

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
