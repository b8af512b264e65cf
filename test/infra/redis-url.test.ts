import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { describeRedisTarget, parseRedisUrl, RedisUrlError } from '../../src/infra/redis-url.js';

describe('parseRedisUrl: the documented forms', () => {
  it('redis:// and rediss://: one server, database, percent-decoded credentials', () => {
    expect(parseRedisUrl('redis://localhost')).toEqual({
      kind: 'single', tls: false, host: 'localhost', port: 6379, db: 0, waitReplicas: 0, waitTimeoutMs: 500,
    });
    expect(parseRedisUrl('rediss://app:p%40ss%3Aw@cache.example.jp:6380/3')).toMatchObject({
      kind: 'single', tls: true, username: 'app', password: 'p@ss:w', host: 'cache.example.jp', port: 6380, db: 3,
    });
    expect(parseRedisUrl('redis://:secret@127.0.0.1:7000')).toMatchObject({ password: 'secret', port: 7000 });
    expect(parseRedisUrl('redis://:secret@127.0.0.1:7000').username).toBeUndefined();
    expect(parseRedisUrl('redis://[::1]:7001?waitReplicas=1')).toMatchObject({ host: '::1', port: 7001, waitReplicas: 1 });
  });

  it('redis+cluster://: every seed host, 6379 by default, ACL user and decoded password', () => {
    const t = parseRedisUrl('redis+cluster://navi:p%40ss@h1:7000,h2,10.0.0.3:7002');
    expect(t).toMatchObject({
      kind: 'cluster', tls: false, username: 'navi', password: 'p@ss', waitReplicas: 1, dnsPassthrough: false,
      nodes: [{ host: 'h1', port: 7000 }, { host: 'h2', port: 6379 }, { host: '10.0.0.3', port: 7002 }],
    });
    expect(parseRedisUrl('redis+cluster://h1/')).toMatchObject({ nodes: [{ host: 'h1', port: 6379 }] });
  });

  it('rediss+cluster:// with natMap and dnsLookup=passthrough (managed and containerised clusters)', () => {
    const t = parseRedisUrl('rediss+cluster://c1.example.jp:6379?natMap=10.0.0.5:6379>127.0.0.1:7000,10.0.0.6:6379>127.0.0.1:7001&dnsLookup=passthrough');
    expect(t).toMatchObject({
      kind: 'cluster', tls: true, dnsPassthrough: true,
      natMap: { '10.0.0.5:6379': { host: '127.0.0.1', port: 7000 }, '10.0.0.6:6379': { host: '127.0.0.1', port: 7001 } },
    });
  });

  it('redis+sentinel://…/mastername: 26379 by default, the Sentinels\' own credentials as parameters', () => {
    const t = parseRedisUrl('redis+sentinel://navi:p%40ss@s1,s2:26380,s3/my%20master?sentinelPassword=s%26cret&sentinelUsername=sentry&db=2');
    expect(t).toMatchObject({
      kind: 'sentinel', tls: false, username: 'navi', password: 'p@ss', name: 'my master', db: 2,
      sentinelUsername: 'sentry', sentinelPassword: 's&cret', waitReplicas: 1,
      sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26380 }, { host: 's3', port: 26379 }],
    });
    expect(parseRedisUrl('rediss+sentinel://s1:26379/mymaster?waitReplicas=0&waitTimeout=800')).toMatchObject({
      kind: 'sentinel', tls: true, waitReplicas: 0, waitTimeoutMs: 800,
    });
  });

  it('describes a target without its credentials', () => {
    const line = describeRedisTarget(parseRedisUrl('redis+sentinel://u:topsecret@s1,[::1]:26380/mymaster?sentinelPassword=alsosecret'));
    expect(line).toBe('redis+sentinel://s1:26379,[::1]:26380/mymaster');
  });
});

describe('parseRedisUrl: each bad form gets one clear line', () => {
  it.each([
    ['http://localhost', /対応していない形式/],
    ['redis+cluster://h1:7000,,h3:7002', /2 番目のホストが空/],
    ['redis+cluster://h1:99999', /ポート」には 1〜65535/],
    ['redis+cluster://h1:70a0', /ポート」には 1〜65535/],
    ['redis+cluster://h1:7000/0', /Cluster はデータベース 0 だけ/],
    ['redis+sentinel://s1:26379,s2:26379', /マスター名/],
    ['redis+sentinel://s1:26379/a/b', /マスター名/],
    ['redis://h1:6379,h2:6379', /ホストは 1 つ/],
    ['redis://h1/99', /データベース番号/],
    ['redis://h_1', /名前が読めません/],
    ['redis://::1:6379', /\[ \] で囲んで/],
    ['redis://u:p%zz@h1', /「%」エンコード/],
    ['redis://u:p#1@h1', /%23/],
    ['redis+cluster://h1?sentinelPassword=x', /パラメータ「sentinelPassword」はこの形式では使えません/],
    ['redis+sentinel://s1/m?natMap=10.0.0.1', /natMap/],
    ['redis+sentinel://s1/m?waitReplicas=9', /「waitReplicas」には 0〜5/],
    ['redis+cluster://h1?dnsLookup=maybe', /dnsLookup/],
    ['redis+cluster://h1?waitReplicas=1&waitReplicas=2', /2 回/],
  ])('%s', (url, reason) => {
    expect(() => parseRedisUrl(url)).toThrow(RedisUrlError);
    expect(() => parseRedisUrl(url)).toThrow(reason);
  });

  it('reaches the operator as one 設定エラー line naming REDIS_URL, with no secret in it', () => {
    try {
      loadConfig({ REDIS_URL: 'redis+cluster://admin:hunter2@h1:7000,,h3' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/^設定エラー: 環境変数 REDIS_URL — 2 番目のホストが空です/);
      expect(msg).not.toContain('\n');
      expect(msg).not.toContain('hunter2');
    }
  });

  it('accepts both documented multi-host forms in the config', () => {
    expect(loadConfig({ REDIS_URL: 'redis+cluster://h1:7000,h2:7001,h3:7002' }).REDIS_URL).toBe('redis+cluster://h1:7000,h2:7001,h3:7002');
    expect(loadConfig({ REDIS_URL: 'redis+sentinel://h1:26379,h2:26379/mymaster' }).REDIS_URL).toBeTruthy();
  });
});
