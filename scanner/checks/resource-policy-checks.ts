import type { CheckContext, PerRegion } from '../model/check';
import type { CheckResult } from '../model/finding';
import type { PolicyResource } from '../model/resource-policy';
import { describeStatements, unrestrictedPublicStatements } from './public-principal';
import { accountResource, couldNotRead, fail, notApplicable, pass } from './results';

/** How findings of one resource kind are worded and typed. */
export interface PolicyResourceKind {
  /** Service part of the account pseudo-ARN of a region without such resources. */
  readonly service: string;
  /** Finding resource type, e.g. `AwsSqsQueue`. */
  readonly type: string;
  /** Singular and plural noun, e.g. `SQS queue`, `SQS queues`. */
  readonly noun: string;
  readonly nouns: string;
}

/**
 * Judges every resource of every region on its resource policy (CIS v7 2.21): FAIL when a
 * statement allows anyone without a restricting condition, PASS otherwise (no policy included),
 * ERROR when the policy could not be read; a region without such resources is NOT_APPLICABLE.
 */
export function judgeResourcePolicies(
  ctx: CheckContext,
  data: PerRegion<readonly PolicyResource[]>,
  kind: PolicyResourceKind,
): CheckResult[] {
  return ctx.regions.flatMap((region): CheckResult[] => {
    const list = data[region] ?? [];
    if (list.length === 0)
      return [
        notApplicable(accountResource(ctx, kind.service, region), `No ${kind.nouns} in ${region}.`),
      ];
    return list.map((item) => {
      const resource = { region, type: kind.type, id: item.name, arn: item.arn };
      if (!item.policy.ok) return couldNotRead(resource, item.policy.error);
      const policy = item.policy.data;
      if (policy === null)
        return pass(resource, `${kind.noun} ${item.name} has no resource policy.`);
      const open = unrestrictedPublicStatements(policy);
      return open.length > 0
        ? fail(
            resource,
            `${kind.noun} ${item.name} has a policy that allows Principal "*" with no condition limiting the caller (statement ${describeStatements(policy, open)}).`,
          )
        : pass(
            resource,
            `${kind.noun} ${item.name} has a policy that allows no unrestricted Principal "*".`,
          );
    });
  });
}
