import {
  ConfigServiceClient,
  DescribeRemediationConfigurationsCommand,
  ListTagsForResourceCommand,
  paginateDescribeConfigRules,
  type RemediationConfiguration,
} from '@aws-sdk/client-config-service';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { hasAwsErrorName } from '../../lib/aws/errors';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY } from '../../lib/plumbing-tags';
import type { Fetched } from '../model/inventory';
import type {
  ForensicAmiParameter,
  PlumbingConfigRule,
  RemediationSettings,
  ResponderFunction,
} from '../model/readiness';
import { fetchDetail, type RegionalCollector } from './collector';
import { loadEc2Sdk } from './ec2-sdk';
import { taggedArns } from './plumbing';

/** DescribeRemediationConfigurations takes at most 25 rule names per call. */
const REMEDIATION_NAMES_PER_CALL = 25;

/** The responder functions of a region and whether each enforces. */
export const responderFunctions: RegionalCollector<'responderFunctions'> = {
  scope: 'regional',
  apis: ['tag:GetResources', 'lambda:GetFunctionConfiguration'],
  async collect(ctx, region) {
    const arns = await taggedArns(
      ctx,
      region,
      'lambda:function',
      PLUMBING_COMPONENTS.responderFunction,
    );
    const lambda = ctx.aws.get(LambdaClient, region);
    return Promise.all(
      arns.map(async (arn): Promise<ResponderFunction> => {
        const config = await lambda.send(
          new GetFunctionConfigurationCommand({ FunctionName: arn }),
        );
        return {
          name: config.FunctionName ?? arn.split(':').at(-1) ?? arn,
          arn,
          enforcing: config.Environment?.Variables?.PYJAMAS_ENFORCE === 'true',
        };
      }),
    );
  },
};

/**
 * A region's Config rules tagged as Pyjamas remediations, with each rule's remediation. Config
 * rules are not in the Resource Groups Tagging API, so each rule's tags are read. moto 5.2.1 has
 * no DescribeRemediationConfigurations: the remediations then read as an error, per rule.
 */
export const plumbingConfigRules: RegionalCollector<'plumbingConfigRules'> = {
  scope: 'regional',
  apis: [
    'config:DescribeConfigRules',
    'config:ListTagsForResource',
    'config:DescribeRemediationConfigurations',
  ],
  async collect(ctx, region) {
    const client = ctx.aws.get(ConfigServiceClient, region);
    const rules: { name: string; arn: string; state: string }[] = [];
    for await (const page of paginateDescribeConfigRules({ client }, {})) {
      for (const rule of page.ConfigRules ?? []) {
        if (!rule.ConfigRuleName || !rule.ConfigRuleArn) continue;
        rules.push({
          name: rule.ConfigRuleName,
          arn: rule.ConfigRuleArn,
          state: rule.ConfigRuleState ?? 'ACTIVE',
        });
      }
    }
    const tagged = (
      await Promise.all(
        rules.map(async (rule) => {
          const { Tags = [] } = await client.send(
            new ListTagsForResourceCommand({ ResourceArn: rule.arn }),
          );
          const ours = Tags.some(
            (tag) =>
              tag.Key === PLUMBING_TAG_KEY && tag.Value === PLUMBING_COMPONENTS.configRemediation,
          );
          return ours ? rule : null;
        }),
      )
    ).filter((rule) => rule !== null);
    const batches: (typeof tagged)[] = [];
    for (let start = 0; start < tagged.length; start += REMEDIATION_NAMES_PER_CALL)
      batches.push(tagged.slice(start, start + REMEDIATION_NAMES_PER_CALL));
    const read = await Promise.all(
      batches.map((batch) =>
        fetchDetail('config:DescribeRemediationConfigurations', region, async () => {
          const { RemediationConfigurations = [] } = await client.send(
            new DescribeRemediationConfigurationsCommand({
              ConfigRuleNames: batch.map((rule) => rule.name),
            }),
          );
          return RemediationConfigurations;
        }),
      ),
    );
    return batches.flatMap((batch, index) =>
      batch.map((rule): PlumbingConfigRule => {
        const fetched = read[index] as Fetched<RemediationConfiguration[]>;
        return {
          ...rule,
          remediation: fetched.ok
            ? { ok: true, data: remediationOf(fetched.data, rule.name) }
            : fetched,
        };
      }),
    );
  },
};

function remediationOf(
  configurations: readonly RemediationConfiguration[],
  ruleName: string,
): RemediationSettings | null {
  const found = configurations.find((configuration) => configuration.ConfigRuleName === ruleName);
  return found ? { targetId: found.TargetId ?? '', automatic: found.Automatic === true } : null;
}

/** The forensic AMI parameters of a region and when the image each names was created. */
export const forensicAmiParameters: RegionalCollector<'forensicAmiParameters'> = {
  scope: 'regional',
  apis: ['tag:GetResources', 'ssm:GetParameter', 'ec2:DescribeImages'],
  async collect(ctx, region) {
    const arns = await taggedArns(
      ctx,
      region,
      'ssm:parameter',
      PLUMBING_COMPONENTS.forensicAmiPipeline,
    );
    if (arns.length === 0) return [];
    const ssm = ctx.aws.get(SSMClient, region);
    const { DescribeImagesCommand, EC2Client } = await loadEc2Sdk();
    const ec2 = ctx.aws.get(EC2Client, region);
    return Promise.all(
      arns.map(async (arn): Promise<ForensicAmiParameter> => {
        // A parameter ARN is arn:…:parameter/<name without its leading slash>.
        const name = `/${arn.split(':parameter/')[1] ?? ''}`;
        const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
        const imageId = Parameter?.Value ?? '';
        const image = await fetchDetail('ec2:DescribeImages', region, async () => {
          try {
            const { Images = [] } = await ec2.send(
              new DescribeImagesCommand({ ImageIds: [imageId] }),
            );
            const created = Images[0]?.CreationDate;
            return created ? { creationDate: created } : null;
          } catch (error) {
            // EC2 answers a deregistered (or never valid) image id with an error, not an empty list.
            if (hasAwsErrorName(error, ['InvalidAMIID.NotFound', 'InvalidAMIID.Malformed']))
              return null;
            throw error;
          }
        });
        return { name, arn, imageId, image };
      }),
    );
  },
};
