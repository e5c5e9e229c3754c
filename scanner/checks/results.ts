import type { CheckContext } from '../model/check';
import type { CheckResult, ResourceRef, Status } from '../model/finding';
import type { CollectError } from '../model/inventory';

/** Region name used for account-wide services such as IAM. */
export const GLOBAL_REGION = 'global';

function result(status: Status) {
  return (resource: ResourceRef, message: string): CheckResult => ({ status, resource, message });
}

/** The resource meets the control. */
export const pass = result('PASS');
/** The resource does not meet the control. */
export const fail = result('FAIL');
/** A person must judge, for example because the resource lives in another account. */
export const manual = result('MANUAL');
/** Nothing in this scope is subject to the control. */
export const notApplicable = result('NOT_APPLICABLE');

/** A per-resource detail could not be read, so the control cannot be judged for it. */
export function couldNotRead(resource: ResourceRef, error: CollectError): CheckResult {
  return {
    status: 'ERROR',
    resource,
    message: `Could not evaluate ${resource.id}: ${describeCollectError(error)}.`,
  };
}

/** `api failed in region (Name: message)`. */
export function describeCollectError(error: CollectError): string {
  return `${error.api} failed in ${error.region} (${error.name}: ${error.message})`;
}

/**
 * The account as the resource of an account- or region-level control. Its ARN has the form
 * `arn:<partition>:<service>:<region>:<account>:account` (no region for global services); it is
 * a stable identifier for fingerprints, not an ARN AWS issues.
 */
export function accountResource(
  ctx: Pick<CheckContext, 'account' | 'partition'>,
  service: string,
  region: string,
): ResourceRef {
  const arnRegion = region === GLOBAL_REGION ? '' : region;
  return {
    region,
    type: 'AwsAccount',
    id: ctx.account,
    arn: `arn:${ctx.partition}:${service}:${arnRegion}:${ctx.account}:account`,
  };
}
