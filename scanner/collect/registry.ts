import { analyzers } from './accessanalyzer';
import * as accountContacts from './account-contacts';
import { apis } from './apigateway';
import { serviceLastAccessed } from './access-advisor';
import { cloudFrontDistributions } from './cloudfront';
import type { CollectorRegistry } from './collector';
import { CREATION_EVENT_COLLECTORS } from './creation-events';
import * as ec2 from './ec2';
import { fileSystems } from './efs';
import { applicationLoadBalancers } from './elbv2';
import * as iam from './iam';
import * as iamAccount from './iam-account';
import * as logging from './logging';
import { macieSession } from './macie';
import * as monitoring from './monitoring';
import * as organizations from './organizations';
import * as peering from './peering';
import * as plumbing from './plumbing';
import * as rds from './rds';
import * as readiness from './readiness';
import * as resourcePolicies from './resource-policies';
import * as s3 from './s3';

/** The collector of every inventory slice. */
export const COLLECTORS: CollectorRegistry = {
  credentialReport: iam.credentialReport,
  authorizationDetails: iam.authorizationDetails,
  passwordPolicy: iam.passwordPolicy,
  accountSummary: iam.accountSummary,
  buckets: s3.buckets,
  bucketPublicAccessBlocks: s3.bucketPublicAccessBlocks,
  bucketPolicies: s3.bucketPolicies,
  bucketLogging: s3.bucketLogging,
  accountPublicAccessBlock: s3.accountPublicAccessBlock,
  organizationPolicies: organizations.organizationPolicies,
  serviceLastAccessed,
  trails: logging.trails,
  configRecorders: logging.configRecorders,
  guardDutyDetectors: logging.guardDutyDetectors,
  kmsKeys: logging.kmsKeys,
  vpcs: ec2.vpcs,
  flowLogs: ec2.flowLogs,
  securityGroups: ec2.securityGroups,
  networkAcls: ec2.networkAcls,
  instances: ec2.instances,
  ebsEncryptionByDefault: ec2.ebsEncryptionByDefault,
  evidenceBuckets: plumbing.evidenceBuckets,
  bucketVersioning: s3.bucketVersioning,
  virtualMfaDevices: iamAccount.virtualMfaDevices,
  serverCertificates: iamAccount.serverCertificates,
  organizationsRootFeatures: iamAccount.organizationsRootFeatures,
  organization: organizations.organization,
  organizationGovernance: organizations.organizationGovernance,
  volumes: ec2.volumes,
  vpcEndpoints: ec2.vpcEndpoints,
  metricFilters: monitoring.metricFilters,
  metricAlarms: monitoring.metricAlarms,
  snsSubscriptions: monitoring.snsSubscriptions,
  securityHub: monitoring.securityHub,
  analyzers,
  dbInstances: rds.dbInstances,
  dbClusters: rds.dbClusters,
  fileSystems,
  macieSession,
  securityContact: accountContacts.securityContact,
  contactInformation: accountContacts.contactInformation,
  routeTables: peering.routeTables,
  vpcPeeringConnections: peering.vpcPeeringConnections,
  applicationLoadBalancers,
  responderFunctions: readiness.responderFunctions,
  plumbingConfigRules: readiness.plumbingConfigRules,
  forensicAmiParameters: readiness.forensicAmiParameters,
  apis,
  cloudFrontDistributions,
  sqsQueues: resourcePolicies.sqsQueues,
  snsTopics: resourcePolicies.snsTopics,
  lambdaFunctions: resourcePolicies.lambdaFunctions,
  kmsKeyPolicies: resourcePolicies.kmsKeyPolicies,
  eventBuses: resourcePolicies.eventBuses,
  ...CREATION_EVENT_COLLECTORS,
  glacierVaults: resourcePolicies.glacierVaults,
  secrets: resourcePolicies.secrets,
};
