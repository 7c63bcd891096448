// The committed JSON Schema's location and layout, shared by `npm run schema` and its test.
export const SCHEMA_FILE = 'scenarios/schema.json';

export function schemaText(schema: unknown): string {
  return `${JSON.stringify({ title: 'DriftLab scenario', ...(schema as object) }, null, 2)}\n`;
}
