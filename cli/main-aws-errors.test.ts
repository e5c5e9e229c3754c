import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { memoryIO } from '../test/helpers/memory-io';
import { main } from './main';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
// The read's other calls of the same wave answer nothing: unmocked, they would go to the network
// and be retried as a response's calls are.
const autoScaling = mockClient(AutoScalingClient);
const classicLoadBalancing = mockClient(ElasticLoadBalancingClient);
const loadBalancing = mockClient(ElasticLoadBalancingV2Client);
const iam = mockClient(IAMClient);
const denied = (message: string) =>
  Object.assign(new Error(message), {
    name: 'UnauthorizedOperation',
    $metadata: { httpStatusCode: 403, requestId: 'req-9' },
  });

beforeEach(() => {
  sts.reset();
  ec2.reset();
  autoScaling.reset().onAnyCommand().resolves({});
  classicLoadBalancing.reset().onAnyCommand().resolves({});
  loadBalancing.reset().onAnyCommand().resolves({});
  iam.reset().onAnyCommand().resolves({});
});

describe('AWS errors on the command line', () => {
  test('an AWS error before the first step says what AWS answered and that nothing changed, exit 2', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:iam::1:user/responder' });
    ec2
      .on(DescribeInstancesCommand)
      .rejects(denied('You are not authorized to perform this operation.'));
    const io = memoryIO();
    const code = await main(
      [
        'isolate-instance',
        'i-0123456789abcdef0',
        '--case',
        'IR-1',
        '--region',
        'us-east-1',
        '--yes',
        '--no-evidence-bucket',
      ],
      io,
    );
    expect(io.err()).toBe(
      'pyjamas: could not run, nothing was changed: UnauthorizedOperation: You are not authorized to perform this operation. (HTTP 403, request id req-9)\n',
    );
    expect(code).toBe(2);
  });
});
