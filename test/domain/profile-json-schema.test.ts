import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { profileJsonSchema, profileJsonSchemaText } from '#domain/profile-json-schema';

const committed = readFileSync('schema/brand.schema.json', 'utf8');

describe('the JSON Schema for editors', () => {
  it('is the one generated from the zod schema (run `npm run schema` after changing the profile)', () => {
    expect(committed).toBe(profileJsonSchemaText());
  });

  it('accepts the example brand profile', () => {
    const validate = new Ajv({ strict: false }).compile(profileJsonSchema());
    const example = parse(readFileSync('examples/fernhill/brand.yaml', 'utf8'));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects unknown keys and wrong types, as an editor would show them', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(profileJsonSchema());
    const broken = parse(readFileSync('test/fixtures/config/misspelt-key-and-wrong-type.yaml', 'utf8'));
    expect(validate(broken)).toBe(false);
    const problems = (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
    expect(problems).toContain('/values/0 additionalProperties');
    expect(problems).toContain('/values/0/weight type');
  });

  it('tells the example file where its schema is', () => {
    const firstLine = readFileSync('examples/fernhill/brand.yaml', 'utf8').split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=../../schema/brand.schema.json');
  });
});
