/**
 * REDIS_URL, read from the raw string. `new URL()` keeps only the first host of a list, so the
 * multi-host forms are parsed here, by hand, into one typed target:
 *
 *   redis://[user:pass@]host[:6379][/db]            one server          (rediss:// = TLS)
 *   redis+cluster://[user:pass@]h1[:6379],h2,…      seed nodes of a Cluster (rediss+cluster://)
 *   redis+sentinel://[user:pass@]h1[:26379],h2,…/mastername            (rediss+sentinel://)
 *
 * User and password are percent-decoded (`p%40ss` is `p@ss`). Options go in the query string,
 * each one documented in docs/scaling.md; an unknown one is an error, never silently ignored.
 */

export interface HostPort {
  host: string;
  port: number;
}

interface Common {
  tls: boolean;
  username?: string;
  password?: string;
  /**
   * How many replicas must confirm a write the bot acknowledges to a user (Redis WAIT), capped
   * at the replicas the Sentinels or the Cluster currently count as healthy. 0 = never wait.
   */
  waitReplicas: number;
  /** How long one WAIT may take, in ms. */
  waitTimeoutMs: number;
}

export type RedisTarget =
  | (Common & { kind: 'single'; host: string; port: number; db: number })
  | (Common & { kind: 'cluster'; nodes: HostPort[]; natMap?: Record<string, HostPort>; dnsPassthrough: boolean })
  | (Common & {
      kind: 'sentinel';
      sentinels: HostPort[];
      name: string;
      db: number;
      sentinelUsername?: string;
      sentinelPassword?: string;
      natMap?: Record<string, HostPort>;
    });

/** A REDIS_URL that cannot be used; the message is the one line the operator sees (no secrets). */
export class RedisUrlError extends Error {
  override name = 'RedisUrlError';
}

const SCHEMES: Record<string, { kind: RedisTarget['kind']; tls: boolean }> = {
  'redis:': { kind: 'single', tls: false },
  'rediss:': { kind: 'single', tls: true },
  'redis+cluster:': { kind: 'cluster', tls: false },
  'rediss+cluster:': { kind: 'cluster', tls: true },
  'redis+sentinel:': { kind: 'sentinel', tls: false },
  'rediss+sentinel:': { kind: 'sentinel', tls: true },
};

const DEFAULT_PORT = { single: 6379, cluster: 6379, sentinel: 26379 } as const;

/** Query parameters each form accepts. */
const PARAMS: Record<RedisTarget['kind'], readonly string[]> = {
  single: ['waitReplicas', 'waitTimeout'],
  cluster: ['waitReplicas', 'waitTimeout', 'natMap', 'dnsLookup'],
  sentinel: ['waitReplicas', 'waitTimeout', 'natMap', 'sentinelUsername', 'sentinelPassword', 'db'],
};

const FORMS =
  'redis://host:6379、rediss://…、redis+cluster://host1:6379,host2:6379、redis+sentinel://host1:26379,host2:26379/mymaster（rediss+… は TLS）の形で指定してください';

export function parseRedisUrl(raw: string): RedisTarget {
  const text = raw.trim();
  const m = /^([a-z][a-z0-9+]*:)\/\/(.*)$/is.exec(text);
  const scheme = SCHEMES[m?.[1]?.toLowerCase() ?? ''];
  if (!m || !scheme) throw new RedisUrlError(`対応していない形式です。${FORMS}`);
  const { kind, tls } = scheme;
  let rest = m[2]!;
  if (rest.includes('#')) throw new RedisUrlError('「#」は使えません（パスワードに含まれる場合は %23 と書いてください）');

  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) [rest, query] = [rest.slice(0, q), rest.slice(q + 1)];

  let userinfo: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) [userinfo, rest] = [rest.slice(0, at), rest.slice(at + 1)];

  const slash = rest.indexOf('/');
  const hostList = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash + 1) : '';

  const hosts = hostList.split(',').map((h, i) => parseHost(h.trim(), DEFAULT_PORT[kind], i + 1));
  if (kind === 'single' && hosts.length > 1) {
    throw new RedisUrlError('redis:// / rediss:// に書けるホストは 1 つです。複数のノードは redis+cluster:// か redis+sentinel://…/マスター名 で指定してください');
  }

  const common: Common = { tls, ...credentials(userinfo), waitReplicas: kind === 'single' ? 0 : 1, waitTimeoutMs: 500 };
  const params = readParams(query, kind);
  if (params.waitReplicas !== undefined) common.waitReplicas = integer(params.waitReplicas, 'waitReplicas', 0, 5);
  if (params.waitTimeout !== undefined) common.waitTimeoutMs = integer(params.waitTimeout, 'waitTimeout', 10, 1_900);
  const natMap = params.natMap !== undefined ? parseNatMap(params.natMap) : undefined;

  if (kind === 'single') {
    if (!/^\d{0,2}$/.test(path)) throw new RedisUrlError('URL の末尾（/ の後）にはデータベース番号（0〜15）だけを書けます');
    return { kind, ...common, host: hosts[0]!.host, port: hosts[0]!.port, db: path ? integer(path, 'データベース番号', 0, 15) : 0 };
  }
  if (kind === 'cluster') {
    if (path !== '') throw new RedisUrlError('redis+cluster:// には「/」以降（マスター名やデータベース番号）を書けません（Cluster はデータベース 0 だけです）');
    const dns = params.dnsLookup;
    if (dns !== undefined && dns !== 'passthrough' && dns !== 'system') {
      throw new RedisUrlError('dnsLookup には passthrough（ホスト名をそのまま使う）か system を指定してください');
    }
    return { kind, ...common, nodes: hosts, ...(natMap && { natMap }), dnsPassthrough: dns === 'passthrough' };
  }
  let name: string;
  try {
    name = decodeURIComponent(path);
  } catch {
    throw new RedisUrlError('マスター名の「%」エンコードが正しくありません');
  }
  if (!name || name.includes('/')) {
    throw new RedisUrlError('redis+sentinel:// の末尾に、Sentinel が監視しているマスター名を 1 つ書いてください（例: redis+sentinel://host1:26379,host2:26379/mymaster）');
  }
  return {
    kind,
    ...common,
    sentinels: hosts,
    name,
    db: params.db !== undefined ? integer(params.db, 'db', 0, 15) : 0,
    ...(params.sentinelUsername !== undefined && { sentinelUsername: params.sentinelUsername }),
    ...(params.sentinelPassword !== undefined && { sentinelPassword: params.sentinelPassword }),
    ...(natMap && { natMap }),
  };
}

