import { credentialReportOf } from '../../../test/fixtures/iam-checks';
import { daysAgo, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamRole, reportUser } from '../../../test/fixtures/resources';
import type { CredentialReportUser } from '../../model/iam';
import check from './iam_identity_not_created_since';

const SINCE = daysAgo(3);
const NO_KEY = { active: false, lastRotated: null, lastUsedDate: null };

function account(
  users: CredentialReportUser[],
  roles = [iamRole('old-role', { createDate: daysAgo(300) })],
) {
  return inventoryOf({
    global: {
      credentialReport: credentialReportOf(...users),
      authorizationDetails: authorizationDetails({ roles }),
    },
  });
}

describe('iam_identity_not_created_since', () => {
  test('lists each user, key and role created since the time under review for a person to judge', () => {
    const findings = runCheck(
      check,
      account(
        [
          reportUser('old-user'),
          reportUser('backdoor', { userCreationTime: daysAgo(1) }),
          reportUser('old-with-new-key', {
            accessKeys: [
              { active: true, lastRotated: daysAgo(200), lastUsedDate: null },
              { active: true, lastRotated: daysAgo(2), lastUsedDate: null },
            ],
          }),
        ],
        [
          iamRole('old-role', { createDate: daysAgo(300) }),
          iamRole('miner', { createDate: daysAgo(1) }),
        ],
      ),
      { createdSince: SINCE },
    );
    expect(verdicts(findings).sort()).toEqual([
      ['MANUAL', 'backdoor'],
      ['MANUAL', 'miner'],
      ['MANUAL', 'old-with-new-key'],
    ]);
    expect(findings.find((finding) => finding.resourceId === 'old-with-new-key')?.message).toBe(
      `User old-with-new-key: created after ${SINCE}: active access key 2 at ${daysAgo(2)}; confirm in CloudTrail who created them.`,
    );
    expect(findings.find((finding) => finding.resourceId === 'miner')?.resourceType).toBe(
      'AwsIamRole',
    );
  });

  test('passes the account when nothing was created since, and leaves inactive new keys out', () => {
    const findings = runCheck(
      check,
      account([
        reportUser('old-user', {
          accessKeys: [{ active: false, lastRotated: daysAgo(1), lastUsedDate: null }, NO_KEY],
        }),
      ]),
      { createdSince: SINCE },
    );
    expect(findings.map((finding) => finding.status)).toEqual(['PASS']);
  });

  test('judges nothing when no time under review is set', () => {
    const findings = runCheck(
      check,
      account([reportUser('backdoor', { userCreationTime: daysAgo(1) })]),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
    expect(findings[0]?.message).toMatch(/createdSince in the scan settings/);
  });
});
