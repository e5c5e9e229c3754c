import type { CheckContext } from '../../model/check';
import type { ResourceRef } from '../../model/finding';
import type { AccountSummary } from '../../model/iam';
import { GLOBAL_REGION } from '../results';

/** The account's root user as the resource of a finding; AWS gives it the ARN `arn:<partition>:iam::<account>:root`. */
export function rootResource(ctx: Pick<CheckContext, 'account' | 'partition'>): ResourceRef {
  return {
    region: GLOBAL_REGION,
    type: 'AwsIamUser',
    id: 'root',
    arn: `arn:${ctx.partition}:iam::${ctx.account}:root`,
  };
}

/**
 * One counter of iam:GetAccountSummary. A summary without it says nothing about the root user,
 * which must not read as a pass.
 *
 * @throws Error naming the counter when the summary lacks it
 */
export function summaryCounter(summary: AccountSummary, counter: string): number {
  const value = summary[counter];
  if (value === undefined) throw new Error(`iam:GetAccountSummary returned no ${counter} counter`);
  return value;
}
