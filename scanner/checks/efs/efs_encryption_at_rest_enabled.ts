import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'efs_encryption_at_rest_enabled',
  title: 'Every EFS file system is encrypted at rest',
  service: 'efs',
  severity: 'medium',
  resourceType: 'AwsEfsFileSystem',
  risk: 'Data on an unencrypted file system and its backups is readable without any KMS key, so key policies and key-use logging give no control over it.',
  remediation:
    'Encryption is fixed at creation: create an encrypted file system (--encrypted, optionally --kms-key-id), copy the data with AWS DataSync and move the mount targets to it.',
  references: ['https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'],
  needs: ['fileSystems'],
  evaluate: ({ fileSystems }, ctx) =>
    ctx.regions.flatMap((region) => {
      const list = fileSystems[region] ?? [];
      if (list.length === 0)
        return [
          notApplicable(
            accountResource(ctx, 'elasticfilesystem', region),
            `No EFS file systems in ${region}.`,
          ),
        ];
      return list.map((fs) => {
        const resource = {
          region,
          type: 'AwsEfsFileSystem',
          id: fs.id,
          arn: fs.arn,
          tags: fs.tags,
        };
        return fs.encrypted
          ? pass(resource, `File system ${fs.id} is encrypted at rest.`)
          : fail(resource, `File system ${fs.id} is not encrypted at rest.`);
      });
    }),
});
