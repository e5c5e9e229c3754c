import { ACCOUNT, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './efs_encryption_at_rest_enabled';

function fileSystem(id: string, encrypted: boolean) {
  const arn = `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/${id}`;
  return { id, arn, encrypted, tags: {} };
}

describe('efs_encryption_at_rest_enabled', () => {
  test('passes an encrypted file system and fails an unencrypted one', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': { fileSystems: [fileSystem('fs-a', true), fileSystem('fs-b', false)] },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'fs-a'],
      ['FAIL', 'fs-b'],
    ]);
  });

  test('is not applicable to a region without file systems', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { fileSystems: [] } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
