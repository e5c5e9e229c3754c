import { UsageError } from '../lib/errors';
import { ALL_CHECKS } from './checks';
import { collectInventory, type CollectOptions } from './collect/collect';
import type { Check, ScanConfig } from './model/check';
import type { Inventory } from './model/inventory';
import type { SliceKey } from './model/slices';
import type { Mutelist } from './mutelist';
import { buildReport, type ScanReport } from './report/report';
import { runChecks } from './run';

/** The slices a set of checks reads: what collection must fetch. */
export function slicesNeededBy(checks: readonly Check[]): SliceKey[] {
  return [...new Set(checks.flatMap((check) => check.needs))];
}

/**
 * The checks named by `ids` (all when empty).
 *
 * @throws UsageError listing unknown ids
 */
export function selectChecks(
  ids: readonly string[] = [],
  all: readonly Check[] = ALL_CHECKS,
): Check[] {
  if (ids.length === 0) return [...all];
  const unknown = ids.filter((id) => !all.some((check) => check.id === id));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown check${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (see pyjamas list-checks)`,
    );
  }
  return all.filter((check) => ids.includes(check.id));
}

/** Where and how to read an account, for a set of checks. */
export type CollectForChecksOptions = Omit<CollectOptions, 'slices'> & {
  readonly checks: readonly Check[];
};

/** Collects exactly what `checks` need. */
export function collectForChecks(options: CollectForChecksOptions): Promise<Inventory> {
  const { checks, ...rest } = options;
  return collectInventory({ ...rest, slices: slicesNeededBy(checks) });
}

/** How to judge an inventory into a report. */
export interface EvaluateOptions {
  readonly checks: readonly Check[];
  readonly toolVersion: string;
  /** @default - the end of collection, so a replayed inventory is judged as when it was read */
  readonly asOf?: Date;
  readonly mutelist?: Mutelist;
  readonly config?: ScanConfig;
}

/** Runs the checks over an inventory and builds the report. Pure. */
export function evaluateInventory(inventory: Inventory, options: EvaluateOptions): ScanReport {
  const asOf = options.asOf ?? new Date(inventory.finishedAt);
  const findings = runChecks(inventory, options.checks, {
    now: asOf,
    ...(options.mutelist ? { mutelist: options.mutelist } : {}),
    ...(options.config ? { config: options.config } : {}),
  });
  return buildReport(inventory, findings, {
    toolVersion: options.toolVersion,
    asOf,
    checks: options.checks.length,
  });
}
