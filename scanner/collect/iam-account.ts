import {
  IAMClient,
  ListOrganizationsFeaturesCommand,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type { ServerCertificate, VirtualMfaDevice } from '../model/iam';
import type { GlobalCollector } from './collector';

/**
 * The account's virtual MFA devices, assigned or not. The root user's MFA is hardware when the
 * account summary says root has MFA and no virtual device here is assigned to root.
 */
export const virtualMfaDevices: GlobalCollector<'virtualMfaDevices'> = {
  scope: 'global',
  apis: ['iam:ListVirtualMFADevices'],
  async collect(ctx) {
    const client = ctx.aws.get(IAMClient, ctx.globalRegion);
    const devices: VirtualMfaDevice[] = [];
    for await (const page of paginateListVirtualMFADevices({ client }, { AssignmentStatus: 'Any' }))
      for (const device of page.VirtualMFADevices ?? [])
        devices.push({
          serialNumber: device.SerialNumber ?? '',
          userArn: device.User?.Arn ?? null,
        });
    return devices;
  },
};

/** Server certificates stored in IAM, with their expiry. */
export const serverCertificates: GlobalCollector<'serverCertificates'> = {
  scope: 'global',
  apis: ['iam:ListServerCertificates'],
  async collect(ctx) {
    const client = ctx.aws.get(IAMClient, ctx.globalRegion);
    const certificates: ServerCertificate[] = [];
    for await (const page of paginateListServerCertificates({ client }, {}))
      for (const certificate of page.ServerCertificateMetadataList ?? [])
        certificates.push({
          name: certificate.ServerCertificateName ?? '',
          arn: certificate.Arn ?? '',
          expiration: certificate.Expiration?.toISOString() ?? null,
        });
    return certificates;
  },
};

/**
 * Centralised root access (iam:ListOrganizationsFeatures). AWS answers
 * `AWSOrganizationsNotInUseException` outside an organization and
 * `OrganizationNotFoundException` / `ServiceAccessNotEnabledException` while IAM's trusted access
 * is off; each means no central root management, so they read as null. The call is meaningful
 * only from the management account or IAM's delegated administrator; others get AccessDenied,
 * which stays an error. moto does not implement this API.
 */
export const organizationsRootFeatures: GlobalCollector<'organizationsRootFeatures'> = {
  scope: 'global',
  apis: ['iam:ListOrganizationsFeatures'],
  async collect(ctx) {
    // Outside an organization there is nothing to manage centrally; not asking also spares
    // emulators that lack the API.
    if (!(await ctx.global('organization'))) return null;
    const client = ctx.aws.get(IAMClient, ctx.globalRegion);
    try {
      const answer = await client.send(new ListOrganizationsFeaturesCommand({}));
      return {
        organizationId: answer.OrganizationId ?? null,
        enabledFeatures: answer.EnabledFeatures ?? [],
      };
    } catch (error) {
      if (
        hasAwsErrorName(error, [
          'AWSOrganizationsNotInUseException',
          'OrganizationNotFoundException',
          'ServiceAccessNotEnabledException',
        ])
      )
        return null;
      throw error;
    }
  },
};
