// Checks a webhook body as a receiver would: against the published JSON Schema
// (schema/alert-payload.schema.json), after a trip through JSON, and against the zod schema it is
// generated from (which also checks the instants' and the id's formats).
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { AlertPayloadSchema } from '#adapters/alerts/payload-schema';

const schema = JSON.parse(readFileSync('schema/alert-payload.schema.json', 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

export function expectPublishedPayload(body: unknown): void {
  const received = typeof body === 'string' ? JSON.parse(body) : JSON.parse(JSON.stringify(body));
  expect(validate(received), JSON.stringify(validate.errors, null, 2)).toBe(true);
  const parsed = AlertPayloadSchema.safeParse(received);
  expect(parsed.success, parsed.error?.message).toBe(true);
}
