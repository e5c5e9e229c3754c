import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'iam_no_expired_server_certificates_stored',
  title: 'IAM stores no expired server certificates',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsIamServerCertificate',
  risk: 'An expired certificate still attached to a load balancer or CloudFront distribution breaks TLS for clients or trains them to click through warnings; kept in IAM it can be deployed again by mistake.',
  remediation:
    'Delete each expired certificate after moving its users to a current one: aws iam delete-server-certificate --server-certificate-name <name>.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListServerCertificates.html',
  ],
  needs: ['serverCertificates'],
  evaluate({ serverCertificates }, ctx) {
    if (serverCertificates.length === 0)
      return [
        notApplicable(
          accountResource(ctx, 'iam', GLOBAL_REGION),
          `Account ${ctx.account} stores no server certificates in IAM.`,
        ),
      ];
    return serverCertificates.map((certificate) => {
      const resource = {
        region: GLOBAL_REGION,
        type: 'AwsIamServerCertificate',
        id: certificate.name,
        arn: certificate.arn,
      };
      if (certificate.expiration === null)
        return fail(
          resource,
          `Server certificate ${certificate.name} has no expiry date IAM reports.`,
        );
      return Date.parse(certificate.expiration) <= ctx.now.getTime()
        ? fail(
            resource,
            `Server certificate ${certificate.name} expired on ${certificate.expiration.slice(0, 10)}.`,
          )
        : pass(
            resource,
            `Server certificate ${certificate.name} is valid until ${certificate.expiration.slice(0, 10)}.`,
          );
    });
  },
});
