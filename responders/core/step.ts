import type { AwsClients } from '../../lib/aws/clients';

/** An IAM action name such as `ec2:ModifyInstanceAttribute`. */
export type IamAction = `${string}:${string}`;

/**
 * A value of a later step's input that comes from an earlier step's output, e.g. the id of a
 * security group the plan creates: `{ "$fromStep": "create-isolation-group-vpc-1", "path": "GroupId" }`.
 * Dry runs show the reference as is.
 */
export interface StepRef {
  readonly $fromStep: string;
  readonly path: string;
}

/** True when `value` is a reference to an earlier step's output. */
export function isStepRef(value: unknown): value is StepRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StepRef).$fromStep === 'string' &&
    typeof (value as StepRef).path === 'string'
  );
}

/** JSON input of a step; any value may be a {@link StepRef}. */
export type StepInput = { readonly [key: string]: unknown };

/**
 * One idempotent step: exactly one mutating AWS API call, described as data so that a dry run
 * can print it and a record can keep it verbatim.
 */
export interface Step {
  /** Kebab-case verb-object, unique in its plan, e.g. `isolate-eni-eni-0abc`. */
  readonly id: string;
  /** One sentence for the incident record: why this step exists. */
  readonly reason: string;
  /** The single IAM action performed; also selects the runner that sends it. */
  readonly action: IamAction;
  /**
   * Other actions the runner may need before it sends `action`, declared so that the permission
   * lists can be proven complete (e.g. lowering an Auto Scaling group's minimum before leaving it).
   *
   * @default - none
   */
  readonly mayAlsoCall?: readonly IamAction[];
  /** Region the call goes to. */
  readonly region: string;
  /** Exact API input. Never holds secrets. */
  readonly input: StepInput;
  /**
   * AWS error codes (e.g. `NoSuchEntity`; SDK exception names also match) that mean "the desired
   * state already holds", recorded as already-done.
   */
  readonly alreadyDoneOn?: readonly string[];
  /**
   * `continue` for evidence-gathering steps whose failure is recorded but must never hold up
   * containment; `stop` (the default) ends the run at a real failure.
   *
   * @default 'stop'
   */
  readonly onFailure?: 'stop' | 'continue';
  /**
   * Consecutive steps of the same stage are independent and are sent at once: one round trip
   * instead of one per step. The next stage starts when the whole stage has answered; a failure
   * in a stage stops the run after that stage.
   *
   * @default - the step runs on its own
   */
  readonly stage?: string;
  /**
   * Ids of the earlier steps this one waits for: it is sent as soon as they have all answered
   * (their fallbacks included), beside every other step whose steps have answered. The steps its
   * input refers to ({@link StepRef}) and, for a window's closing step, the opening step are
   * waited for too. Without it a step waits for every earlier step of the plan (a stage: every
   * step before the stage).
   *
   * @default - every earlier step
   */
  readonly after?: readonly string[];
  /**
   * Set on a step that leaves the target more exposed than before until a later step closes the
   * window (an interface moved to the allow-all untrack group). The executor never ends a run with
   * the window open: it closes it, or undoes the opening step, or reports the outcome `exposed`.
   *
   * @default - the step opens no window
   */
  readonly opensWindow?: ExposureWindow;
  /**
   * Sent when this step fails: when the fallback succeeds, the failure is recorded, the run goes
   * on and its outcome is `degraded` (e.g. suspending an Auto Scaling group's processes when the
   * instance cannot leave the group).
   *
   * @default - no fallback
   */
  readonly fallback?: Step;
}

/** What a window-opening step exposes, and the steps that end the exposure. */
export interface ExposureWindow {
  /** What is exposed while the window is open, e.g. an interface id; an `exposed` outcome names it. */
  readonly exposes: string;
  /** Id of the later step of the plan that closes the window. */
  readonly closedBy: string;
  /** Puts back what the opening step changed; sent when the closing step fails or cannot run. */
  readonly undo: Step;
}

/** An ordered list of steps against one target, built by a pure planning function. */
export interface Plan {
  readonly responder: string;
  readonly caseId: string;
  readonly target: Target;
  readonly steps: readonly Step[];
  /** Facts the operator must know about this plan, e.g. what it cannot contain. */
  readonly notes: readonly string[];
}

/** What a response acts on. */
export interface Target {
  /** e.g. `AwsEc2Instance`, `AwsIamAccessKey`. */
  readonly type: string;
  readonly id: string;
  readonly arn: string;
  readonly region: string;
  readonly account: string;
}

/** What a runner reports back: the request id and the parts of the answer later steps use. */
export interface StepOutput {
  readonly requestId?: string;
  readonly output?: { readonly [key: string]: unknown };
}

/**
 * Sends one step's call. Runners are the only code that turns a step into an SDK command.
 * A runner whose call needs a fresh read first (an Auto Scaling group's sizes, read when the
 * step runs rather than when the plan was made) exposes that read as `read`: it only reads, so
 * the executor may send it before the run may change anything (while the pre-state is filed)
 * and hands the runner its answer as `early`; called without it, the runner reads itself.
 */
export interface StepRunner {
  (
    aws: AwsClients,
    region: string,
    input: StepInput,
    early?: Promise<unknown>,
  ): Promise<StepOutput>;
  readonly read?: (aws: AwsClients, region: string, input: StepInput) => Promise<unknown>;
}

/** Runners by IAM action. */
export type StepRunners = { readonly [action: string]: StepRunner };

/** What happened to one step. */
export type StepStatus = 'planned' | 'done' | 'already-done' | 'failed' | 'not-run';

/** One step as executed (or planned, in a dry run), kept in the run record. */
export interface StepRecord {
  readonly id: string;
  readonly action: IamAction;
  readonly region: string;
  readonly reason: string;
  /** The input as sent, references resolved (as planned in dry runs). */
  readonly input: StepInput;
  readonly status: StepStatus;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly requestId?: string;
  readonly output?: { readonly [key: string]: unknown };
  readonly error?: { readonly name: string; readonly message: string };
}

/**
 * - succeeded: every step done or already done.
 * - degraded: containment done, but an evidence step (onFailure: continue) failed.
 * - failed: a step failed and the run stopped there; re-running resumes safely.
 * - exposed: a window a step opened could be neither closed nor undone; the target is more
 *   exposed than before the run (the record names what is exposed).
 * - dry-run: nothing was sent.
 * - declined: the operator did not approve the plan; nothing was sent.
 */
export type Outcome = 'succeeded' | 'degraded' | 'failed' | 'exposed' | 'dry-run' | 'declined';
