import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { instanceResource, perRegion } from './databases';

export default defineCheck({
  id: 'rds_instance_no_public_access',
  title: 'No RDS DB instance is publicly accessible',
  service: 'rds',
  severity: 'high',
  resourceType: 'AwsRdsDbInstance',
  risk: 'A publicly accessible instance has an endpoint that resolves to a public address: one security group rule or route away from password guessing and exploitation from the internet.',
  remediation:
    'aws rds modify-db-instance --db-instance-identifier <id> --no-publicly-accessible --apply-immediately, and reach it through a VPN, bastion or private link.',
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
  ],
  needs: ['dbInstances'],
  // The CIS audit reads the PubliclyAccessible flag alone: a public instance behind a closed
  // security group still fails, since the flag is one rule change from exposure.
  evaluate: ({ dbInstances }, ctx) =>
    perRegion(ctx, dbInstances, 'DB instances', (region, db) =>
      db.publiclyAccessible
        ? fail(instanceResource(region, db), `DB instance ${db.id} is publicly accessible.`)
        : pass(instanceResource(region, db), `DB instance ${db.id} is not publicly accessible.`),
    ),
});
