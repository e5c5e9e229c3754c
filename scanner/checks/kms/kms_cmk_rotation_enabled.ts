import { defineCheck } from '../../model/check';
import type { CheckResult } from '../../model/finding';
import { accountResource, couldNotRead, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'kms_cmk_rotation_enabled',
  title: 'Automatic rotation is enabled on every enabled customer-managed symmetric KMS key',
  service: 'kms',
  severity: 'medium',
  resourceType: 'AwsKmsKey',
  risk: 'Key material that never rotates protects ever more data under one secret, so if that material is ever compromised everything encrypted under the key is exposed; rotation bounds how much data one version protects.',
  remediation:
    'Turn on automatic rotation: aws kms enable-key-rotation --key-id <key-id> (optionally --rotation-period-in-days 90 to 2560; the default is 365).',
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
  needs: ['kmsKeys'],
  evaluate: ({ kmsKeys }, ctx) =>
    ctx.regions.flatMap((region) => {
      const results = (kmsKeys[region] ?? []).flatMap((key): CheckResult[] => {
        const resource = { region, type: 'AwsKmsKey', id: key.id, arn: key.arn };
        if (!key.details.ok) return [couldNotRead(resource, key.details.error)];
        // Not read for AWS-managed keys (AWS rotates them yearly), asymmetric and HMAC keys, key
        // material imported or held in a custom key store, and disabled or pending-deletion keys:
        // none of these can be set to rotate automatically.
        if (key.rotationEnabled === null) return [];
        if (!key.rotationEnabled.ok) return [couldNotRead(resource, key.rotationEnabled.error)];
        return [
          key.rotationEnabled.data
            ? pass(resource, `KMS key ${key.id} rotates its key material automatically.`)
            : fail(resource, `KMS key ${key.id} does not rotate its key material automatically.`),
        ];
      });
      return results.length > 0
        ? results
        : [
            notApplicable(
              accountResource(ctx, 'kms', region),
              `Region ${region} has no enabled customer-managed symmetric KMS keys.`,
            ),
          ];
    }),
});
