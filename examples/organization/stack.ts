import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  IncidentResponsePlumbing,
  type PlumbingRegion,
} from '../../modules/incident-response-plumbing/incident-response-plumbing';
import { plumbingProvider } from '../../modules/shared/aws-provider';
import { checkOneOf, InvalidPropError } from '../../modules/shared/validation';
import { plumbingOutputs, regionVpcs, type DeploymentOptions } from '../complete/stack';

/** An account of the organization that gets the plumbing. */
export interface OrganizationAccount {
  /** Short name: the construct id of the account's plumbing and part of its provider aliases. */
  readonly name: string;
  /** Twelve-digit account id. */
  readonly accountId: string;
  /**
   * VPCs of the account, by region name, that get isolation and forensic groups and flow logs.
   *
   * @default - none
   */
  readonly vpcIds?: Readonly<Record<string, string[]>>;
  /**
   * Whether the default VPC of every region gets them too.
   *
   * @default false
   */
  readonly defaultVpcs?: boolean;
}

/** Options of the {@link OrganizationStack}. */
export interface OrganizationStackOptions extends DeploymentOptions {
  /** Regions to deploy to in every account; the first is the home region of all of them. */
  readonly regions: string[];
  /** The security account, which holds the central evidence bucket. */
  readonly security: OrganizationAccount;
  /** Member accounts, which deliver their logs, findings and evidence to the security account. */
  readonly members: OrganizationAccount[];
  /**
   * Role the deployment assumes in every account.
   *
   * @default 'OrganizationAccountAccessRole', the role AWS Organizations creates in new accounts
   */
  readonly deploymentRoleName?: string;

  /**
   * Partition of the accounts, which the deployment role ARNs are built in (`aws`, `aws-cn`,
   * `aws-us-gov`). The modules read the partition of every provider from `aws_partition`; only
   * the role a provider assumes must be known before any provider exists.
   *
   * @default 'aws'
   */
  readonly partition?: string;
}

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/**
 * The plumbing in several accounts of an organization, from one stack: a provider alias per
 * account and region assumes the deployment role. The security account holds the evidence bucket;
 * every member's trail, flow logs and GuardDuty deliver to it, and its Config to the central Config
 * bucket, each under the member's own `AWSLogs/<account>/` prefix. Every account responds
 * automatically to its own findings and Config rules, in its own account.
 */
export class OrganizationStack extends TerraformStack {
  constructor(scope: Construct, id: string, options: OrganizationStackOptions) {
    super(scope, id);
    if (options.localStatePath) new LocalBackend(this, { path: options.localStatePath });
    const accounts = [options.security, ...options.members];
    const names = accounts.map((account) => account.name);
    if (new Set(names).size !== names.length) {
      throw new InvalidPropError(
        'OrganizationStack',
        'members',
        names,
        'must give every account its own name',
      );
    }

    const partition = options.partition ?? 'aws';
    checkOneOf('OrganizationStack', 'partition', partition, PARTITIONS);
    const regionsOf = (account: OrganizationAccount): PlumbingRegion[] =>
      options.regions.map((region) => {
        const provider = plumbingProvider(this, `aws-${account.name}-${region}`, {
          region,
          alias: `${account.name}-${region}`,
          assumeRoleArn: `arn:${partition}:iam::${account.accountId}:role/${options.deploymentRoleName ?? 'OrganizationAccountAccessRole'}`,
          allowedAccountIds: [account.accountId],
          emulatorEndpoint: options.emulatorEndpoint,
        });
        const target = {
          region,
          vpcIds: account.vpcIds?.[region],
          defaultVpc: account.defaultVpcs,
        };
        return { region, provider, vpcs: regionVpcs(this, target, provider) };
      });

    // The security account owns the central evidence and Config buckets. Its GuardDuty rules
    // take its own findings only: members respond in their own accounts, with their own
    // credentials, filing in an evidence bucket of their own (responders read their earlier
    // records, and the central store lets members only add objects under their own id).
    const security = new IncidentResponsePlumbing(this, options.security.name, {
      regions: regionsOf(options.security),
      evidence: { deliveryAccountIds: options.members.map((member) => member.accountId) },
      automaticResponse: {},
      scheduledScan: {},
      preventDestroy: options.preventDestroy,
    });
    plumbingOutputs(new Construct(this, `${options.security.name}-outputs`), security);
    for (const member of options.members) {
      const plumbing = new IncidentResponsePlumbing(this, member.name, {
        regions: regionsOf(member),
        evidenceDestination: security.evidence,
        ...(security.configDestination ? { configDestination: security.configDestination } : {}),
        automaticResponse: {},
        preventDestroy: options.preventDestroy,
      });
      plumbingOutputs(new Construct(this, `${member.name}-outputs`), plumbing);
    }
    new TerraformOutput(this, 'central_evidence_bucket_name', {
      value: security.evidence.bucketName,
    });
  }
}
