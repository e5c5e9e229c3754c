import type { Fetched } from './inventory';

/** A responder Lambda function the module tagged `pyjamas:component=responder-function`. */
export interface ResponderFunction {
  readonly name: string;
  readonly arn: string;
  /** Whether `PYJAMAS_ENFORCE` is `true`; otherwise the function plans and changes nothing. */
  readonly enforcing: boolean;
}

/** A Config remediation: the automatic action AWS Config takes on a rule's non-compliant resources. */
export interface RemediationSettings {
  /** The SSM Automation document it runs. */
  readonly targetId: string;
  readonly automatic: boolean;
}

/** An AWS Config rule the module tagged `pyjamas:component=config-remediation`. */
export interface PlumbingConfigRule {
  readonly name: string;
  readonly arn: string;
  /** `ACTIVE`, `DELETING`, `EVALUATING`, …; only an active rule judges resources. */
  readonly state: string;
  /** Null when the rule has no remediation configuration. */
  readonly remediation: Fetched<RemediationSettings | null>;
}

/** The SSM parameter that publishes the forensic AMI, with the image it names. */
export interface ForensicAmiParameter {
  readonly name: string;
  readonly arn: string;
  /** The AMI id the parameter holds. */
  readonly imageId: string;
  /** When EC2 says the image was created; null when the image no longer exists. */
  readonly image: Fetched<{ readonly creationDate: string } | null>;
}
