/**
 * Tags that mark the incident-response plumbing the module deploys, so that responders and the
 * scanner find it in an account without configuration: an evidence bucket is the bucket tagged
 * `pyjamas:component=evidence-bucket`, an isolation group is the group tagged
 * `pyjamas:component=isolation-security-group` in the instance's VPC, and so on.
 */
export const PLUMBING_TAG_KEY = 'pyjamas:component';

/** Value of {@link PLUMBING_TAG_KEY} on each kind of plumbing resource. */
export const PLUMBING_COMPONENTS = {
  evidenceBucket: 'evidence-bucket',
  accessLogBucket: 'access-log-bucket',
  evidenceKey: 'evidence-key',
  isolationSecurityGroup: 'isolation-security-group',
  untrackSecurityGroup: 'untrack-security-group',
  memoryCaptureSecurityGroup: 'memory-capture-security-group',
  forensicSecurityGroup: 'forensic-security-group',
  quarantineInstanceProfile: 'quarantine-instance-profile',
  forensicInstanceProfile: 'forensic-instance-profile',
  trail: 'trail',
  flowLogs: 'flow-logs',
  guardDutyDetector: 'guardduty-detector',
  configRecorder: 'config-recorder',
  configBucket: 'config-bucket',
  alarmTopic: 'alarm-topic',
  responderFunction: 'responder-function',
  deadLetterQueue: 'dead-letter-queue',
  guardDutyResponse: 'guardduty-response',
  configRemediation: 'config-remediation',
  scheduledScan: 'scheduled-scan',
  forensicAmiPipeline: 'forensic-ami-pipeline',
  forensicAmi: 'forensic-ami',
  forensicWorkstationTemplate: 'forensic-workstation-template',
  forensicWorkstation: 'forensic-workstation',
} as const;

/** One of the plumbing component names. */
export type PlumbingComponent = (typeof PLUMBING_COMPONENTS)[keyof typeof PLUMBING_COMPONENTS];

/** Tag put on everything the module creates, next to {@link PLUMBING_TAG_KEY}. */
export const MANAGED_BY_TAG = { key: 'pyjamas:managed-by', value: 'pyjamas' } as const;

/**
 * Tags written by responders on the resources they act on, and the tags people write to ask for
 * a response: `pyjamas:quarantine=<case>` on an instance, `pyjamas:compromised-key=<key id>` on
 * an IAM user (access keys cannot be tagged).
 */
export const RESPONSE_TAGS = {
  caseId: 'pyjamas:case-id',
  status: 'pyjamas:status',
  quarantine: 'pyjamas:quarantine',
  compromisedKey: 'pyjamas:compromised-key',
  /** On a snapshot or image: the instance it was taken of. */
  sourceInstance: 'pyjamas:source-instance',
} as const;
