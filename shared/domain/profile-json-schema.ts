// The JSON Schema of brand.yaml, generated from the zod schema so editors can complete and check
// the file. `npm run schema` writes it to schema/brand.schema.json; a test fails when they drift.
import { z } from 'zod';
import { ProfileSchema } from './profile';

export function profileJsonSchema(): Record<string, unknown> {
  // draft-07 is what most YAML and JSON editors understand best.
  const generated = z.toJSONSchema(ProfileSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return { ...generated, title: 'Congruence brand profile' };
}

export function profileJsonSchemaText(): string {
  return `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
}
