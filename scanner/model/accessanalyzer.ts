/** An IAM Access Analyzer analyzer of one region (access-analyzer:ListAnalyzers). */
export interface Analyzer {
  readonly arn: string;
  readonly name: string;
  /**
   * `ACCOUNT` and `ORGANIZATION` find external access; the `*_UNUSED_ACCESS` and
   * `*_INTERNAL_ACCESS` types answer other questions.
   */
  readonly type: string;
  /** `ACTIVE`, `CREATING`, `DISABLED` or `FAILED`. */
  readonly status: string;
}
