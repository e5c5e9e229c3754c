import {
  GetBucketLocationCommand,
  GetObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import { LocalEvidenceStore, S3EvidenceStore } from './evidence';
import { chooseEvidenceStore, type EvidenceChoice } from './plumbing';

const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const aws = new AwsClients({ env: {} });
const choice: EvidenceChoice = {
  aws,
  clock: fixedClock('2026-06-01T00:00:00Z'),
  region: 'eu-west-1',
  globalRegion: 'us-east-1',
  bucket: 'evidence',
};

function lockedWith(mode?: 'COMPLIANCE' | 'GOVERNANCE'): void {
  s3.on(GetObjectLockConfigurationCommand).resolves({
    ObjectLockConfiguration: {
      ObjectLockEnabled: 'Enabled',
      ...(mode ? { Rule: { DefaultRetention: { Mode: mode, Days: 365 } } } : {}),
    },
  });
}

beforeEach(() => {
  s3.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
  s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'eu-west-1' });
});

describe('chooseEvidenceStore', () => {
  test('opens a bucket locked in COMPLIANCE mode, owned by the caller’s account', async () => {
    lockedWith('COMPLIANCE');
    const store = await chooseEvidenceStore(choice);
    expect(store).toBeInstanceOf(S3EvidenceStore);
    expect(store).toMatchObject({ region: 'eu-west-1', expectedOwner: '111122223333' });
    expect(store.protection).toMatch(/^Object Lock in COMPLIANCE mode, default retention 365 days/);
    for (const command of [GetBucketLocationCommand, GetObjectLockConfigurationCommand])
      expect(s3.commandCalls(command)[0]?.args[0].input).toMatchObject({
        Bucket: 'evidence',
        ExpectedBucketOwner: '111122223333',
      });
  });

  test('requires the owner the operator names, and files the caller’s evidence under its own account id there', async () => {
    lockedWith('COMPLIANCE');
    const store = await chooseEvidenceStore({ ...choice, bucketOwner: '444455556666' });
    expect(store).toMatchObject({ expectedOwner: '444455556666', account: '111122223333' });
    expect((store as S3EvidenceStore).objectKey('cases/IR-1/x')).toBe('cases/111122223333/IR-1/x');
  });

  test('reads the named account’s evidence in the owner’s bucket without asking STS', async () => {
    lockedWith('COMPLIANCE');
    const store = await chooseEvidenceStore({
      ...choice,
      bucketOwner: '444455556666',
      account: '777788889999',
    });
    expect(store).toMatchObject({ expectedOwner: '444455556666', account: '777788889999' });
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });

  test('keeps the bucket owner’s own evidence at the root of cases/', async () => {
    lockedWith('COMPLIANCE');
    const store = await chooseEvidenceStore({ ...choice, account: '111122223333' });
    expect((store as S3EvidenceStore).account).toBeUndefined();
    expect((store as S3EvidenceStore).objectKey('cases/IR-1/x')).toBe('cases/IR-1/x');
  });

  test.each([
    ['GOVERNANCE retention', () => lockedWith('GOVERNANCE'), /default retention is GOVERNANCE/],
    ['no default retention', () => lockedWith(), /enabled without a default retention/],
    [
      'no Object Lock',
      () =>
        s3
          .on(GetObjectLockConfigurationCommand)
          .rejects(
            Object.assign(new Error('none'), { name: 'ObjectLockConfigurationNotFoundError' }),
          ),
      /Object Lock is not enabled/,
    ],
  ])(
    'refuses a bucket with %s unless told --unlocked-evidence-bucket',
    async (_name, seed, why) => {
      seed();
      const refusal = chooseEvidenceStore(choice);
      await expect(refusal).rejects.toBeInstanceOf(UsageError);
      await expect(refusal).rejects.toThrow(why);
      await expect(refusal).rejects.toThrow(/--unlocked-evidence-bucket/);
      const accepted = await chooseEvidenceStore({ ...choice, allowUnlocked: true });
      expect(accepted.protection).toMatch(
        /^NOT locked in COMPLIANCE mode .*--unlocked-evidence-bucket/,
      );
    },
  );

  test('accepts a bucket without COMPLIANCE default when each object gets COMPLIANCE retention', async () => {
    lockedWith('GOVERNANCE');
    const store = await chooseEvidenceStore({ ...choice, retentionDays: 30 });
    expect(store.protection).toMatch(/each object is locked in COMPLIANCE mode when written/);
  });

  test('refuses when the lock configuration cannot be read, naming the AWS error', async () => {
    s3.on(GetObjectLockConfigurationCommand).rejects(
      Object.assign(new Error('no'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }),
    );
    await expect(chooseEvidenceStore(choice)).rejects.toThrow(
      /could not be read: AccessDenied: no \(HTTP 403\)/,
    );
  });

  test('keeps the record in a local folder only when told', async () => {
    await expect(
      chooseEvidenceStore({ ...choice, noEvidenceBucket: true, localDirectory: '/tmp/x' }),
    ).resolves.toBeInstanceOf(LocalEvidenceStore);
    expect(s3.calls()).toHaveLength(0);
  });
});
