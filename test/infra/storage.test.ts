import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { connectStorage, DataDirInUseError } from '../../src/infra/storage.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/infra/logger.js';

const modes = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => ({
    path: join(e.parentPath, e.name),
    dir: e.isDirectory(),
    mode: statSync(join(e.parentPath, e.name)).mode & 0o777,
  }));

describe('storage without REDIS_URL: the private redis-server on DATA_DIR', () => {
  const root = mkdtempSync(join(tmpdir(), 'minato-data-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('starts its own redis-server with the append-only file on, and keeps data across restarts', async () => {
    const config = loadConfig({ DATA_DIR: join(root, 'a') });
    const first = await connectStorage(config, silentLogger);
    await first.redis.set('proposal:test', '提案-2026-0001');
    await first.stop();
    expect(readdirSync(join(root, 'a')).some((f) => f.startsWith('appendonly'))).toBe(true);

    const second = await connectStorage(config, silentLogger);
    expect(await second.redis.get('proposal:test')).toBe('提案-2026-0001');
    await second.stop();
  });

  it('keeps the directory 0700 and its files 0600, tightening what was looser', async () => {
    const dir = join(root, 'loose');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'restored-by-hand.txt'), 'x', { mode: 0o644 });
    const s = await connectStorage(loadConfig({ DATA_DIR: dir }), silentLogger);
    await s.redis.set('k', 'v');
    await s.redis.call('BGREWRITEAOF');
    await new Promise((r) => setTimeout(r, 300));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const entries = modes(dir);
    expect(entries.length).toBeGreaterThan(3);
    for (const e of entries) expect(e.mode, e.path).toBe(e.dir ? 0o700 : 0o600);
    await s.stop();
  });

  it('asks for a password and listens on loopback only', async () => {
    const s = await connectStorage(loadConfig({ DATA_DIR: join(root, 'pw') }), silentLogger);
    const port = Number(String(await s.redis.config('GET', 'port').then((r) => (r as string[])[1])));
    expect(await s.redis.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    // What anyone else on the machine gets: redis-cli without the password.
    expect(execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'GET', 'k'], { encoding: 'utf8' })).toMatch(/NOAUTH/);
    await s.stop();
  });

  it('refuses a second server on the same directory, naming the directory and the running one', async () => {
    const dir = join(root, 'shared');
    const config = loadConfig({ DATA_DIR: dir });
    const first = await connectStorage(config, silentLogger);
    const err = await connectStorage(config, silentLogger).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataDirInUseError);
    const msg = (err as Error).message;
    expect(msg).toContain(dir);
    expect(msg).toContain(`PID ${process.pid}`);
    expect(msg).not.toContain('\n');
    expect(await first.redis.ping()).toBe('PONG');
    await first.stop();
    // Once the first has stopped, the directory is free again.
    const again = await connectStorage(config, silentLogger);
    await again.stop();
  });

  it('uses REDIS_URL when it is set and starts nothing', async () => {
    const other = join(root, 'unused');
    const s = await connectStorage(loadConfig({ REDIS_URL: 'redis://127.0.0.1:1', DATA_DIR: other }), silentLogger);
    expect(existsSync(other)).toBe(false);
    await s.stop();
  });
});
