/** Three-valued answers: known true, known false, or dependent on what the request carries. */
export type Tri = 'yes' | 'no' | 'maybe';

/**
 * Condition keys known for a hypothetical request, keyed in lower case. A value of null means
 * the key is known to be absent (a role's session has no `aws:username`); a key that is not in
 * the map is unknown, and conditions on it cannot be decided.
 */
export type RequestContext = ReadonlyMap<string, readonly string[] | null>;

/** How a query treats a resource given as a pattern. */
export type ResourceScope = 'all' | 'some';

/**
 * What is asked of a principal: may it perform `action` on `resource`? Action and resource may
 * be patterns: with scope `all` the answer holds for every match (`s3:GetObject` on
 * `arn:aws:s3:::*\/*` asks for all objects), with `some` for at least one.
 */
export interface Request {
  readonly action: string;
  readonly resource: string;
  readonly scope: ResourceScope;
  /** Keys the request carries besides the principal's own (`iam:PassedToService`, …). */
  readonly context?: Readonly<Record<string, string>>;
}
