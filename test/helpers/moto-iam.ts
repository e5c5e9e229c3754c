/*
 * What moto 5.2.1 checks when started with INITIAL_NO_AUTH_ACTION_COUNT, read from its source
 * (`moto/core/authorization.py`, `moto/iam/access_control.py`, `moto/iam/policy_conditions.py`,
 * `moto/s3/responses.py`):
 *
 * - Every request after the first n must carry a SigV4 signature by an access key of an IAM user
 *   or of an assumed-role session of the account; moto recomputes the signature.
 * - The action is `<signing name>:<operation>`: the credential scope's service (not the IAM
 *   prefix) and the API operation (not the IAM action). Where the two differ from IAM, moto asks
 *   for another name than AWS does ({@link MOTO_ACTION_ALIASES}).
 * - Only the caller's identity policies count: inline and attached policies of the user and its
 *   groups, or of the assumed role. No resource policies (bucket, key, queue, topic policies), no
 *   permission boundaries, no session policies, no SCPs.
 * - `sts:GetCallerIdentity` is always allowed.
 * - Resources: S3 requests are matched against the bucket or object ARN, IAM requests naming a
 *   role against the role ARN, SQS against the queue ARN; every other service matches against
 *   `*`, so a statement scoped to an ARN never allows them (none of the deployed policies scopes
 *   such a call, except sns:Publish to the topic). Patterns become regular expressions with only
 *   `*` translated (`?` and `.` keep their regex meaning); a statement without `Resource` (e.g.
 *   one with `NotResource`) matches every resource.
 * - Conditions: only `StringEquals` is evaluated, and only against `sts:ExternalId`; every other
 *   operator and key passes, so conditions never restrict anything.
 * - An explicit Deny wins over any Allow (the responders' Deny on `role/pyjamas-*` is enforced,
 *   since IAM role requests carry the role ARN).
 * - Seen enforced by these tests: EC2, Auto Scaling, Elastic Load Balancing, IAM, STS
 *   (AssumeRole, with the trust policy's principal), S3, S3 Control, the tagging API, CloudTrail,
 *   Config, GuardDuty and KMS. Not exercised: SNS, SQS, Lambda, SSM, Security Hub.
 * - Actions AWS authorizes that are not an API call of their own are never checked
 *   ({@link MOTO_UNCHECKED_ACTIONS}).
 * - A denied call answers `AccessDenied` (HTTP 403), as XML in every service; the launcher turns
 *   it into JSON `AccessDeniedException` for JSON-protocol services. Real EC2 answers
 *   `UnauthorizedOperation`, which these tests therefore never see.
 */

import type { DeployedPolicyDocument, DeployedStatement } from './deployed-policy';

/**
 * Deployed IAM action → the names moto 5.2.1 checks for the same API call instead. A run signed
 * with the deployed policy could not pass on moto without them; they are added to the statement
 * that grants the IAM action and removed with it.
 */
export const MOTO_ACTION_ALIASES: Readonly<Record<string, readonly string[]>> = {
  // The Resource Groups Tagging API signs as "tagging"; its IAM prefix is "tag".
  'tag:GetResources': ['tagging:GetResources'],
  // CloudWatch signs as "monitoring"; its IAM prefix is "cloudwatch".
  'cloudwatch:DescribeAlarms': ['monitoring:DescribeAlarms'],
  // S3 Control signs as "s3" and moto names the action after the operation.
  's3:GetAccountPublicAccessBlock': ['s3:GetPublicAccessBlock'],
  // moto names bucket subresources from its own table, which lacks `?publicAccessBlock`,
  // `?object-lock` and `?encryption`: those reads fall through to the bucket's default, ListBucket.
  's3:GetBucketPublicAccessBlock': ['s3:ListBucket'],
  's3:GetBucketObjectLockConfiguration': ['s3:ListBucket'],
  's3:GetEncryptionConfiguration': ['s3:ListBucket'],
};

/**
 * Actions in the deployed policies whose removal moto 5.2.1 cannot show, and why. The
 * least-privilege tests list them instead of removing them.
 */
export const MOTO_UNCHECKED_ACTIONS: Readonly<Record<string, string>> = {
  'iam:PassRole':
    'not an API call: AWS checks it when ec2:AssociateIamInstanceProfile or ReplaceIamInstanceProfileAssociation hands the quarantine role to EC2; moto checks only the called action',
  'sts:GetCallerIdentity': 'moto allows it to everyone, even against an explicit Deny',
  'sns:Publish':
    'moto matches SNS calls against "*", so the deployed statement scoped to the topic ARN never allows Publish there; the runs here notify no topic',
  's3:ListBucket':
    'moto also checks s3:ListBucket for GetPublicAccessBlock, GetObjectLockConfiguration and GetBucketEncryption, granted on "*" through those aliases, so removing it from the bucket-scoped statement changes nothing on moto',
  's3:GetBucketPublicAccessBlock':
    'moto checks s3:ListBucket for this read, which the other aliased reads still grant',
  's3:GetBucketObjectLockConfiguration':
    'moto checks s3:ListBucket for this read, which the other aliased reads still grant',
  's3:GetEncryptionConfiguration':
    'moto checks s3:ListBucket for this read, which the other aliased reads still grant',
};

const actionsOf = (statement: DeployedStatement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** The document with every moto alias of each granted action added beside it. */
export function policyForMoto(document: DeployedPolicyDocument): DeployedPolicyDocument {
  return {
    ...document,
    Statement: document.Statement.map((statement) => {
      const actions = actionsOf(statement);
      const aliases = actions.flatMap((action) => MOTO_ACTION_ALIASES[action] ?? []);
      return aliases.length === 0
        ? statement
        : { ...statement, Action: [...new Set([...actions, ...aliases])] };
    }),
  };
}

/** The document without `action` in any Allow statement; statements left empty are dropped. */
export function withoutAction(
  document: DeployedPolicyDocument,
  action: string,
): DeployedPolicyDocument {
  return {
    ...document,
    Statement: document.Statement.flatMap((statement) => {
      if (statement.Effect !== 'Allow') return [statement];
      const actions = actionsOf(statement).filter((candidate) => candidate !== action);
      return actions.length === 0 ? [] : [{ ...statement, Action: actions }];
    }),
  };
}

/** Every action an Allow statement of the document grants, sorted. */
export function allowedActions(document: DeployedPolicyDocument): string[] {
  return [
    ...new Set(
      document.Statement.filter((statement) => statement.Effect === 'Allow').flatMap(actionsOf),
    ),
  ].sort();
}
