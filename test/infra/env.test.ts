import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/config.js';
import { environment } from '../../src/infra/env.js';

describe('.env and .env.example', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minato-env-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('.env.example lists every variable of the configuration, and nothing else, each with a comment', () => {
    const text = readFileSync('.env.example', 'utf8');
    const listed = Object.keys(parseEnv(text));
    expect([...listed].sort()).toEqual(Object.keys(configSchema.shape).sort());
    const lines = text.split('\n');
    for (const name of listed) {
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect(lines[at - 1], `${name} needs a comment above it`).toMatch(/^# /);
    }
    // Copied as it is, it is a valid (empty) configuration.
    expect(() => loadConfig(parseEnv(text))).not.toThrow();
  });

  it('reads .env in the working directory; a variable set in the environment wins', () => {
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=4000\nMORNING_TIME=09:00\n# comment\nLOG_LEVEL=warn\n');
    const env = environment({ MORNING_TIME: '07:30' }, file);
    expect(loadConfig(env)).toMatchObject({ PORT: 4000, MORNING_TIME: '07:30', LOG_LEVEL: 'warn' });
  });

  it('no .env is fine', () => {
    expect(environment({ PORT: '5000' }, join(dir, 'missing.env'))).toEqual({ PORT: '5000' });
  });
});
