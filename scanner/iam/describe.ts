import type { GrantedStep, EscalationPath } from './analysis';
import { describeStatement, type Decision } from './decide';
import type { GuardrailStatus } from './principals';

/** `statement 0 of managed policy Admin; statement 2 of inline policy ops (under conditions)`. */
export function describeGrants(decision: Decision): string {
  const identity = decision.allows.filter((statement) => statement.layer === 'identity policies');
  const shown = identity.length > 0 ? identity : decision.allows;
  return shown
    .map(
      (statement) =>
        `${describeStatement(statement)}${statement.conditional ? ' (under conditions)' : ''}`,
    )
    .join('; ');
}

function describeStep(step: GrantedStep): string {
  const on = step.resource === '*' ? '' : ` on ${step.resource}`;
  return `${step.action}${on} [${describeGrants(step.decision)}]`;
}

/** principal → method → each action with its grants → what is reached. */
export function describePath(principal: string, path: EscalationPath): string {
  return `${principal} → ${path.method.title} (${path.method.id}) → ${path.steps.map(describeStep).join(' + ')} → ${path.reached}${path.conditional ? ' (under conditions)' : ''}`;
}

/** What a finding adds about SCPs and RCPs, or nothing when they were applied or do not apply. */
export function guardrailNote(status: GuardrailStatus): string {
  if (status.status === 'unreadable')
    return ` SCPs and RCPs could not be read (${status.error.api}: ${status.error.name}); judged on identity policies and boundaries only.`;
  return '';
}
