import { DEFAULT_SCAN_CONFIG, type Check, type CheckContext, type ScanConfig } from './model/check';
import type { CheckResult, Finding } from './model/finding';
import type { Fetched, Inventory } from './model/inventory';
import { SLICE_SCOPE, type GlobalSliceKey, type RegionalSliceKey } from './model/slices';
import { GLOBAL_REGION, accountResource, describeCollectError } from './checks/results';
import { complianceIndex, type ComplianceIndex } from './compliance';
import { fingerprint } from './fingerprint';
import { matchMuteRule, type Mutelist } from './mutelist';

/** How to judge an inventory. */
export interface RunOptions {
  /** The "now" of age-based checks. */
  readonly now: Date;
  /** @default DEFAULT_SCAN_CONFIG */
  readonly config?: ScanConfig;
  /** @default - nothing muted */
  readonly mutelist?: Mutelist;
  /** @default - the index of every shipped framework */
  readonly compliance?: ComplianceIndex;
}

/**
 * Runs checks over an inventory and returns their findings. Pure: no I/O, no clock.
 *
 * A check whose data could not be collected yields ERROR findings naming the API and region,
 * for each region it could not see, and is evaluated on the regions it can see. A check that
 * throws yields one ERROR finding. Neither stops the other checks.
 */
export function runChecks(
  inventory: Inventory,
  checks: readonly Check[],
  options: RunOptions,
): Finding[] {
  const compliance = options.compliance ?? complianceIndex();
  const base = {
    now: options.now,
    account: inventory.account,
    partition: inventory.partition,
    config: options.config ?? DEFAULT_SCAN_CONFIG,
  };
  return checks.flatMap((check) =>
    evaluate(inventory, check, base).map((result): Finding => {
      const { resource } = result;
      const rule = options.mutelist
        ? matchMuteRule(
            options.mutelist,
            {
              checkId: check.id,
              region: resource.region,
              resourceArn: resource.arn,
              resourceId: resource.id,
              ...(resource.tags ? { tags: resource.tags } : {}),
            },
            options.now,
          )
        : undefined;
      return {
        id: fingerprint(check.id, inventory.account, resource.region, resource.arn),
        checkId: check.id,
        account: inventory.account,
        title: check.title,
        service: check.service,
        severity: result.severity ?? check.severity,
        status: result.status,
        region: resource.region,
        resourceType: resource.type,
        resourceId: resource.id,
        resourceArn: resource.arn,
        message: result.message,
        remediation: check.remediation,
        compliance: compliance.get(check.id) ?? {},
        muted: rule !== undefined,
        ...(rule ? { mutedReason: rule.reason } : {}),
      };
    }),
  );
}

function evaluate(
  inventory: Inventory,
  check: Check,
  base: Omit<CheckContext, 'regions'>,
): CheckResult[] {
  const globalNeeds = check.needs.filter(
    (key): key is GlobalSliceKey => SLICE_SCOPE[key] === 'global',
  );
  const regionalNeeds = check.needs.filter(
    (key): key is RegionalSliceKey => SLICE_SCOPE[key] === 'regional',
  );
  const cannotSee = (
    region: string,
    key: string,
    result: Fetched<unknown> | undefined,
  ): CheckResult => ({
    status: 'ERROR',
    resource: accountResource(base, check.service, region),
    message: result
      ? `Could not evaluate: ${describeCollectError((result as Extract<Fetched<unknown>, { ok: false }>).error)}.`
      : `Could not evaluate: the inventory holds no "${key}" data${region === GLOBAL_REGION ? '' : ` for ${region}`}; it was collected for other checks.`,
  });

  const input: Record<string, unknown> = {};
  const errors: CheckResult[] = [];
  for (const key of globalNeeds) {
    const result = inventory.global[key];
    if (result?.ok) input[key] = result.data;
    else errors.push(cannotSee(GLOBAL_REGION, key, result));
  }
  if (errors.length > 0) return errors;

  const regions: string[] = [];
  for (const region of inventory.regions) {
    const failed = regionalNeeds.filter((key) => !inventory.regional[region]?.[key]?.ok);
    if (failed.length === 0) regions.push(region);
    for (const key of failed)
      errors.push(cannotSee(region, key, inventory.regional[region]?.[key]));
  }
  if (regionalNeeds.length > 0 && regions.length === 0) return errors;
  for (const key of regionalNeeds) {
    input[key] = Object.fromEntries(
      regions.map((region) => [
        region,
        (inventory.regional[region]?.[key] as { data: unknown }).data,
      ]),
    );
  }

  try {
    return [...errors, ...check.evaluate(input, { ...base, regions })];
  } catch (error) {
    const region = regionalNeeds.length > 0 ? (regions[0] ?? GLOBAL_REGION) : GLOBAL_REGION;
    return [
      ...errors,
      {
        status: 'ERROR',
        resource: accountResource(base, check.service, region),
        message: `Check ${check.id} failed while evaluating: ${error instanceof Error ? error.message : String(error)}.`,
      },
    ];
  }
}
