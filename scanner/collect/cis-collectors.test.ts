import {
  CloudWatchLogsClient,
  DescribeMetricFiltersCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ListSubscriptionsCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { virtualMfaDevices } from './iam-account';
import { metricFilters, securityHub, snsSubscriptions } from './monitoring';
import { organization, organizationGovernance } from './organizations';

const iam = mockClient(IAMClient);
const logs = mockClient(CloudWatchLogsClient);
const sns = mockClient(SNSClient);
const hub = mockClient(SecurityHubClient);
const orgs = mockClient(OrganizationsClient);

beforeEach(() => {
  for (const mock of [iam, logs, sns, hub, orgs]) mock.reset();
});

const awsError = (name: string, message = `${name} from AWS`) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

describe('the CIS collectors', () => {
  test('list virtual MFA devices of every page with their users', async () => {
    iam
      .on(ListVirtualMFADevicesCommand)
      .resolvesOnce({
        VirtualMFADevices: [
          { SerialNumber: 'a', User: { Arn: 'arn:aws:iam::123456789012:root' } as never },
        ],
        IsTruncated: true,
        Marker: 'm',
      })
      .resolves({ VirtualMFADevices: [{ SerialNumber: 'b' }] });
    expect(await virtualMfaDevices.collect(collectContext())).toEqual([
      { serialNumber: 'a', userArn: 'arn:aws:iam::123456789012:root' },
      { serialNumber: 'b', userArn: null },
    ]);
  });

  test('read metric filters and subscriptions of a region', async () => {
    logs.on(DescribeMetricFiltersCommand).resolves({
      metricFilters: [
        {
          filterName: 'f',
          logGroupName: 'g',
          filterPattern: '{ $.x = 1 }',
          metricTransformations: [{ metricName: 'm', metricNamespace: 'n', metricValue: '1' }],
        },
      ],
    });
    sns.on(ListSubscriptionsCommand).resolves({
      Subscriptions: [{ TopicArn: 't', SubscriptionArn: 'PendingConfirmation', Protocol: 'email' }],
    });
    const ctx = collectContext();
    expect(await metricFilters.collect(ctx, 'us-east-1')).toEqual([
      {
        name: 'f',
        logGroupName: 'g',
        pattern: '{ $.x = 1 }',
        metrics: [{ name: 'm', namespace: 'n' }],
      },
    ]);
    expect(await snsSubscriptions.collect(ctx, 'us-east-1')).toEqual([
      { topicArn: 't', subscriptionArn: 'PendingConfirmation', protocol: 'email' },
    ]);
  });

  test('read Security Hub as off only when AWS says the account is not subscribed', async () => {
    hub
      .on(DescribeHubCommand)
      .rejects(
        awsError(
          'InvalidAccessException',
          'Account 123456789012 is not subscribed to AWS Security Hub',
        ),
      );
    expect(await securityHub.collect(collectContext(), 'us-east-1')).toBeNull();
    hub.reset();
    hub.on(DescribeHubCommand).rejects(awsError('AccessDeniedException'));
    await expect(securityHub.collect(collectContext(), 'us-east-1')).rejects.toThrow(
      /AccessDeniedException/,
    );
  });

  test('read an account outside any organization as null and skip governance there', async () => {
    orgs.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException'));
    expect(await organization.collect(collectContext())).toBeNull();
    expect(await organizationGovernance.collect(collectContext({ organization: null }))).toBeNull();
    expect(orgs.calls()).toHaveLength(1);
  });
});