/** One line saying where REDIS_URL points, without credentials (for logs). */
export function describeRedisTarget(t: RedisTarget): string {
  const list = (hs: HostPort[]) => hs.map((h) => `${h.host.includes(':') ? `[${h.host}]` : h.host}:${h.port}`).join(',');
  const s = t.tls ? 's' : '';
  if (t.kind === 'cluster') return `redis${s}+cluster://${list(t.nodes)}`;
  if (t.kind === 'sentinel') return `redis${s}+sentinel://${list(t.sentinels)}/${t.name}`;
  return `redis${s}://${list([t])}/${t.db}`;
}

function parseHost(text: string, defaultPort: number, n: number): HostPort {
  const where = `${n} 番目のホスト`;
  if (!text) throw new RedisUrlError(`${where}が空です（カンマの前後を確かめてください）`);
  let host: string;
  let port: string | undefined;
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(.*))?$/.exec(text);
  if (v6) [host, port] = [v6[1]!, v6[2]];
  else {
    const parts = text.split(':');
    if (parts.length > 2) throw new RedisUrlError(`${where}が読めません（IPv6 アドレスは [::1]:6379 のように [ ] で囲んでください）`);
    [host, port] = [parts[0]!, parts[1]];
  }
  if (!v6 && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host)) throw new RedisUrlError(`${where}の名前が読めません`);
  if (port === undefined || port === '') return { host, port: defaultPort };
  return { host, port: integer(port, `${where}のポート`, 1, 65_535) };
}

function credentials(userinfo: string | undefined): { username?: string; password?: string } {
  if (userinfo === undefined || userinfo === '') return {};
  const colon = userinfo.indexOf(':');
  const [user, pass] = colon >= 0 ? [userinfo.slice(0, colon), userinfo.slice(colon + 1)] : [userinfo, undefined];
  try {
    const out: { username?: string; password?: string } = {};
    if (user) out.username = decodeURIComponent(user);
    // "redis://:pass@host" is a password without a user; "redis://user@host" a user without one.
    if (pass) out.password = decodeURIComponent(pass);
    return out;
  } catch {
    throw new RedisUrlError('ユーザー名かパスワードの「%」エンコードが正しくありません（例: @ は %40、: は %3A）');
  }
}

function readParams(query: string, kind: RedisTarget['kind']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!query) return out;
  let search: URLSearchParams;
  try {
    // URLSearchParams decodes percent-escapes leniently; reject malformed ones ourselves.
    decodeURIComponent(query.replace(/\+/g, ' '));
    search = new URLSearchParams(query);
  } catch {
    throw new RedisUrlError('URL のパラメータ（? の後）の「%」エンコードが正しくありません');
  }
  for (const [key, value] of search) {
    if (!PARAMS[kind].includes(key)) {
      throw new RedisUrlError(`パラメータ「${key}」はこの形式では使えません（使えるもの: ${PARAMS[kind].join(', ')}）`);
    }
    if (key in out) throw new RedisUrlError(`パラメータ「${key}」が 2 回書かれています`);
    out[key] = value;
  }
  return out;
}

/** natMap=10.0.0.5:6379>127.0.0.1:7000,10.0.0.6:6379>127.0.0.1:7001 (announced address > reachable one). */
function parseNatMap(text: string): Record<string, HostPort> {
  const map: Record<string, HostPort> = {};
  for (const [i, pair] of text.split(',').entries()) {
    const [from, to, extra] = pair.split('>');
    if (!from || !to || extra !== undefined) {
      throw new RedisUrlError('natMap は「通知されるアドレス:ポート>接続するアドレス:ポート」をカンマで区切って書いてください（例: natMap=10.0.0.5:6379>127.0.0.1:7000）');
    }
    const a = parseHost(from.trim(), 0, i + 1);
    const b = parseHost(to.trim(), 0, i + 1);
    if (!a.port || !b.port) throw new RedisUrlError('natMap の各アドレスにはポートも書いてください（例: 10.0.0.5:6379>127.0.0.1:7000）');
    map[`${a.host}:${a.port}`] = b;
  }
  return map;
}

function integer(text: string, what: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new RedisUrlError(`「${what}」には ${min}〜${max} の整数を指定してください`);
  return n;
}
