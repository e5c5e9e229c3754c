import { defineCheck } from '../../model/check';
import {
  GLOBAL_REGION,
  accountResource,
  couldNotRead,
  fail,
  notApplicable,
  pass,
} from '../results';
import { pastDate } from './credentials';

/** Days without use after which a granted service counts as unused (Repokid's default). */
export const UNUSED_SERVICE_DAYS = 90;

/** Services shown in one finding; the rest are counted. */
const MAX_SERVICES_SHOWN = 10;

export default defineCheck({
  id: 'iam_principal_services_used_90_days',
  title: 'Every user and role uses the services its policies grant (access advisor, 90 days)',
  service: 'iam',
  severity: 'low',
  resourceType: 'AwsIamUser',
  risk: 'Permissions a principal never uses only serve whoever steals its credentials; they widen the blast radius of every leak.',
  remediation:
    "Remove the unused services from the principal's policies (IAM console > Access Advisor, or Access Analyzer policy generation), keeping iam:PassRole, which access advisor does not track.",
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html',
  ],
  needs: ['authorizationDetails', 'serviceLastAccessed'],
  evaluate({ authorizationDetails, serviceLastAccessed }, ctx) {
    const principals = [
      ...authorizationDetails.users.map((user) => ({ ...user, type: 'AwsIamUser', kind: 'User' })),
      ...authorizationDetails.roles.map((role) => ({ ...role, type: 'AwsIamRole', kind: 'Role' })),
    ];
    if (principals.length === 0)
      return [
        notApplicable(
          accountResource(ctx, 'iam', GLOBAL_REGION),
          `Account ${ctx.account} has no IAM users or roles.`,
        ),
      ];
    return principals.flatMap((principal) => {
      const resource = {
        region: GLOBAL_REGION,
        type: principal.type,
        id: principal.name,
        arn: principal.arn,
      };
      const report = serviceLastAccessed[principal.arn];
      if (!report) return [];
      if (!report.ok) return [couldNotRead(resource, report.error)];
      const age = pastDate(principal.createDate, ctx.now);
      if (age.days < UNUSED_SERVICE_DAYS)
        return [
          pass(
            resource,
            `${principal.kind} ${principal.name} is younger than ${UNUSED_SERVICE_DAYS} days.`,
          ),
        ];
      const unused = report.data.filter(
        (service) =>
          service.lastAuthenticated === null ||
          pastDate(service.lastAuthenticated, ctx.now).days >= UNUSED_SERVICE_DAYS,
      );
      if (unused.length === 0)
        return [
          pass(
            resource,
            `${principal.kind} ${principal.name} used each of its ${report.data.length} granted services within ${UNUSED_SERVICE_DAYS} days.`,
          ),
        ];
      const names = unused
        .slice(0, MAX_SERVICES_SHOWN)
        .map((service) => service.namespace)
        .join(', ');
      const more =
        unused.length > MAX_SERVICES_SHOWN ? ` and ${unused.length - MAX_SERVICES_SHOWN} more` : '';
      return [
        fail(
          resource,
          `${principal.kind} ${principal.name} has ${unused.length} of ${report.data.length} granted services unused for ${UNUSED_SERVICE_DAYS} days or more: ${names}${more}.`,
        ),
      ];
    });
  },
});
