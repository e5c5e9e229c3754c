import type { AwsClients } from '../../lib/aws/clients';
import { authorizationDetails } from '../../scanner/collect/iam';
import { toCollectError, type CollectContext } from '../../scanner/collect/collector';
import { blastRadius, type BlastRadius } from '../../scanner/iam/blast-radius';
import type { Artifact } from '../core/evidence';
import {
  accessAdvisorSection,
  type AccessAdvisorOptions,
  type AccessAdvisorSection,
} from './access-advisor';
import type { KeyDescription } from './description';

/** The artifact's name in the case record. */
export const BLAST_RADIUS_FILE = 'blast-radius.json';

/** The ARN of the key's owner, when it is a user or role of the key's account. */
function ownerArn(
  description: KeyDescription,
  roles: readonly { name: string; arn: string }[],
): string | null {
  const { owner } = description;
  if (owner.kind === 'user') return owner.user.arn;
  if (owner.kind === 'session' && owner.principal.type === 'role') {
    const { roleName } = owner.principal;
    return roles.find((role) => role.name === roleName)?.arn ?? null;
  }
  return null;
}

/** blast-radius.json as the revocation files it. */
export type FiledBlastRadius =
  | ({ readonly status: 'collected'; readonly accessAdvisor: AccessAdvisorSection } & BlastRadius)
  | { readonly status: 'unavailable' | 'not-applicable'; readonly reason: string };

/** The blast-radius artifact, and its access-advisor section when one was read. */
export interface BlastRadiusFiling {
  readonly artifact: Artifact;
  readonly accessAdvisor?: AccessAdvisorSection;
}

/**
 * What the key's owner could do, filed with the case: administrator or not, its escalation
 * paths, the services and data it could reach (iam:GetAccountAuthorizationDetails, read-only),
 * and what access advisor says it used of them. Never fails the run: a denied read or a key of
 * another account is recorded as unavailable, and so is access advisor on its own.
 */
export async function blastRadiusArtifact(
  aws: AwsClients,
  description: KeyDescription,
  accessAdvisor: AccessAdvisorOptions,
): Promise<BlastRadiusFiling> {
  const body = (value: FiledBlastRadius): Artifact => ({
    name: BLAST_RADIUS_FILE,
    body: `${JSON.stringify(value, null, 2)}\n`,
    contentType: 'application/json',
  });
  if (description.keyAccount !== description.callerAccount)
    return {
      artifact: body({
        status: 'unavailable',
        reason: `the key belongs to account ${description.keyAccount}, not the responder's ${description.callerAccount}`,
      }),
    };
  const ctx: CollectContext = {
    aws,
    account: description.callerAccount,
    partition: description.partition,
    globalRegion: description.iamRegion,
    global: () => Promise.reject(new Error('the blast radius reads no other slice')),
    regions: [description.iamRegion],
    regional: () => Promise.reject(new Error('the blast radius reads no other slice')),
    once: (_key, read) => read(),
  };
  try {
    const details = await authorizationDetails.collect(ctx);
    const arn = ownerArn(description, details.roles);
    if (!arn)
      return {
        artifact: body({
          status: 'not-applicable',
          reason: `the key's owner (${description.owner.kind}) is not a user or role of the account`,
        }),
      };
    const radius = blastRadius(
      {
        authorizationDetails: details,
        account: description.callerAccount,
        partition: description.partition,
      },
      arn,
    );
    const section = await accessAdvisorSection(aws, description.iamRegion, arn, accessAdvisor);
    return {
      artifact: body({ status: 'collected', ...radius, accessAdvisor: section }),
      accessAdvisor: section,
    };
  } catch (error) {
    const problem = toCollectError(
      error,
      'iam:GetAccountAuthorizationDetails',
      description.iamRegion,
    );
    return {
      artifact: body({
        status: 'unavailable',
        reason: `${problem.api} failed (${problem.name}: ${problem.message})`,
      }),
    };
  }
}
