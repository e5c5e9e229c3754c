import { AwsProvider, type AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';

/** AWS services the plumbing calls; an emulator must answer for each of them. */
export const PLUMBING_SERVICES = [
  'cloudtrail',
  'cloudwatch',
  'configservice',
  'ec2',
  'events',
  'guardduty',
  'iam',
  'kms',
  'lambda',
  'logs',
  's3',
  'sns',
  'sqs',
  'ssm',
  'sts',
] as const;

/** Where one AWS provider configuration points. */
export interface PlumbingProviderOptions {
  /** Region of the provider. */
  readonly region: string;

  /**
   * Alias of the provider; resources pick it with their `provider` prop.
   *
   * @default - the default provider of the stack
   */
  readonly alias?: string;

  /**
   * Role the provider assumes, e.g. a member account's deployment role in an organization.
   *
   * @default - the caller's own credentials
   */
  readonly assumeRoleArn?: string;

  /**
   * Accounts the provider may act in: Terraform stops before any change when the credentials
   * (or the assumed role) belong to another account, so a stack meant for one account can never
   * be applied to another by a wrong profile.
   *
   * @default - any account
   */
  readonly allowedAccountIds?: string[];

  /**
   * Endpoint of an AWS emulator such as moto_server. Every service in {@link PLUMBING_SERVICES}
   * is sent there with fake credentials, and retries are capped so that an API the emulator
   * does not implement fails within seconds instead of being retried for many minutes.
   *
   * @default - the real AWS endpoints
   */
  readonly emulatorEndpoint?: string;
}

/** Creates an AWS provider for a region, an optional assumed role and an optional emulator. */
export function plumbingProvider(
  scope: Construct,
  id: string,
  options: PlumbingProviderOptions,
): AwsProvider {
  const config: AwsProviderConfig = {
    region: options.region,
    alias: options.alias,
    assumeRole: options.assumeRoleArn
      ? [{ roleArn: options.assumeRoleArn, sessionName: 'pyjamas-deploy' }]
      : undefined,
    allowedAccountIds: options.allowedAccountIds,
  };
  if (!options.emulatorEndpoint) return new AwsProvider(scope, id, config);
  const endpoint = options.emulatorEndpoint;
  return new AwsProvider(scope, id, {
    ...config,
    accessKey: 'testing',
    secretKey: 'testing',
    skipCredentialsValidation: true,
    skipMetadataApiCheck: 'true',
    skipRegionValidation: true,
    s3UsePathStyle: true,
    maxRetries: 2,
    endpoints: [Object.fromEntries(PLUMBING_SERVICES.map((service) => [service, endpoint]))],
  });
}
