import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { onlyResourceOfType, policyStatements, synthScope } from '../../test/helpers/cdktf-jest';
import {
  QuarantineInstanceProfile,
  type QuarantineInstanceProfileProps,
} from './quarantine-instance-profile';

function synthProfile(props: QuarantineInstanceProfileProps = {}): string {
  return synthScope((scope) => new QuarantineInstanceProfile(scope, 'quarantine', props));
}

describe('QuarantineInstanceProfile', () => {
  test('creates an instance profile for EC2 tagged for responders', () => {
    const synthesized = synthProfile();
    expect(synthesized).toHaveResourceWithProperties(IamInstanceProfile, {
      name: 'pyjamas-quarantine',
      tags: { 'pyjamas:component': 'quarantine-instance-profile', 'pyjamas:managed-by': 'pyjamas' },
    });
    expect(
      policyStatements(onlyResourceOfType(synthesized, 'aws_iam_role'), 'assume_role_policy'),
    ).toEqual([
      {
        Sid: 'ServiceAssumesRole',
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ]);
  });

  test('gives the role one policy, which denies every action on every resource', () => {
    const synthesized = synthProfile();
    expect(policyStatements(onlyResourceOfType(synthesized, 'aws_iam_role_policy'))).toEqual([
      { Sid: 'DenyEverything', Effect: 'Deny', Action: '*', Resource: '*' },
    ]);
    expect(onlyResourceOfType(synthesized, 'aws_iam_role').managed_policy_arns).toBeUndefined();
  });

  test('names the role and profile after the prefix given', () => {
    expect(synthProfile({ namePrefix: 'ir' })).toHaveResourceWithProperties(IamRole, {
      name: 'ir-quarantine',
    });
  });

  test('rejects a name prefix IAM would not accept', () => {
    expect(() => synthProfile({ namePrefix: 'IR team' })).toThrow(
      /QuarantineInstanceProfile: namePrefix must be 1 to 24 lowercase letters, digits or hyphens, starting with a letter, got "IR team"/,
    );
  });
});
