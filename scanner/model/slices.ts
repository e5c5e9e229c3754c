import type { Api } from './apigateway';
import type { CloudFrontDistribution } from './cloudfront';
import type { PolicyResource } from './resource-policy';
import type { ApplicationLoadBalancer } from './elbv2';
import type { RouteTable, VpcPeeringConnection } from './peering';
import type { ContactInformation, SecurityContact } from './account';
import type { CreationEvents } from './creation-events';
import type { MacieSession } from './macie';
import type { FileSystem } from './efs';
import type { DbCluster, DbInstance } from './rds';
import type { Analyzer } from './accessanalyzer';
import type { Instance, NetworkAcl, SecurityGroup, FlowLog, Volume, Vpc, VpcEndpoint } from './ec2';
import type {
  AccountSummary,
  AuthorizationDetails,
  CredentialReport,
  OrganizationsRootFeatures,
  PasswordPolicy,
  ServerCertificate,
  ServiceLastAccessedReport,
  VirtualMfaDevice,
} from './iam';
import type { ConfigRecorder, GuardDutyDetector, KmsKey, Trail } from './logging';
import type { MetricAlarm, MetricFilter, SecurityHubHub, SnsSubscription } from './monitoring';
import type { Organization, OrganizationGovernance, OrganizationPolicies } from './organizations';
import type { EvidenceBucket } from './plumbing';
import type { ForensicAmiParameter, PlumbingConfigRule, ResponderFunction } from './readiness';
import type {
  Bucket,
  BucketLogging,
  BucketVersioning,
  PerBucket,
  PolicyDocument,
  PublicAccessBlock,
} from './s3';

/**
 * Account-wide slices of the inventory, read once per scan in the global region. Each key is
 * what a check names in `needs`.
 */
export interface GlobalSlices {
  credentialReport: CredentialReport;
  authorizationDetails: AuthorizationDetails;
  /** Null when the account has no password policy. */
  passwordPolicy: PasswordPolicy | null;
  accountSummary: AccountSummary;
  buckets: readonly Bucket[];
  /** Null entries: the bucket has no Block Public Access configuration. */
  bucketPublicAccessBlocks: PerBucket<PublicAccessBlock | null>;
  /** Null entries: the bucket has no policy. */
  bucketPolicies: PerBucket<PolicyDocument | null>;
  /** Null entries: server access logging is off. */
  bucketLogging: PerBucket<BucketLogging | null>;
  /** Null when the account has no Block Public Access configuration. */
  accountPublicAccessBlock: PublicAccessBlock | null;
  bucketVersioning: PerBucket<BucketVersioning>;
  virtualMfaDevices: readonly VirtualMfaDevice[];
  serverCertificates: readonly ServerCertificate[];
  /** Null when the account is not a member of an organization. */
  organization: Organization | null;
  /** Null unless the scanned account is the organization's management account. */
  organizationGovernance: OrganizationGovernance | null;
  /** Null when the account is not in an organization or IAM's trusted access is off. */
  organizationsRootFeatures: OrganizationsRootFeatures | null;
  /** Null when no security alternate contact is registered. */
  securityContact: SecurityContact | null;
  contactInformation: ContactInformation;
  /** SCPs and RCPs over the account, where the scanner may read them. */
  organizationPolicies: OrganizationPolicies;
  /** IAM access advisor: services each user and role last used. */
  serviceLastAccessed: ServiceLastAccessedReport;
  /** CloudFront distributions with their access logging. */
  cloudFrontDistributions: readonly CloudFrontDistribution[];
  /** CreateUser, CreateRole and CreateAccessKey events since `createdSince` (CloudTrail). */
  identityCreationEvents: CreationEvents;
}

