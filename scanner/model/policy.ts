/** One statement of an IAM or resource policy, as AWS stores it (single values or arrays). */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: '*' | { readonly [kind: string]: string | readonly string[] };
  readonly NotPrincipal?: '*' | { readonly [kind: string]: string | readonly string[] };
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: {
    readonly [operator: string]: {
      readonly [key: string]: string | boolean | readonly (string | boolean)[];
    };
  };
}

/** A parsed policy document; `Statement` is always an array here. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly PolicyStatement[];
}
