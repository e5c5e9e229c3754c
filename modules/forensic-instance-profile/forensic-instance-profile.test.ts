import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import {
  onlyResourceOfType,
  policyStatements,
  statementWithSid,
  synthScope,
} from '../../test/helpers/cdktf-jest';
import {
  ForensicInstanceProfile,
  type ForensicInstanceProfileProps,
} from './forensic-instance-profile';

const BUCKET = 'arn:aws:s3:::evidence';
const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/1234';

function synthProfile(props: Partial<ForensicInstanceProfileProps> = {}): string {
  return synthScope(
    (scope) =>
      new ForensicInstanceProfile(scope, 'forensic', {
        evidenceBucketArn: BUCKET,
        evidenceKmsKeyArn: KEY,
        ...props,
      }),
  );
}

function allowedActions(synthesized: string): string[] {
  return policyStatements(onlyResourceOfType(synthesized, 'aws_iam_role_policy')).flatMap(
    (statement) => {
      expect(statement.Effect).toBe('Allow');
      return typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
    },
  );
}

describe('ForensicInstanceProfile', () => {
  test('creates an instance profile for EC2 tagged for responders', () => {
    expect(synthProfile()).toHaveResourceWithProperties(IamInstanceProfile, {
      name: 'pyjamas-forensic-workstation',
      tags: { 'pyjamas:component': 'forensic-instance-profile', 'pyjamas:managed-by': 'pyjamas' },
    });
  });

  test('allows reading snapshots, creating and attaching volumes and writing evidence, and nothing else', () => {
    expect(new Set(allowedActions(synthProfile()))).toEqual(
      new Set([
        'ec2:DescribeSnapshots',
        'ec2:DescribeVolumes',
        'ebs:ListSnapshotBlocks',
        'ebs:ListChangedBlocks',
        'ebs:GetSnapshotBlock',
        'ec2:CreateVolume',
        'ec2:CreateTags',
        'ec2:AttachVolume',
        'kms:CreateGrant',
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:ReEncrypt*',
        's3:PutObject',
        'kms:GenerateDataKey',
      ]),
    );
  });

  test('writes evidence only into the evidence bucket, encrypted with its key', () => {
    const statements = policyStatements(onlyResourceOfType(synthProfile(), 'aws_iam_role_policy'));
    expect(statementWithSid(statements, 'WriteEvidence').Resource).toBe(`${BUCKET}/*`);
    expect(statementWithSid(statements, 'EncryptEvidence').Resource).toBe(KEY);
  });

  test('attaches volumes only to instances that carry this instance profile', () => {
    const statements = policyStatements(onlyResourceOfType(synthProfile(), 'aws_iam_role_policy'));
    expect(statementWithSid(statements, 'AttachToWorkstationsOnly').Condition).toEqual({
      ArnEquals: {
        'ec2:InstanceProfile': expect.stringMatching(
          /:instance-profile\/pyjamas-forensic-workstation$/,
        ),
      },
    });
  });

  test('uses snapshot keys only through EC2', () => {
    const statements = policyStatements(onlyResourceOfType(synthProfile(), 'aws_iam_role_policy'));
    expect(statementWithSid(statements, 'UseSnapshotKeysThroughEc2').Condition).toEqual({
      StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' },
    });
  });

  test('attaches no managed policy unless SSM management is asked for', () => {
    expect(synthProfile()).not.toHaveResource(IamRolePolicyAttachment);
    expect(synthProfile({ ssmManaged: true })).toHaveResourceWithProperties(
      IamRolePolicyAttachment,
      {
        policy_arn: expect.stringMatching(/:iam::aws:policy\/AmazonSSMManagedInstanceCore$/),
      },
    );
  });

  test('rejects a name prefix IAM would not accept', () => {
    expect(() => synthProfile({ namePrefix: 'forensics_' })).toThrow(
      /ForensicInstanceProfile: namePrefix must be 1 to 24 lowercase letters, digits or hyphens, starting with a letter, got "forensics_"/,
    );
  });
});
