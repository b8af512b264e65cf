import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.MORNING_TIME).toBe('08:45');
    expect(c.ADMIN_USER_IDS).toEqual([]);
    expect(c.OPENAI_MODEL).toBeTruthy();
    expect(c.INSIGHTS_RETENTION_DAYS).toBe(90);
  });

  it('reads INSIGHTS_RETENTION_DAYS, 0 included (keep no text)', () => {
    expect(loadConfig({ INSIGHTS_RETENTION_DAYS: '0' }).INSIGHTS_RETENTION_DAYS).toBe(0);
    expect(loadConfig({ INSIGHTS_RETENTION_DAYS: ' 30 ' }).INSIGHTS_RETENTION_DAYS).toBe(30);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', OPENAI_API_KEY: '' }).OPENAI_API_KEY).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['MORNING_TIME', '25:00'],
    ['MORNING_TIME', '8:45'],
    ['ADMIN_USER_IDS', 'U123,not-an-id'],
    ['PROPOSALS_CHANNEL', '#general'],
    ['REDIS_URL', 'http://localhost'],
    ['SLACK_BOT_TOKEN', 'xoxp-user-token'],
    ['SLACK_API_URL', 'not a url'],
    ['INSIGHTS_RETENTION_DAYS', '-1'],
    ['INSIGHTS_RETENTION_DAYS', '1.5'],
    ['INSIGHTS_RETENTION_DAYS', 'ninety'],
  ])('names %s when it is bad (%s), in one line', (name, value) => {
    try {
      loadConfig({ [name]: value });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toContain(name);
      expect(msg).not.toContain('\n');
    }
  });

  it('parses admin ids', () => {
    expect(loadConfig({ ADMIN_USER_IDS: ' U0ADMIN1, U0ADMIN2 ' }).ADMIN_USER_IDS).toEqual(['U0ADMIN1', 'U0ADMIN2']);
  });

  it('requires Slack credentials only for npm start', () => {
    expect(() => loadConfig({}, { bot: true })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, { bot: true })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, { bot: true })).not.toThrow();
    expect(() => loadConfig({})).not.toThrow();
  });

  it('reports every bad variable at once, one line each, missing credentials included', () => {
    try {
      loadConfig({ PORT: 'abc', MORNING_TIME: '25:00', PROPOSALS_CHANNEL: '#general', HTTPS_PROXY: 'proxy:8080', SLACK_SIGNING_SECRET: 'x' }, { bot: true });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const e = err as ConfigError;
      expect(e.variables.sort()).toEqual(['HTTPS_PROXY', 'MORNING_TIME', 'PORT', 'PROPOSALS_CHANNEL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
      const lines = e.message.split('\n');
      expect(lines).toHaveLength(6);
      for (const line of lines) expect(line).toMatch(/^設定エラー: 環境変数 [A-Z_]+ — \S/);
    }
  });

  it('reads the proxy variables, lower-case spellings too (upper case wins)', () => {
    const c = loadConfig({ https_proxy: 'http://proxy.example.lg.jp:8080', NO_PROXY: 'localhost', no_proxy: 'ignored' });
    expect(c.HTTPS_PROXY).toBe('http://proxy.example.lg.jp:8080');
    expect(c.NO_PROXY).toBe('localhost');
    expect(c.DATA_DIR).toBe('./data');
  });
});
