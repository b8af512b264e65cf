import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireSlackCredentials } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.MORNING_TIME).toBe('08:45');
    expect(c.ADMIN_USER_IDS).toEqual([]);
    expect(c.OPENAI_MODEL).toBeTruthy();
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
    expect(() => requireSlackCredentials(loadConfig({}))).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => requireSlackCredentials(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => requireSlackCredentials(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).not.toThrow();
  });
});
