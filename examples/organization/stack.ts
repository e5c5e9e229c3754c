import { LocalBackend, TerraformOutput, TerraformStack, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import {
  IncidentResponsePlumbing,
  type PlumbingRegion,
} from '../../modules/incident-response-plumbing/incident-response-plumbing';
import { OrganizationTrail } from '../../modules/organization-trail/organization-trail';
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

/**
 * An organization trail, created by the management account or by the account AWS Organizations
 * registered as CloudTrail's delegated administrator; the management account owns it either way.
 */
export interface OrganizationTrailOptions {
  /** Id of the organization, e.g. `o-a1b2c3d4e5`. */
  readonly organizationId: string;
  /** Twelve-digit id of the organization's management account. */
  readonly managementAccountId: string;
  /**
   * Name of the account of this stack (the security account or a member) registered as
   * CloudTrail's delegated administrator, which then creates the trail.
   *
   * @default - the management account creates it, through the deployment role there (or the
   *   provider of the account of this stack whose id it is)
   */
  readonly delegatedAdministrator?: string;
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
   * An organization trail into the central evidence bucket, recording every account of the
   * organization under `AWSLogs/<organization id>/`. Every account keeps its own trail too, for
   * the CIS alarms on its own CloudWatch Logs group.
   *
   * @default - no organization trail: each account's own trail only
   */
  readonly organizationTrail?: OrganizationTrailOptions;

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
 * automatically to its own findings and Config rules, in its own account, and files its cases in
 * the central bucket under `cases/<account>/`, and scans itself on a schedule, filing its reports
 * there under `scans/<account>/`. Optionally an organization trail records every
 * account of the organization into the same bucket.
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
    const providerOf = (account: Pick<OrganizationAccount, 'name' | 'accountId'>, region: string) =>
      plumbingProvider(this, `aws-${account.name}-${region}`, {
        region,
        alias: `${account.name}-${region}`,
        assumeRoleArn: `arn:${partition}:iam::${account.accountId}:role/${options.deploymentRoleName ?? 'OrganizationAccountAccessRole'}`,
        allowedAccountIds: [account.accountId],
        emulatorEndpoint: options.emulatorEndpoint,
      });
    const regionsOf = (account: OrganizationAccount): PlumbingRegion[] =>
      options.regions.map((region) => {
        const provider = providerOf(account, region);
        const target = {
          region,
          vpcIds: account.vpcIds?.[region],
          defaultVpc: account.defaultVpcs,
        };
        return { region, provider, vpcs: regionVpcs(this, target, provider) };
      });
    const accountRegions = new Map(accounts.map((account) => [account.name, regionsOf(account)]));
    const homeProvider = (account: OrganizationAccount) =>
      accountRegions.get(account.name)?.[0]?.provider;

    // The security account owns the central evidence and Config buckets. Its GuardDuty rules
    // take its own findings only: members respond in their own accounts, with their own
    // credentials, filing in the central bucket under cases/<member>/, the only prefixes its
    // policy lets each member write, read and list.
    const security = new IncidentResponsePlumbing(this, options.security.name, {
      regions: accountRegions.get(options.security.name) ?? [],
      evidence: {
        deliveryAccountIds: options.members.map((member) => member.accountId),
        ...(options.organizationTrail
          ? {
              organizationTrail: {
                organizationId: options.organizationTrail.organizationId,
                managementAccountId: options.organizationTrail.managementAccountId,
              },
            }
          : {}),
      },
      automaticResponse: {},
      scheduledScan: {},
      preventDestroy: options.preventDestroy,
    });
    plumbingOutputs(new Construct(this, `${options.security.name}-outputs`), security);
    for (const member of options.members) {
      const plumbing = new IncidentResponsePlumbing(this, member.name, {
        regions: accountRegions.get(member.name) ?? [],
        evidenceDestination: security.evidence,
        ...(security.configDestination ? { configDestination: security.configDestination } : {}),
        automaticResponse: {},
        // Each member scans itself and files under scans/<member>/ of the central bucket.
        scheduledScan: {},
        preventDestroy: options.preventDestroy,
      });
      plumbingOutputs(new Construct(this, `${member.name}-outputs`), plumbing);
    }
    if (options.organizationTrail) {
      const trail = new OrganizationTrail(this, 'organization-trail', {
        destination: security.evidence,
        createdBy:
          options.organizationTrail.delegatedAdministrator === undefined
            ? 'management-account'
            : 'delegated-administrator',
        provider: this.organizationTrailProvider(options.organizationTrail, accounts, {
          home: options.regions[0] as string,
          homeProvider,
          providerOf,
        }),
      });
      new TerraformOutput(this, 'organization_trail_arn', { value: trail.trailArn });
    }
    new TerraformOutput(this, 'central_evidence_bucket_name', {
      value: security.evidence.bucketName,
    });
  }

  /**
   * The provider that creates the organization trail: the delegated administrator's, else that
   * of the account of this stack whose id is the management account's, else a provider of its
   * own that assumes the deployment role in the management account.
   */
  private organizationTrailProvider(
    trail: OrganizationTrailOptions,
    accounts: OrganizationAccount[],
    providers: {
      readonly home: string;
      readonly homeProvider: (account: OrganizationAccount) => TerraformProvider | undefined;
      readonly providerOf: (
        account: Pick<OrganizationAccount, 'name' | 'accountId'>,
        region: string,
      ) => TerraformProvider;
    },
  ): TerraformProvider | undefined {
    if (!/^\d{12}$/.test(trail.managementAccountId)) {
      throw new InvalidPropError(
        'OrganizationStack',
        'organizationTrail.managementAccountId',
        trail.managementAccountId,
        'must be a 12-digit account id',
      );
    }
    if (trail.delegatedAdministrator !== undefined) {
      const administrator = accounts.find(
        (account) => account.name === trail.delegatedAdministrator,
      );
      if (!administrator) {
        throw new InvalidPropError(
          'OrganizationStack',
          'organizationTrail.delegatedAdministrator',
          trail.delegatedAdministrator,
          `must name an account of this stack (${accounts.map((account) => account.name).join(', ')})`,
        );
      }
      return providers.homeProvider(administrator);
    }
    const management = accounts.find((account) => account.accountId === trail.managementAccountId);
    if (management) return providers.homeProvider(management);
    if (accounts.some((account) => account.name === 'management')) {
      throw new InvalidPropError(
        'OrganizationStack',
        'organizationTrail.managementAccountId',
        trail.managementAccountId,
        "belongs to no account of this stack, whose name 'management' the management account's provider needs: rename that account",
      );
    }
    return providers.providerOf(
      { name: 'management', accountId: trail.managementAccountId },
      providers.home,
    );
  }
}
