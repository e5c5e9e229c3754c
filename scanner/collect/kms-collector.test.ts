import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListKeysCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { kmsKeys } from './logging';
import { kmsKeyPolicies } from './resource-policies';

const kms = mockClient(KMSClient);

beforeEach(() => kms.reset());

const arn = (id: string) => `arn:aws:kms:us-east-1:123456789012:key/${id}`;
const listed = (...ids: string[]) => ids.map((id) => ({ KeyId: id, KeyArn: arn(id) }));
const accessDenied = (action: string) =>
  Object.assign(new Error(`User is not authorized to perform ${action}`), {
    name: 'AccessDeniedException',
    $metadata: {},
  });

/** DescribeKey answers for `id`: an enabled customer-managed symmetric key, with `overrides`. */
function describes(id: string, overrides: Partial<KeyMetadata> = {}) {
  kms.on(DescribeKeyCommand, { KeyId: id }).resolves({
    KeyMetadata: {
      KeyId: id,
      KeyManager: 'CUSTOMER',
      KeyState: 'Enabled',
      KeySpec: 'SYMMETRIC_DEFAULT',
      Origin: 'AWS_KMS',
      ...overrides,
    },
  });
}

describe('the KMS key collector', () => {
  test('reads every page of ListKeys', async () => {
    kms
      .on(ListKeysCommand)
      .resolvesOnce({ Keys: listed('k-1', 'k-2'), Truncated: true, NextMarker: 'marker-2' })
      .resolvesOnce({ Keys: listed('k-3'), Truncated: false });
    for (const id of ['k-1', 'k-2', 'k-3']) describes(id, { KeyManager: 'AWS' });

    const keys = await kmsKeys.collect(collectContext(), 'us-east-1');

    expect(keys.map((key) => [key.id, key.arn])).toEqual([
      ['k-1', arn('k-1')],
      ['k-2', arn('k-2')],
      ['k-3', arn('k-3')],
    ]);
    const calls = kms.commandCalls(ListKeysCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input).toMatchObject({ Marker: 'marker-2' });
  });

  test('reads rotation only for enabled customer-managed symmetric keys with KMS key material', async () => {
    kms.on(ListKeysCommand).resolves({
      Keys: listed(
        'k-rotating',
        'k-static',
        'k-aws',
        'k-rsa',
        'k-hmac',
        'k-disabled',
        'k-deleting',
        'k-imported',
        'k-hsm',
      ),
    });
    describes('k-rotating');
    describes('k-static');
    describes('k-aws', { KeyManager: 'AWS' });
    describes('k-rsa', { KeySpec: 'RSA_2048' });
    describes('k-hmac', { KeySpec: 'HMAC_256' });
    describes('k-disabled', { KeyState: 'Disabled' });
    describes('k-deleting', { KeyState: 'PendingDeletion' });
    describes('k-imported', { Origin: 'EXTERNAL' });
    describes('k-hsm', { Origin: 'AWS_CLOUDHSM' });
    kms
      .on(GetKeyRotationStatusCommand, { KeyId: 'k-rotating' })
      .resolves({ KeyRotationEnabled: true });
    kms
      .on(GetKeyRotationStatusCommand, { KeyId: 'k-static' })
      .resolves({ KeyRotationEnabled: false });

    const keys = await kmsKeys.collect(collectContext(), 'us-east-1');

    expect(keys.map((key) => [key.id, key.rotationEnabled])).toEqual([
      ['k-rotating', { ok: true, data: true }],
      ['k-static', { ok: true, data: false }],
      ['k-aws', null],
      ['k-rsa', null],
      ['k-hmac', null],
      ['k-disabled', null],
      ['k-deleting', null],
      ['k-imported', null],
      ['k-hsm', null],
    ]);
    expect(keys[5]?.details).toEqual({
      ok: true,
      data: {
        manager: 'CUSTOMER',
        state: 'Disabled',
        spec: 'SYMMETRIC_DEFAULT',
        origin: 'AWS_KMS',
      },
    });
    const rotationCalls = kms.commandCalls(GetKeyRotationStatusCommand);
    expect(rotationCalls).toHaveLength(2);
    expect(rotationCalls.map((call) => call.args[0].input.KeyId)).toEqual([
      'k-rotating',
      'k-static',
    ]);
  });

  test('records a key it may not describe as an error, skips its rotation, and still reads the other keys', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: listed('k-hidden', 'k-rotating') });
    kms.on(DescribeKeyCommand, { KeyId: 'k-hidden' }).rejects(accessDenied('kms:DescribeKey'));
    describes('k-rotating');
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });

    const [hidden, rotating] = await kmsKeys.collect(collectContext(), 'us-east-1');

    expect(hidden).toEqual({
      id: 'k-hidden',
      arn: arn('k-hidden'),
      details: {
        ok: false,
        error: {
          api: 'kms:DescribeKey',
          region: 'us-east-1',
          name: 'AccessDeniedException',
          message: 'User is not authorized to perform kms:DescribeKey',
        },
      },
      rotationEnabled: null,
    });
    expect(rotating).toMatchObject({
      id: 'k-rotating',
      details: { ok: true },
      rotationEnabled: { ok: true, data: true },
    });
    expect(
      kms.commandCalls(GetKeyRotationStatusCommand).map((call) => call.args[0].input.KeyId),
    ).toEqual(['k-rotating']);
  });

  test('records a rotation status it may not read as an error on that key', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: listed('k-guarded') });
    describes('k-guarded');
    kms.on(GetKeyRotationStatusCommand).rejects(accessDenied('kms:GetKeyRotationStatus'));

    const [guarded] = await kmsKeys.collect(collectContext(), 'us-east-1');

    expect(guarded?.details).toMatchObject({ ok: true });
    expect(guarded?.rotationEnabled).toMatchObject({
      ok: false,
      error: {
        api: 'kms:GetKeyRotationStatus',
        region: 'us-east-1',
        name: 'AccessDeniedException',
      },
    });
  });

  test('lets a denied ListKeys fail the whole slice', async () => {
    kms.on(ListKeysCommand).rejects(accessDenied('kms:ListKeys'));
    await expect(kmsKeys.collect(collectContext(), 'us-east-1')).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  test('lists the keys once per region for both the rotation and the key-policy slices', async () => {
    kms
      .on(ListKeysCommand)
      .resolvesOnce({ Keys: listed('k-1'), Truncated: true, NextMarker: 'marker-2' })
      .resolvesOnce({ Keys: listed('k-2'), Truncated: false })
      .resolves({ Keys: listed('k-3'), Truncated: false });
    for (const id of ['k-1', 'k-2', 'k-3']) describes(id, { KeyManager: 'AWS' });
    kms.on(GetKeyPolicyCommand).resolves({ Policy: '{"Statement":[]}' });
    const ctx = collectContext();

    const [keys, policies] = await Promise.all([
      kmsKeys.collect(ctx, 'us-east-1'),
      kmsKeyPolicies.collect(ctx, 'us-east-1'),
    ]);
    const again = await kmsKeyPolicies.collect(ctx, 'us-east-1');

    expect(keys.map((key) => key.id)).toEqual(['k-1', 'k-2']);
    expect(policies.map((key) => key.name)).toEqual(['k-1', 'k-2']);
    expect(again.map((key) => key.name)).toEqual(['k-1', 'k-2']);
    // One pagination of two pages; another region is listed on its own.
    expect(kms.commandCalls(ListKeysCommand)).toHaveLength(2);
    await kmsKeyPolicies.collect(ctx, 'eu-west-1');
    expect(kms.commandCalls(ListKeysCommand)).toHaveLength(3);
  });
});
