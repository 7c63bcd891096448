// CPU quantities as scenarios write them (`250m`, `1.5`), in millicores: the unit the load model
// (cluster/load.ts) counts in.

/** `250m` → 250, `1.5` → 1500 (the schema has already checked the shape). */
export function cpuMillis(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}
