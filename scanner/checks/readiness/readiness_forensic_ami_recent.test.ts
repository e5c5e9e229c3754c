import {
  daysAgo,
  failed,
  fetched,
  inventoryOf,
  runCheck,
  verdicts,
} from '../../../test/fixtures/inventory';
import type { ForensicAmiParameter } from '../../model/readiness';
import check from './readiness_forensic_ami_recent';

const NAME = '/pyjamas/forensic-ami/latest';
const parameter = (image: ForensicAmiParameter['image']): ForensicAmiParameter => ({
  name: NAME,
  arn: `arn:aws:ssm:us-east-1:123456789012:parameter${NAME}`,
  imageId: 'ami-0123456789abcdef0',
  image,
});
const scan = (parameters: ForensicAmiParameter[], maxForensicAmiAgeDays = 14) =>
  runCheck(
    check,
    inventoryOf({ regional: { 'us-east-1': { forensicAmiParameters: parameters } } }),
    { maxForensicAmiAgeDays },
  );

describe('readiness_forensic_ami_recent', () => {
  test('passes an AMI built within the configured age', () => {
    expect(verdicts(scan([parameter(fetched({ creationDate: daysAgo(6) }))]))).toEqual([
      ['PASS', NAME],
    ]);
  });

  test('fails an AMI older than the configured age', () => {
    expect(scan([parameter(fetched({ creationDate: daysAgo(6) }))], 5)[0]).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(/6 days old, older than 5 days/),
    });
  });

  test('fails a parameter that names an image that no longer exists', () => {
    expect(scan([parameter(fetched(null))])[0]?.message).toMatch(/does not exist in us-east-1/);
  });

  test('is not applicable without a forensic AMI pipeline', () => {
    expect(verdicts(scan([]))).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });

  test('reports an error when the image could not be described', () => {
    expect(scan([parameter(failed('ec2:DescribeImages'))])[0]?.status).toBe('ERROR');
  });
});
