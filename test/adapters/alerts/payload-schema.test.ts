// The webhook payload's published schema: generated from the zod schema, and strict enough that a
// payload with a field it does not list, or without one it requires, fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webhookPayload } from '#adapters/alerts/messages';
import { AlertPayloadSchema, alertPayloadJsonSchemaText } from '#adapters/alerts/payload-schema';
import { expectPublishedPayload } from '#test/support/alert-payload';
import { surgeAlert } from '#test/support/alerts';

const context = { brand: 'Fernhill Bikes', zone: 'UTC', confidence: 0.9, detectedAt: '2026-11-18T12:30:00.000Z' };

describe('the alert payload schema', () => {
  it('is the one generated from the zod schema (run `npm run schema` after changing an alert)', () => {
    expect(readFileSync('schema/alert-payload.schema.json', 'utf8')).toBe(alertPayloadJsonSchemaText());
  });

  it('accepts a surge alert’s payload, and refuses one with a field it does not list or without one it requires', () => {
    const payload = webhookPayload(surgeAlert(), context);
    expectPublishedPayload(payload);
    expect(AlertPayloadSchema.safeParse({ ...payload, extra: 1 }).success).toBe(false);
    const { summary: _summary, ...withoutSummary } = payload;
    expect(AlertPayloadSchema.safeParse(withoutSummary).success).toBe(false);
    expect(
      AlertPayloadSchema.safeParse({ ...payload, alert: { ...payload.alert, severity: 1 } }).success,
      'severity is left out of the payload',
    ).toBe(false);
  });
});
