import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { DataAwsOrganizationsDelegatedAdministrators } from '@cdktf/provider-aws/lib/data-aws-organizations-delegated-administrators';
import { resourcesOfType, synthScope } from '../../test/helpers/cdktf-jest';
import { OrganizationTrail } from './organization-trail';

const destination = {
  bucketName: 'central-evidence',
  bucketArn: 'arn:aws:s3:::central-evidence',
  kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/evidence',
  deliveryDependencies: [],
};

describe('OrganizationTrail', () => {
  test('records every account of the organization in every region into the central bucket, signed and encrypted', () => {
    const synthesized = synthScope(
      (scope) => new OrganizationTrail(scope, 'organization-trail', { destination }),
    );
    expect(synthesized).toHaveResourceWithProperties(Cloudtrail, {
      name: 'pyjamas-organization-trail',
      s3_bucket_name: 'central-evidence',
      kms_key_id: destination.kmsKeyArn,
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      event_selector: [{ read_write_type: 'All', include_management_events: true }],
    });
    expect(resourcesOfType(synthesized, 'aws_cloudtrail')[0]?.cloud_watch_logs_group_arn).toBe(
      undefined,
    );
  });

  test('stops the plan unless the management account creates it in an organization with all features and CloudTrail trusted', () => {
    const synthesized = synthScope(
      (scope) => new OrganizationTrail(scope, 'organization-trail', { destination }),
    );
    const [trail] = resourcesOfType(synthesized, 'aws_cloudtrail');
    const conditions = (trail?.lifecycle as { precondition: Record<string, string>[] })
      .precondition;
    expect(conditions).toEqual([
      {
        condition: expect.stringMatching(
          /^\$\{\(data\.aws_caller_identity\.[^.]+\.account_id == data\.aws_organizations_organization\.[^.]+\.master_account_id\)\}$/,
        ),
        error_message: expect.stringContaining('is not the management account'),
      },
      {
        condition: expect.stringMatching(/\.feature_set == "ALL"/),
        error_message: expect.stringContaining('enable all features'),
      },
      {
        condition: expect.stringMatching(
          /^\$\{contains\(tolist\(data\.aws_organizations_organization\.[^.]+\.aws_service_access_principals\), "cloudtrail\.amazonaws\.com"\)\}$/,
        ),
        error_message: expect.stringContaining(
          'aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com',
        ),
      },
    ]);
  });

  test("stops the plan unless a delegated administrator's account is registered as CloudTrail's", () => {
    const synthesized = synthScope(
      (scope) =>
        new OrganizationTrail(scope, 'organization-trail', {
          destination,
          createdBy: 'delegated-administrator',
        }),
    );
    expect(synthesized).toHaveDataSourceWithProperties(
      DataAwsOrganizationsDelegatedAdministrators,
      {
        service_principal: 'cloudtrail.amazonaws.com',
      },
    );
    const [trail] = resourcesOfType(synthesized, 'aws_cloudtrail');
    expect(trail?.lifecycle).toEqual({
      precondition: [
        {
          condition: expect.stringMatching(
            /^\$\{contains\(tolist\(data\.aws_organizations_delegated_administrators\.[^.]+\.delegated_administrators\)\[\*\]\.id, data\.aws_caller_identity\.[^.]+\.account_id\)\}$/,
          ),
          error_message: expect.stringContaining(
            'aws cloudtrail register-organization-delegated-admin',
          ),
        },
      ],
    });
  });

  test('refuses a name prefix that AWS names cannot hold', () => {
    expect(() =>
      synthScope(
        (scope) =>
          new OrganizationTrail(scope, 'organization-trail', { destination, namePrefix: 'Bad_' }),
      ),
    ).toThrow(/namePrefix/);
  });
});
