/** One resource or data source block of a synthesized Terraform JSON document. */
export type TerraformBlock = Readonly<Record<string, unknown>>;

/** The parts of a synthesized Terraform JSON document (`cdk.tf.json`) the rules read. */
export interface SynthesizedTerraform {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TerraformBlock>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, TerraformBlock>>>>;
  readonly provider?: Readonly<Record<string, readonly TerraformBlock[]>>;
}

/** What a rule may know besides the document. */
export interface ConstraintContext {
  /** The build date: runtimes deprecated by then fail. */
  readonly asOf: Date;
  /**
   * Resource types allowed once per account and region that the module can adopt instead of
   * creating, each with the prop that does it.
   */
  readonly adoptable: Readonly<Record<string, string>>;
}

/** A place where a synthesized stack breaks a documented AWS constraint. */
export interface ConstraintViolation {
  /** Id of the rule. */
  readonly rule: string;
  /** Terraform address of the block, e.g. `aws_lambda_function.responder`. */
  readonly address: string;
  /** What is wrong and what to do. */
  readonly message: string;
}

/**
 * A constraint AWS documents and enforces (and an emulator may not), checked on the synthesized
 * Terraform JSON before anything is deployed, like a cdk-nag rule.
 */
export interface ConstraintRule {
  /** Kebab-case id, the name of the rule's file. */
  readonly id: string;
  /** The constraint in one sentence. */
  readonly description: string;
  /** The AWS page that states the constraint. */
  readonly documentation: string;
  /** The violations in `document`; none when the stack keeps the constraint. */
  check(document: SynthesizedTerraform, context: ConstraintContext): ConstraintViolation[];
}
