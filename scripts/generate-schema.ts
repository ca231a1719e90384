// Writes schema/brand.schema.json from the profile's zod schema, and schema/alert-payload.schema.json
// from the alert webhook's (npm run schema).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { alertPayloadJsonSchemaText } from '#adapters/alerts/payload-schema';
import { profileJsonSchemaText } from '#domain/profile-json-schema';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema/brand.schema.json', import.meta.url));

writeFileSync(SCHEMA_FILE, profileJsonSchemaText());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);

export const ALERT_PAYLOAD_SCHEMA_FILE = fileURLToPath(new URL('../schema/alert-payload.schema.json', import.meta.url));

writeFileSync(ALERT_PAYLOAD_SCHEMA_FILE, alertPayloadJsonSchemaText());
process.stdout.write(`wrote ${ALERT_PAYLOAD_SCHEMA_FILE}\n`);
