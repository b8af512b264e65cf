import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectStorage } from '../../src/infra/storage.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/infra/logger.js';

describe('storage without REDIS_URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minato-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts its own redis-server with the append-only file on, and keeps data across restarts', async () => {
    const config = loadConfig({});
    const first = await connectStorage(config, silentLogger, dir);
    await first.redis.set('proposal:test', '提案-2026-0001');
    // appendfsync everysec: give the file a moment, then stop (redis-server flushes on SIGTERM anyway).
    await first.stop();
    expect(readdirSync(dir).some((f) => f.startsWith('appendonly'))).toBe(true);

    const second = await connectStorage(config, silentLogger, dir);
    expect(await second.redis.get('proposal:test')).toBe('提案-2026-0001');
    await second.stop();
  });

  it('uses REDIS_URL when it is set and starts nothing', async () => {
    const other = mkdtempSync(join(tmpdir(), 'minato-unused-'));
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:1' });
    const s = await connectStorage(config, silentLogger, other);
    expect(existsSync(join(other, 'appendonlydir'))).toBe(false);
    await s.stop();
    rmSync(other, { recursive: true, force: true });
  });
});
