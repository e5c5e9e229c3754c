import {
  ConfigServiceClient,
  DescribeConfigRulesCommand,
  DescribeRemediationConfigurationsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-config-service';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { forensicAmiParameters, plumbingConfigRules, responderFunctions } from './readiness';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const lambda = mockClient(LambdaClient);
const config = mockClient(ConfigServiceClient);
const ssm = mockClient(SSMClient);
const ec2 = mockClient(EC2Client);
const awsError = (name: string) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });
const RULE_ARN = (id: string) => `arn:aws:config:us-east-1:123456789012:config-rule/${id}`;

beforeEach(() => {
  for (const mock of [tagging, lambda, config, ssm, ec2]) mock.reset();
});

describe('the responder function collector', () => {
  test('finds functions by the plumbing tag and reads whether each enforces', async () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:pyjamas-isolate-guardduty';
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: arn }] });
    lambda.on(GetFunctionConfigurationCommand).resolves({
      FunctionName: 'pyjamas-isolate-guardduty',
      Environment: { Variables: { PYJAMAS_ENFORCE: 'false' } },
    });
    expect(await responderFunctions.collect(collectContext(), 'us-east-1')).toEqual([
      { name: 'pyjamas-isolate-guardduty', arn, enforcing: false },
    ]);
    expect(tagging.commandCalls(GetResourcesCommand)[0]?.args[0].input).toEqual({
      TagFilters: [{ Key: 'pyjamas:component', Values: ['responder-function'] }],
      ResourceTypeFilters: ['lambda:function'],
    });
  });
});

describe('the Config rule collector', () => {
  beforeEach(() => {
    config.on(DescribeConfigRulesCommand).resolves({
      ConfigRules: [
        {
          ConfigRuleName: 'pyjamas-quarantined-instance-isolated',
          ConfigRuleArn: RULE_ARN('a'),
          ConfigRuleState: 'ACTIVE',
          Source: undefined,
        },
        { ConfigRuleName: 'someone-elses', ConfigRuleArn: RULE_ARN('b'), Source: undefined },
      ],
    });
    config
      .on(ListTagsForResourceCommand, { ResourceArn: RULE_ARN('a') })
      .resolves({ Tags: [{ Key: 'pyjamas:component', Value: 'config-remediation' }] })
      .on(ListTagsForResourceCommand, { ResourceArn: RULE_ARN('b') })
      .resolves({ Tags: [] });
  });

  test('keeps only the tagged rules, each with its remediation', async () => {
    config.on(DescribeRemediationConfigurationsCommand).resolves({
      RemediationConfigurations: [
        {
          ConfigRuleName: 'pyjamas-quarantined-instance-isolated',
          TargetType: 'SSM_DOCUMENT',
          TargetId: 'pyjamas-isolate',
          Automatic: true,
        },
      ],
    });
    expect(await plumbingConfigRules.collect(collectContext(), 'us-east-1')).toEqual([
      {
        name: 'pyjamas-quarantined-instance-isolated',
        arn: RULE_ARN('a'),
        state: 'ACTIVE',
        remediation: { ok: true, data: { targetId: 'pyjamas-isolate', automatic: true } },
      },
    ]);
    expect(config.commandCalls(DescribeRemediationConfigurationsCommand)[0]?.args[0].input).toEqual(
      { ConfigRuleNames: ['pyjamas-quarantined-instance-isolated'] },
    );
  });

  test('keeps the rule when its remediations cannot be read, with the error', async () => {
    config.on(DescribeRemediationConfigurationsCommand).rejects(awsError('AccessDeniedException'));
    const [rule] = await plumbingConfigRules.collect(collectContext(), 'us-east-1');
    expect(rule?.remediation).toMatchObject({
      ok: false,
      error: { api: 'config:DescribeRemediationConfigurations', name: 'AccessDeniedException' },
    });
  });
});

describe('the forensic AMI collector', () => {
  const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/pyjamas/forensic-ami/latest';
  beforeEach(() => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: arn }] });
    ssm
      .on(GetParameterCommand, { Name: '/pyjamas/forensic-ami/latest' })
      .resolves({ Parameter: { Value: 'ami-0abc' } });
  });

  test('reads the image the parameter names and when it was created', async () => {
    ec2.on(DescribeImagesCommand).resolves({
      Images: [{ ImageId: 'ami-0abc', CreationDate: '2026-05-28T00:00:00.000Z' }],
    });
    expect(await forensicAmiParameters.collect(collectContext(), 'us-east-1')).toEqual([
      {
        name: '/pyjamas/forensic-ami/latest',
        arn,
        imageId: 'ami-0abc',
        image: { ok: true, data: { creationDate: '2026-05-28T00:00:00.000Z' } },
      },
    ]);
  });

  test('records a deregistered image as missing, since EC2 answers it with an error', async () => {
    ec2.on(DescribeImagesCommand).rejects(awsError('InvalidAMIID.NotFound'));
    const [parameter] = await forensicAmiParameters.collect(collectContext(), 'us-east-1');
    expect(parameter?.image).toEqual({ ok: true, data: null });
  });
});
