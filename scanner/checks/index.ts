import type { Check } from '../model/check';
import { ACCESSANALYZER_CHECKS } from './accessanalyzer';
import { ACCOUNT_CHECKS } from './account';
import { APIGATEWAY_CHECKS } from './apigateway';
import { CLOUDFRONT_CHECKS } from './cloudfront';
import { CLOUDTRAIL_CHECKS } from './cloudtrail';
import { CLOUDWATCH_CHECKS } from './cloudwatch';
import { CONFIG_CHECKS } from './config';
import { EC2_CHECKS } from './ec2';
import { EFS_CHECKS } from './efs';
import { ELBV2_CHECKS } from './elbv2';
import { EVENTBRIDGE_CHECKS } from './eventbridge';
import { GLACIER_CHECKS } from './glacier';
import { GUARDDUTY_CHECKS } from './guardduty';
import { IAM_CHECKS } from './iam';
import { KMS_CHECKS } from './kms';
import { LAMBDA_CHECKS } from './lambda';
import { MACIE_CHECKS } from './macie';
import { ORGANIZATIONS_CHECKS } from './organizations';
import { RDS_CHECKS } from './rds';
import { READINESS_CHECKS } from './readiness';
import { S3_CHECKS } from './s3';
import { SECRETSMANAGER_CHECKS } from './secretsmanager';
import { SECURITYHUB_CHECKS } from './securityhub';
import { SNS_CHECKS } from './sns';
import { SQS_CHECKS } from './sqs';
import { VPC_CHECKS } from './vpc';

/** Every check Pyjamas ships, grouped by service. */
export const ALL_CHECKS: readonly Check[] = [
  ...IAM_CHECKS,
  ...ACCOUNT_CHECKS,
  ...ACCESSANALYZER_CHECKS,
  ...S3_CHECKS,
  ...CLOUDTRAIL_CHECKS,
  ...CLOUDWATCH_CHECKS,
  ...CONFIG_CHECKS,
  ...GUARDDUTY_CHECKS,
  ...SECURITYHUB_CHECKS,
  ...ORGANIZATIONS_CHECKS,
  ...KMS_CHECKS,
  ...VPC_CHECKS,
  ...EC2_CHECKS,
  ...RDS_CHECKS,
  ...EFS_CHECKS,
  ...MACIE_CHECKS,
  ...ELBV2_CHECKS,
  ...APIGATEWAY_CHECKS,
  ...CLOUDFRONT_CHECKS,
  ...SQS_CHECKS,
  ...SNS_CHECKS,
  ...LAMBDA_CHECKS,
  ...EVENTBRIDGE_CHECKS,
  ...GLACIER_CHECKS,
  ...SECRETSMANAGER_CHECKS,
  ...READINESS_CHECKS,
];
