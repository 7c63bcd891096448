// `npm run schema`: writes scenarios/schema.json from the zod definition (src/sim/scenario/schema.ts).
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/sim/scenario/schema';
import { SCHEMA_FILE, schemaText } from '../src/sim/scenario/json-schema';

writeFileSync(SCHEMA_FILE, schemaText(scenarioJsonSchema()));
console.log(`wrote ${SCHEMA_FILE}`);
