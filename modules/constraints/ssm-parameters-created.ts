import type { ConstraintRule } from './rule';
import { allResources, asList, resourcesOf, stringsIn } from './synthesized-terraform';

const RESOLVE_SSM = /^resolve:ssm:([^:\s]+)/;

/**
 * Every `resolve:ssm:` parameter a resource uses is created by the stack, before the resource.
 * Public parameters under `/aws/service/` exist in every account and are exempt.
 */
export const ssmParametersCreated: ConstraintRule = {
  id: 'ssm-parameters-created',
  description:
    'A launch template that resolves an SSM parameter is refused when the parameter does not exist yet.',
  documentation:
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-systems-manager-parameter-to-find-AMI.html',
  check(document) {
    const parameters = resourcesOf(document, 'aws_ssm_parameter');
    return allResources(document).flatMap(({ address, block }) =>
      stringsIn(block).flatMap((value) => {
        const name = RESOLVE_SSM.exec(value)?.[1];
        if (name === undefined || name.startsWith('/aws/service/')) return [];
        const parameter = parameters.find((candidate) => candidate.block.name === name);
        if (!parameter) {
          return [
            {
              rule: this.id,
              address,
              message: `resolves ${name}, which the stack does not create: create the parameter (aws_ssm_parameter) in the stack.`,
            },
          ];
        }
        const dependsOn = asList(block.depends_on as string | string[] | undefined);
        if (dependsOn.includes(parameter.address)) return [];
        return [
          {
            rule: this.id,
            address,
            message: `resolves ${name} without depending on ${parameter.address}: Terraform may create it first.`,
          },
        ];
      }),
    );
  },
};
