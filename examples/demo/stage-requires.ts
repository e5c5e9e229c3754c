import type { Deployment } from './deployment';
import type { PlantedIncident } from './incident';
import type { DeliveredFindings } from './respond';
import type { DemoContext } from './stage';

/** What a stage reads of the stages before it, or an error naming the stage that provides it. */
export function requireDeployment(context: DemoContext): Deployment {
  if (!context.deployment) throw new Error('no deployment: stage 1 deploys the complete example');
  return context.deployment;
}

/** The planted incident, or an error naming the stage that plants it. */
export function requireIncident(context: DemoContext): PlantedIncident {
  if (!context.incident) throw new Error('no incident: stage 3 plants it');
  return context.incident;
}

/** The handlers' answers, or an error naming the stage that delivers the findings. */
export function requireResponses(context: DemoContext): DeliveredFindings {
  if (!context.responses) throw new Error('no responses: stage 4 delivers the findings');
  return context.responses;
}
