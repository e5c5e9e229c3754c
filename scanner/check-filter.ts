import { UsageError } from '../lib/errors';
import { ALL_CHECKS } from './checks';
import type { Check } from './model/check';
import { SEVERITIES } from './model/finding';

/** Which checks a scan runs; every given criterion must hold. */
export interface CheckFilter {
  /** @default - every check */
  readonly checks?: readonly string[];
  readonly excludedChecks?: readonly string[];
  /** Services such as `iam`, `s3`. */
  readonly services?: readonly string[];
  readonly severities?: readonly string[];
}

/**
 * The checks a filter keeps, in registry order.
 *
 * @throws UsageError naming each unknown check, service or severity, or a filter that keeps none
 */
export function filterChecks(filter: CheckFilter, all: readonly Check[] = ALL_CHECKS): Check[] {
  const ids = new Set(all.map((check) => check.id));
  const services = new Set(all.map((check) => check.service));
  const unknown = (
    kind: string,
    given: readonly string[] | undefined,
    known: ReadonlySet<string>,
    hint: string,
  ) => {
    const bad = (given ?? []).filter((value) => !known.has(value));
    if (bad.length > 0)
      throw new UsageError(
        `unknown ${kind}${bad.length > 1 ? 's' : ''}: ${bad.join(', ')} (${hint})`,
      );
  };
  unknown('check', filter.checks, ids, 'see pyjamas list-checks');
  unknown('check', filter.excludedChecks, ids, 'see pyjamas list-checks');
  unknown('service', filter.services, services, `choose from ${[...services].sort().join(', ')}`);
  unknown(
    'severity',
    filter.severities,
    new Set<string>(SEVERITIES),
    `choose from ${SEVERITIES.join(', ')}`,
  );
  const kept = all.filter(
    (check) =>
      (!filter.checks?.length || filter.checks.includes(check.id)) &&
      !(filter.excludedChecks ?? []).includes(check.id) &&
      (!filter.services?.length || filter.services.includes(check.service)) &&
      (!filter.severities?.length || filter.severities.includes(check.severity)),
  );
  if (kept.length === 0)
    throw new UsageError(
      'the check filters leave no check to run; loosen --checks, --services, --severity or --excluded-checks',
    );
  return kept;
}
