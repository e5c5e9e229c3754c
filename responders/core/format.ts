import type { ChainHead } from './custody-chain';
import { planWaves } from './execute';
import type { RunRecord } from './record';
import type { Plan, StepRecord } from './step';

/** The plan as an operator reads it before confirming: each step, its action and exact input. */
export function formatPlan(plan: Plan): string {
  const lines = [
    `Plan ${plan.responder} for case ${plan.caseId}: ${plan.target.type} ${plan.target.id} in ${plan.target.region} (account ${plan.target.account})`,
  ];
  if (plan.steps.length === 0)
    lines.push('  Nothing to do: the target is already in the planned state.');
  // Steps of one wave are sent together: the wave is the round trip a step goes out in.
  const waves = planWaves(plan.steps);
  const parallel = new Set(waves).size < waves.length;
  plan.steps.forEach((step, index) => {
    const tags = [
      step.action,
      ...(parallel ? [`wave ${waves[index] ?? 0}`] : []),
      ...(step.onFailure === 'continue' ? ['evidence'] : []),
      ...(step.opensWindow
        ? [
            `opens ${step.opensWindow.exposes} until ${step.opensWindow.closedBy}, else ${step.opensWindow.undo.id}`,
          ]
        : []),
      ...(step.fallback ? [`on failure ${step.fallback.id}`] : []),
    ];
    lines.push(`  ${String(index + 1).padStart(2)}. ${step.id}  [${tags.join(', ')}]`);
    lines.push(`      ${step.reason}`);
    lines.push(`      ${JSON.stringify(step.input)}`);
  });
  if (plan.notes.length > 0) lines.push('Notes:', ...plan.notes.map((note) => `  - ${note}`));
  return `${lines.join('\n')}\n`;
}

/** One line per finished step, for progress output. */
export function formatStepRecord(record: StepRecord): string {
  const detail = record.error
    ? ` ${record.error.name}: ${record.error.message}`
    : record.requestId
      ? ` (request ${record.requestId})`
      : '';
  return `  ${record.status.padEnd(12)} ${record.id}${detail}`;
}

/**
 * The outcome of a run: each step's status, verification, where the evidence went and the chain
 * head to keep. When the evidence is not in the bucket, that comes first.
 */
export function formatRunRecord(
  record: RunRecord,
  evidence?: {
    readonly location: string;
    readonly manifestKey: string;
    readonly head?: ChainHead;
  },
  evidenceProblems: readonly string[] = [],
): string {
  const lines: string[] = [];
  if (record.exposed && record.exposed.length > 0) {
    lines.push(
      `EXPOSED: ${record.exposed.join(', ')} could be neither closed nor undone and stay more exposed than before the run (for an interface: in the allow-all untrack group); act on it now.`,
    );
  }
  if (evidenceProblems.length > 0) {
    lines.push(
      evidence
        ? `EVIDENCE NOT IN THE EVIDENCE BUCKET: it is kept in ${evidence.location} instead.`
        : 'EVIDENCE NOT FILED: no store accepted the record; this output is the only copy.',
      ...evidenceProblems.map((problem) => `  - ${problem}`),
    );
  }
  lines.push(`Outcome: ${record.outcome} (run ${record.runId})`);
  lines.push(...record.steps.map(formatStepRecord));
  if (record.verification.length > 0) {
    lines.push('Verification:');
    lines.push(
      ...record.verification.map(
        (result) => `  ${result.ok ? 'ok    ' : 'FAILED'} ${result.check}: ${result.detail}`,
      ),
    );
  }
  if (record.stoppedBy) lines.push(`Stopped: ${record.stoppedBy}`);
  if (record.notes.length > 0) lines.push('Notes:', ...record.notes.map((note) => `  - ${note}`));
  if (evidence) lines.push(`Evidence: ${evidence.location}/${evidence.manifestKey}`);
  if (evidence?.head) lines.push(...formatChainHead(evidence.head));
  return `${lines.join('\n')}\n`;
}

/** The chain head, and how to check later that nothing was added or changed after it. */
export function formatChainHead(head: ChainHead): string[] {
  return [
    `Chain head: ${head.sha256} (${head.key}${head.versionId ? `, version ${head.versionId}` : ''})`,
    `  Keep it outside AWS; later, pyjamas evidence verify --case ${head.caseId} --expect-head ${head.sha256}`,
    '  proves the case still ends there.',
  ];
}
