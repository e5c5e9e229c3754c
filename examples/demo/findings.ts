/** Who the demo's findings are about: moto's account, in the incident's region. */
export interface FindingScope {
  readonly account: string;
  readonly region: string;
  /** ISO time the finding was first seen. */
  readonly at: string;
}

/**
 * An EventBridge event as GuardDuty sends it (detail-type "GuardDuty Finding", source
 * aws.guardduty), with the fields the deployed rules match on and the responders read.
 */
function findingEvent(
  scope: FindingScope,
  id: string,
  type: string,
  severity: number,
  resource: Record<string, unknown>,
): Record<string, unknown> {
  const arn = `arn:aws:guardduty:${scope.region}:${scope.account}:detector/demo/finding/${id}`;
  return {
    version: '0',
    id: `${id.slice(0, 8)}-0000-4000-8000-${id.slice(-12)}`,
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: scope.account,
    time: scope.at,
    region: scope.region,
    resources: [],
    detail: {
      schemaVersion: '2.0',
      accountId: scope.account,
      region: scope.region,
      partition: 'aws',
      id,
      arn,
      type,
      resource,
      service: {
        serviceName: 'guardduty',
        eventFirstSeen: scope.at,
        eventLastSeen: scope.at,
        archived: false,
        count: 1,
      },
      severity,
      createdAt: scope.at,
      updatedAt: scope.at,
      title: type,
      description: `Demo finding ${type}.`,
    },
  };
}

/** A high-severity finding that the instance talks to a command-and-control server. */
export function instanceFinding(scope: FindingScope, instanceId: string): Record<string, unknown> {
  return findingEvent(scope, 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'Backdoor:EC2/C&CActivity.B', 8, {
    resourceType: 'Instance',
    instanceDetails: { instanceId, instanceType: 't3.micro' },
  });
}

/** A high-severity finding that a user's key is used from outside the organisation's networks. */
export function accessKeyFinding(
  scope: FindingScope,
  userName: string,
  accessKeyId: string,
): Record<string, unknown> {
  return findingEvent(
    scope,
    'f0e1d2c3b4a5968778695a4b3c2d1e0f',
    'UnauthorizedAccess:IAMUser/MaliciousIPCaller',
    8,
    {
      resourceType: 'AccessKey',
      accessKeyDetails: { accessKeyId, userName, userType: 'IAMUser', principalId: 'AIDADEMO' },
    },
  );
}
