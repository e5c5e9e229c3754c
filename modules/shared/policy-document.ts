/** One statement of an IAM, bucket or key policy, in the JSON shape AWS reads. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?:
    '*' | { readonly AWS?: string | string[]; readonly Service?: string | string[] };
  readonly Action: string | readonly string[];
  /** Left out of trust policies, where AWS rejects it. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

/**
 * Serialises statements into a policy document. Terraform references inside the strings (bucket
 * ARNs, account ids) stay references: CDKTF resolves them when it writes the configuration, and
 * the provider compares policies by meaning, so AWS's reformatting causes no diff.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Trust policy that lets one AWS service assume a role. */
export function serviceTrustPolicy(service: string): string {
  return policyDocument([
    {
      Sid: 'ServiceAssumesRole',
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
    },
  ]);
}
