import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { apiName, partitionOfRegion, type AwsClients } from '../../lib/aws/clients';
import { summarizeAwsError } from '../../lib/aws/errors';
import { usableRegions } from '../../lib/aws/region';
import { CredentialsError, UsageError } from '../../lib/errors';
import { loadEc2Sdk } from './ec2-sdk';

/** Who is scanning, in which account and partition. */
export interface Identity {
  readonly account: string;
  readonly partition: string;
  readonly principalArn: string;
}

/**
 * Identifies the caller with sts:GetCallerIdentity.
 *
 * @throws CredentialsError when no credentials are found or AWS rejects them
 */
export async function identify(aws: AwsClients, region: string): Promise<Identity> {
  try {
    const identity = await aws.get(STSClient, region).send(new GetCallerIdentityCommand({}));
    const principalArn = identity.Arn ?? '';
    return {
      account: identity.Account ?? '',
      partition: principalArn.split(':')[1] ?? partitionOfRegion(region),
      principalArn,
    };
  } catch (error) {
    const { name, message } = summarizeAwsError(error);
    throw new CredentialsError(
      `could not identify the AWS account (${apiName({ client: 'STSClient', command: 'GetCallerIdentityCommand' })} in ${region}: ${name}: ${message}); check your credentials, --profile and --region`,
      { cause: error },
    );
  }
}

/**
 * The regions enabled for the account in the caller's partition (ec2:DescribeRegions), leaving
 * out opt-in regions that were never opted into.
 *
 * @throws UsageError when the regions cannot be listed, asking for `--regions`
 */
export async function enabledRegions(
  aws: AwsClients,
  region: string,
  partition: string,
): Promise<string[]> {
  const { DescribeRegionsCommand, EC2Client } = await loadEc2Sdk();
  try {
    const { Regions } = await aws
      .get(EC2Client, region)
      .send(new DescribeRegionsCommand({ AllRegions: false }));
    return usableRegions(Regions ?? [], partition);
  } catch (error) {
    const { name, message } = summarizeAwsError(error);
    throw new UsageError(
      `could not list the account's enabled regions (ec2:DescribeRegions in ${region}: ${name}: ${message}); name them with --regions`,
      { cause: error },
    );
  }
}
