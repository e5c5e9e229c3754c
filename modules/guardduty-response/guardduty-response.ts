import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { plumbingTags } from '../shared/tags';
import { InvalidPropError, checkNamePrefix } from '../shared/validation';

/** Which GuardDuty findings go to a responder. */
export interface FindingRoute {
  /**
   * Finding types to route, each exact (`Backdoor:EC2/C&CActivity.B!DNS`) or a prefix ending in
   * `*` (`UnauthorizedAccess:IAMUser/*`).
   *
   * @default - every finding type about the responder's resource type
   */
  readonly findingTypes?: string[];

  /**
   * Lowest severity routed, from 1 to 10. GuardDuty rates 1–3.9 low, 4–6.9 medium, 7–8.9 high
   * and 9–10 critical.
   *
   * @default 7, high and critical findings
   */
  readonly minimumSeverity?: number;
}

/** A function findings are sent to. */
export interface FindingTarget {
  readonly functionArn: string;
  readonly functionName: string;
}

/** Properties of {@link GuardDutyResponse}. */
export interface GuardDutyResponseProps {
  /** The isolation function that takes GuardDuty findings about EC2 instances. */
  readonly isolationFunction: FindingTarget;

  /** The revocation function that takes GuardDuty findings about access keys. */
  readonly revocationFunction: FindingTarget;

  /**
   * Findings about EC2 instances (`resource.resourceType` Instance) sent to isolation, or false
   * for none.
   *
   * @default - every type, severity 7 and above
   */
  readonly isolation?: false | FindingRoute;

  /**
   * Findings about IAM access keys (`resource.resourceType` AccessKey) sent to revocation, or
   * false for none.
   *
   * @default - every type, severity 7 and above
   */
  readonly revocation?: false | FindingRoute;

  /**
   * Account whose findings the rules take: the EventBridge pattern then matches only events of
   * this account (`account`) about this account's resources (`detail.accountId`). A GuardDuty
   * administrator account receives its members' findings on its own bus, and a responder acting
   * on them would reach into a member's resource with the administrator's credentials, or fail.
   *
   * @default - every finding on the bus, whatever account it concerns
   * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html
   */
  readonly accountId?: string;

  /**
   * Start of the rule names.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the region. GuardDuty publishes findings to EventBridge in the region of the
   * detector, and a rule invokes functions of its own region.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

const FINDING_TYPE = /^[A-Za-z0-9][A-Za-z0-9:/._!&-]*\*?$/;

/**
 * The EventBridge pattern of GuardDuty findings about one resource type: exact types match as
 * given, `*`-suffixed ones by prefix, severity numerically.
 */
export function findingPattern(
  resourceType: 'Instance' | 'AccessKey',
  route: FindingRoute,
  accountId?: string,
): Record<string, unknown> {
  const types = route.findingTypes?.map((type) =>
    type.endsWith('*') ? { prefix: type.slice(0, -1) } : type,
  );
  return {
    source: ['aws.guardduty'],
    'detail-type': ['GuardDuty Finding'],
    ...(accountId === undefined ? {} : { account: [accountId] }),
    detail: {
      ...(accountId === undefined ? {} : { accountId: [accountId] }),
      resource: { resourceType: [resourceType] },
      severity: [{ numeric: ['>=', route.minimumSeverity ?? 7] }],
      ...(types ? { type: types } : {}),
    },
  };
}

/**
 * Routes GuardDuty findings of one region to the responders: findings about EC2 instances to
 * isolation, findings about access keys to revocation, each filtered by type and minimum
 * severity. EventBridge may deliver a finding more than once, and GuardDuty publishes updates of
 * an active finding; the responders name the case after the finding, so repeats change nothing.
 */
export class GuardDutyResponse extends Construct {
  constructor(scope: Construct, id: string, props: GuardDutyResponseProps) {
    super(scope, id);
    const owner = 'GuardDutyResponse';
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix(owner, namePrefix);
    if (props.isolation === false && props.revocation === false) {
      throw new InvalidPropError(
        owner,
        'isolation and revocation',
        false,
        'must not both be false: leave the construct out to route no findings',
      );
    }
    const { provider } = props;
    const routes = [
      [
        'isolation',
        'isolate-instance',
        'Instance',
        props.isolation,
        props.isolationFunction,
        'EC2 instances',
      ],
      [
        'revocation',
        'revoke-access-key',
        'AccessKey',
        props.revocation,
        props.revocationFunction,
        'access keys',
      ],
    ] as const;
    for (const [prop, name, resourceType, route, target, what] of routes) {
      if (route === false) continue;
      checkRoute(owner, prop, route ?? {});
      const rule = new CloudwatchEventRule(this, `${name}-rule`, {
        provider,
        name: `${namePrefix}-guardduty-${name}`,
        description: `Pyjamas: GuardDuty findings about ${what} to ${target.functionName}`,
        eventPattern: JSON.stringify(findingPattern(resourceType, route ?? {}, props.accountId)),
        tags: plumbingTags(PLUMBING_COMPONENTS.guardDutyResponse),
      });
      new CloudwatchEventTarget(this, `${name}-target`, {
        provider,
        rule: rule.name,
        targetId: 'responder',
        arn: target.functionArn,
      });
      new LambdaPermission(this, `${name}-permission`, {
        provider,
        statementId: `${namePrefix}-guardduty-${name}`,
        action: 'lambda:InvokeFunction',
        functionName: target.functionName,
        principal: 'events.amazonaws.com',
        sourceArn: rule.arn,
      });
    }
  }
}

function checkRoute(owner: string, prop: string, route: FindingRoute): void {
  const severity = route.minimumSeverity;
  if (severity !== undefined && (!Number.isFinite(severity) || severity < 1 || severity > 10)) {
    throw new InvalidPropError(
      owner,
      `${prop}.minimumSeverity`,
      severity,
      'must be a number from 1 to 10 (7 is high, 9 critical)',
    );
  }
  const types = route.findingTypes;
  if (types !== undefined && types.length === 0)
    throw new InvalidPropError(
      owner,
      `${prop}.findingTypes`,
      types,
      'must list at least one type, or be left out for every type',
    );
  for (const type of types ?? []) {
    if (!FINDING_TYPE.test(type)) {
      throw new InvalidPropError(
        owner,
        `${prop}.findingTypes`,
        type,
        'must hold GuardDuty finding types such as "Backdoor:EC2/C&CActivity.B" or prefixes ending in "*" such as "UnauthorizedAccess:IAMUser/*"',
      );
    }
  }
}
