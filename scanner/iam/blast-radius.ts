import type { AuthorizationDetails } from '../model/iam';
import type { OrganizationPolicies } from '../model/organizations';
import { analyseAccount } from './account';
import type { AccountAnalysis } from './analysis';
import { allResourcesOf, serviceKeys } from './catalogue';
import { describePath } from './describe';
import type { PrincipalPermissions } from './principals';

/** Data reads the blast radius reports as "could read everything of this kind". */
const DATA_READS = [
  's3:GetObject',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'dynamodb:Scan',
  'rds:CreateDBSnapshot',
] as const;

/** What a principal's credentials could do: the first question after "is the key dead". */
export interface BlastRadius {
  readonly principalArn: string;
  /** False when the principal is not a user or role of the analysed account. */
  readonly known: boolean;
  readonly administrator: 'full' | 'conditional' | 'can-make-itself-administrator' | 'no';
  /** Each way it can reach administrator, as principal → method → grants → target. */
  readonly escalationPaths: readonly string[];
  /** Services at least one of whose actions its policies allow (before conditions). */
  readonly services: readonly string[];
  /** Data reads it holds on every resource of the account. */
  readonly unrestrictedData: readonly string[];
  /** Managed policies it holds that the authorization details did not contain. */
  readonly unknownPolicies: readonly string[];
}

function servicesOf(analysis: AccountAnalysis, principal: PrincipalPermissions): string[] {
  return [...serviceKeys()].filter((service) => analysis.couldDo(principal, `${service}:*`));
}

/**
 * The blast radius of a principal's credentials, from the account's authorization details
 * (and guardrails when collected): pure, so a responder can file it in the case record, beside
 * what access advisor says the principal used.
 */
export function blastRadius(
  input: {
    readonly authorizationDetails: AuthorizationDetails;
    readonly organizationPolicies?: OrganizationPolicies;
    readonly account: string;
    readonly partition: string;
  },
  principalArn: string,
): BlastRadius {
  const analysis = analyseAccount(
    input.authorizationDetails,
    input.organizationPolicies,
    input.account,
    input.partition,
  );
  const principal = analysis.model.byArn.get(principalArn);
  if (!principal)
    return {
      principalArn,
      known: false,
      administrator: 'no',
      escalationPaths: [],
      services: [],
      unrestrictedData: [],
      unknownPolicies: [],
    };
  const admin = analysis.admin(principal).verdict;
  const self = analysis.selfEscalation(principal);
  const administrator =
    admin === 'allowed'
      ? 'full'
      : admin === 'conditional'
        ? 'conditional'
        : self.length > 0
          ? 'can-make-itself-administrator'
          : 'no';
  const paths = [...self, ...(administrator === 'no' ? analysis.escalation(principal) : [])];
  // Every resource of one type is enough: all objects, even if not through access points.
  const unrestrictedData = DATA_READS.filter((action) =>
    analysis.couldDo(principal, action)
      ? allResourcesOf(action, input.partition, input.account).some(
          (resource) =>
            analysis.decide(principal, { action, resource, scope: 'all' }).verdict !== 'denied',
        )
      : false,
  );
  return {
    principalArn,
    known: true,
    administrator,
    escalationPaths: paths.map((path) => describePath(principal.name, path)),
    services: servicesOf(analysis, principal),
    unrestrictedData,
    unknownPolicies: principal.unknownPolicies,
  };
}
