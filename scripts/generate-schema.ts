// Writes schema/brand.schema.json from the profile's zod schema (npm run schema).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { profileJsonSchemaText } from '#domain/profile-json-schema';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema/brand.schema.json', import.meta.url));

writeFileSync(SCHEMA_FILE, profileJsonSchemaText());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
