import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from '../lib/errors';
import { INVENTORY_FORMAT, INVENTORY_VERSION, type Inventory } from './model/inventory';

/** Writes an inventory as JSON, for `--inventory` replays and as evidence of account state. */
export async function saveInventory(path: string, inventory: Inventory): Promise<void> {
  await writeFile(path, `${JSON.stringify(inventory)}\n`, 'utf8');
}

/**
 * Reads an inventory written by `--save-inventory`.
 *
 * @throws UsageError naming the file and the problem: unreadable, not JSON, not an inventory,
 *   written by an incompatible version, or structurally damaged
 */
export async function loadInventory(path: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read inventory ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseInventory(text, path);
}

/** Parses and validates inventory JSON; `source` names it in errors. */
export function parseInventory(text: string, source: string): Inventory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `inventory ${source} is not valid JSON (${(error as Error).message}); it may be truncated or corrupt`,
      {
        cause: error,
      },
    );
  }
  const candidate = data as Partial<Record<keyof Inventory, unknown>> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    candidate.format !== INVENTORY_FORMAT
  ) {
    throw new UsageError(
      `${source} is not a Pyjamas inventory (its "format" is not "${INVENTORY_FORMAT}")`,
    );
  }
  if (candidate.version !== INVENTORY_VERSION) {
    throw new UsageError(
      `inventory ${source} has version ${JSON.stringify(candidate.version)}, but this Pyjamas reads version ${INVENTORY_VERSION}; collect it again with this version`,
    );
  }
  const problems: string[] = [];
  for (const field of [
    'account',
    'partition',
    'principalArn',
    'globalRegion',
    'startedAt',
    'finishedAt',
  ] as const) {
    if (typeof candidate[field] !== 'string') problems.push(`"${field}" must be a string`);
  }
  if (
    !Array.isArray(candidate.regions) ||
    !candidate.regions.every((region) => typeof region === 'string')
  ) {
    problems.push('"regions" must be a list of region names');
  }
  if (!isSliceMap(candidate.global)) problems.push('"global" must map slice names to results');
  const regional = candidate.regional as Record<string, unknown> | undefined;
  if (typeof regional !== 'object' || regional === null)
    problems.push('"regional" must map regions to slices');
  else {
    for (const [region, slices] of Object.entries(regional)) {
      if (!isSliceMap(slices))
        problems.push(`"regional.${region}" must map slice names to results`);
    }
  }
  if (problems.length > 0)
    throw new UsageError(`inventory ${source} is damaged: ${problems.join('; ')}`);
  return candidate as unknown as Inventory;
}

function isSliceMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (result) =>
      typeof result === 'object' &&
      result !== null &&
      typeof (result as { ok?: unknown }).ok === 'boolean',
  );
}