/** Slices read in every scanned region. */
export interface RegionalSlices {
  trails: readonly Trail[];
  configRecorders: readonly ConfigRecorder[];
  guardDutyDetectors: readonly GuardDutyDetector[];
  vpcs: readonly Vpc[];
  flowLogs: readonly FlowLog[];
  securityGroups: readonly SecurityGroup[];
  networkAcls: readonly NetworkAcl[];
  instances: readonly Instance[];
  ebsEncryptionByDefault: boolean;
  kmsKeys: readonly KmsKey[];
  /** Buckets in the region tagged as the Pyjamas evidence bucket (Resource Groups Tagging API). */
  evidenceBuckets: readonly EvidenceBucket[];
  volumes: readonly Volume[];
  vpcEndpoints: readonly VpcEndpoint[];
  metricFilters: readonly MetricFilter[];
  metricAlarms: readonly MetricAlarm[];
  snsSubscriptions: readonly SnsSubscription[];
  /** Null when Security Hub is not enabled in the region. */
  securityHub: SecurityHubHub | null;
  /** IAM Access Analyzer analyzers of every type; the check keeps the external-access ones. */
  analyzers: readonly Analyzer[];
  dbInstances: readonly DbInstance[];
  dbClusters: readonly DbCluster[];
  fileSystems: readonly FileSystem[];
  /** Null when Macie is not enabled in the region. */
  macieSession: MacieSession | null;
  /** Route tables with only their routes to VPC peering connections. */
  routeTables: readonly RouteTable[];
  vpcPeeringConnections: readonly VpcPeeringConnection[];
  applicationLoadBalancers: readonly ApplicationLoadBalancer[];
  /** Lambda functions tagged as Pyjamas responders. */
  responderFunctions: readonly ResponderFunction[];
  /** Config rules tagged as Pyjamas remediations, with their remediation configurations. */
  plumbingConfigRules: readonly PlumbingConfigRule[];
  /** SSM parameters tagged as the forensic AMI pipeline's, with the image each names. */
  forensicAmiParameters: readonly ForensicAmiParameter[];
  /** REST, HTTP and WebSocket APIs with their stages. */
  apis: readonly Api[];
  /** SQS queues with their access policies. */
  sqsQueues: readonly PolicyResource[];
  /** SNS topics with their access policies. */
  snsTopics: readonly PolicyResource[];
  /** Lambda functions with their resource policies. */
  lambdaFunctions: readonly PolicyResource[];
  /** KMS keys with their key policies. */
  kmsKeyPolicies: readonly PolicyResource[];
  /** EventBridge event buses with their resource policies. */
  eventBuses: readonly PolicyResource[];
  /** RunInstances events since `createdSince` (CloudTrail). */
  instanceLaunchEvents: CreationEvents;
  /** S3 Glacier vaults with their access policies. */
  glacierVaults: readonly PolicyResource[];
  /** Secrets Manager secrets with their resource policies. */
  secrets: readonly PolicyResource[];
}

/** Name of an account-wide slice. */
export type GlobalSliceKey = keyof GlobalSlices;
/** Name of a per-region slice. */
export type RegionalSliceKey = keyof RegionalSlices;
/** Name of any slice: what checks list in `needs`. */
export type SliceKey = GlobalSliceKey | RegionalSliceKey;

/** Whether each slice is read once per account or once per region. */
export const SLICE_SCOPE: { readonly [K in GlobalSliceKey]: 'global' } & {
  readonly [K in RegionalSliceKey]: 'regional';
} = {
  credentialReport: 'global',
  authorizationDetails: 'global',
  passwordPolicy: 'global',
  accountSummary: 'global',
  buckets: 'global',
  bucketPublicAccessBlocks: 'global',
  bucketPolicies: 'global',
  bucketLogging: 'global',
  accountPublicAccessBlock: 'global',
  bucketVersioning: 'global',
  virtualMfaDevices: 'global',
  serverCertificates: 'global',
  organization: 'global',
  organizationGovernance: 'global',
  organizationsRootFeatures: 'global',
  organizationPolicies: 'global',
  serviceLastAccessed: 'global',
  trails: 'regional',
  configRecorders: 'regional',
  guardDutyDetectors: 'regional',
  vpcs: 'regional',
  flowLogs: 'regional',
  securityGroups: 'regional',
  networkAcls: 'regional',
  instances: 'regional',
  ebsEncryptionByDefault: 'regional',
  kmsKeys: 'regional',
  evidenceBuckets: 'regional',
  volumes: 'regional',
  vpcEndpoints: 'regional',
  metricFilters: 'regional',
  metricAlarms: 'regional',
  snsSubscriptions: 'regional',
  securityHub: 'regional',
  analyzers: 'regional',
  dbInstances: 'regional',
  dbClusters: 'regional',
  fileSystems: 'regional',
  macieSession: 'regional',
  securityContact: 'global',
  contactInformation: 'global',
  routeTables: 'regional',
  vpcPeeringConnections: 'regional',
  applicationLoadBalancers: 'regional',
  responderFunctions: 'regional',
  plumbingConfigRules: 'regional',
  forensicAmiParameters: 'regional',
  apis: 'regional',
  cloudFrontDistributions: 'global',
  identityCreationEvents: 'global',
  sqsQueues: 'regional',
  snsTopics: 'regional',
  lambdaFunctions: 'regional',
  kmsKeyPolicies: 'regional',
  eventBuses: 'regional',
  instanceLaunchEvents: 'regional',
  glacierVaults: 'regional',
  secrets: 'regional',
};
