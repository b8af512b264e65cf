import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * manifest.yml against Slack's own published app-manifest schema (vendored with its MIT licence in
 * test/fixtures/slack-manifest-schema/, so a fresh clone tests it too). "Create app from manifest"
 * refuses what this schema refuses, e.g. a long_description shorter than 175 characters.
 * Both ways the README tells the operator to create the app are checked: the file as shipped
 * (HTTP mode) and the same file with socket_mode_enabled switched to true.
 */
const SCHEMA_DIR = join('test', 'fixtures', 'slack-manifest-schema');
const REMOTE = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/';

function slackSchema(): ValidateFunction {
  const read = (name: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  // The top-level schema refers to the per-version schemas by their published addresses.
  for (const v of ['1.0.0', '2.0.0']) ajv.addSchema(read(`manifest.schema.${v}.json`), `${REMOTE}manifest.schema.${v}.json`);
  return ajv.compile(read('manifest.schema.json'));
}

const explain = (v: ValidateFunction) => (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');

describe("manifest.yml passes Slack's published app-manifest schema", () => {
  const validate = slackSchema();
  const manifest = parse(readFileSync('manifest.yml', 'utf8')) as { display_information: { long_description: string }; settings: Record<string, unknown> };

  it('as shipped (HTTP mode)', () => {
    expect(validate(manifest), explain(validate)).toBe(true);
  });

  it('with Socket Mode switched on, as the README tells operators who create the app that way', () => {
    const socket = structuredClone(manifest);
    socket.settings.socket_mode_enabled = true;
    expect(validate(socket), explain(validate)).toBe(true);
  });

  it('the schema is the real one: it refuses a long_description under 175 characters', () => {
    const short = structuredClone(manifest);
    short.display_information.long_description = 'プランについての質問にお答えします。';
    expect(validate(short)).toBe(false);
    expect(explain(validate)).toContain('/display_information/long_description');
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
  });
});
