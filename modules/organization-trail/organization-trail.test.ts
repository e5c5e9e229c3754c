import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
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

  test('refuses a name prefix that AWS names cannot hold', () => {
    expect(() =>
      synthScope(
        (scope) =>
          new OrganizationTrail(scope, 'organization-trail', { destination, namePrefix: 'Bad_' }),
      ),
    ).toThrow(/namePrefix/);
  });
});
