import { describeVerification } from './stage-evidence';

describe('describeVerification', () => {
  test('prints a sound case as pyjamas evidence verify does', () => {
    expect(
      describeVerification({
        caseId: 'GD-1',
        location: 's3://evidence',
        manifests: 2,
        artifacts: 9,
        head: { key: 'cases/GD-1/manifests/000002.json', sha256: 'ab'.repeat(32), sequence: 2 },
        problems: [],
        unlisted: [],
        ok: true,
      }),
    ).toEqual([
      'Case GD-1 in s3://evidence: 2 manifests, 9 objects checked.',
      `Chain head: ${'ab'.repeat(32)} (cases/GD-1/manifests/000002.json)`,
      'Every SHA-256 matches and the manifest chain is intact.',
    ]);
  });

  test('names each problem and says the verification failed', () => {
    const lines = describeVerification({
      caseId: 'GD-1',
      location: 's3://evidence',
      manifests: 1,
      artifacts: 3,
      problems: [
        'cases/GD-1/x.json has 2 versions (v1, v2): it was written over after it was filed',
      ],
      unlisted: ['cases/GD-1/stray'],
      ok: false,
    });

    expect(lines).toEqual([
      'Case GD-1 in s3://evidence: 1 manifests, 3 objects checked.',
      '  FAILED cases/GD-1/x.json has 2 versions (v1, v2): it was written over after it was filed',
      '  not in any manifest: cases/GD-1/stray',
      'Evidence verification FAILED.',
    ]);
  });
});
