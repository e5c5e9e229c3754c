import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from '../lib/errors';
import { isRegionName } from '../lib/aws/clients';
import { INVENTORY_FORMAT, INVENTORY_VERSION, type Inventory } from './model/inventory';
import { SLICE_SCOPE } from './model/slices';

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
  problems.push(...sliceProblems(candidate.global, 'global', 'global'));
  const regional = candidate.regional as Record<string, unknown> | undefined;
  if (typeof regional !== 'object' || regional === null || Array.isArray(regional))
    problems.push('"regional" must map regions to slices');
  else {
    for (const [region, slices] of Object.entries(regional)) {
      if (!isRegionName(region)) problems.push(`"regional.${region}" is not a region name`);
      else problems.push(...sliceProblems(slices, 'regional', `regional.${region}`));
    }
  }
  if (problems.length > 0)
    throw new UsageError(
      `inventory ${source} is damaged: ${problems.join('; ')}; save it again with --save-inventory`,
    );
  return candidate as unknown as Inventory;
}

/**
 * What is wrong with one map of slices: names this Pyjamas does not know or keeps at the other
 * scope, and results that are neither `{ ok: true, data }` nor `{ ok: false, error }` with the
 * error's api, region, name and message. A check reads its slices without looking, so a damaged
 * one would turn into a misleading ERROR or a crash in the middle of a scan.
 */
function sliceProblems(value: unknown, scope: 'global' | 'regional', where: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`"${where}" must map slice names to results`];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, result]) => {
    const known = (SLICE_SCOPE as Readonly<Record<string, string>>)[name];
    if (known === undefined) return [`"${where}.${name}" is not a slice this Pyjamas knows`];
    if (known !== scope) return [`"${where}.${name}" is a ${known} slice`];
    return isFetched(result)
      ? []
      : [
          `"${where}.${name}" must be { "ok": true, "data": … } or { "ok": false, "error": { "api", "region", "name", "message" } }`,
        ];
  });
}

function isFetched(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; data?: unknown; error?: unknown };
  if (result.ok === true) return 'data' in result && result.data !== undefined;
  if (result.ok !== false || typeof result.error !== 'object' || result.error === null)
    return false;
  const error = result.error as Record<string, unknown>;
  return ['api', 'region', 'name', 'message'].every((field) => typeof error[field] === 'string');
}
