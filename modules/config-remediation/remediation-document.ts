/** What an SSM Automation document that runs a responder needs to know. */
export interface RemediationDocumentOptions {
  /** What the document does, shown in the SSM console. */
  readonly description: string;
  /** Name of the parameter Config binds to the resource id (RESOURCE_ID), e.g. `InstanceId`. */
  readonly resourceParameter: string;
  /** What the parameter holds, for its description. */
  readonly resourceDescription: string;
  /** Pattern SSM checks the parameter against before the automation starts. */
  readonly resourcePattern: string;
  /** ARN of the responder function the document invokes. */
  readonly functionArn: string;
  /** The Config rule whose remediation runs the document, passed on as the trigger. */
  readonly configRuleName: string;
}

/** Name of the step that invokes the responder; its `Payload` output is the function's answer. */
export const INVOKE_STEP = 'invokeResponder';

/**
 * Python run by the document's last step: fails the automation when the function failed. When
 * Lambda reports a FunctionError (the handler threw, timed out or ran out of memory), the payload
 * it returns is the error document `{"errorType": …, "errorMessage": …}` instead of the
 * handler's result, so checking the payload checks the FunctionError, and it works whether or
 * not the invoke step fails by itself on one.
 */
export const CHECK_RESULT_SCRIPT = [
  'import json',
  '',
  '',
  'def check(events, context):',
  "    payload = events['Payload']",
  '    try:',
  '        answer = json.loads(payload)',
  '    except ValueError:',
  "        raise Exception('the responder did not answer with JSON: ' + payload[:500])",
  "    if not isinstance(answer, dict) or 'errorMessage' in answer:",
  "        error = answer if isinstance(answer, dict) else {'errorMessage': payload[:500]}",
  "        raise Exception('the responder failed (FunctionError): ' + str(error.get('errorType', 'Error')) + ': ' + str(error['errorMessage'])[:1000])",
  "    return {'outcome': str(answer.get('outcome', 'unknown')), 'caseId': str(answer.get('caseId', ''))}",
  '',
].join('\n');

/**
 * An SSM Automation document (schema 0.3) for a Config remediation: it invokes the responder
 * synchronously with `{ "ResourceId": <resource id>, "ConfigRuleName": <rule> }` within the 300 s
 * an `aws:invokeLambdaFunction` step may take, once (Config's retries drive repeats), then fails
 * when the function reported an error, so that Config retries and records the failure.
 */
export function remediationDocument(options: RemediationDocumentOptions): Record<string, unknown> {
  return {
    schemaVersion: '0.3',
    description: options.description,
    assumeRole: '{{ AutomationAssumeRole }}',
    parameters: {
      AutomationAssumeRole: {
        type: 'String',
        description: 'Role the automation runs as; it may invoke the responder function only.',
      },
      [options.resourceParameter]: {
        type: 'String',
        description: options.resourceDescription,
        allowedPattern: options.resourcePattern,
      },
    },
    mainSteps: [
      {
        name: INVOKE_STEP,
        action: 'aws:invokeLambdaFunction',
        timeoutSeconds: 300,
        maxAttempts: 1,
        onFailure: 'Abort',
        inputs: {
          FunctionName: options.functionArn,
          InvocationType: 'RequestResponse',
          InputPayload: {
            ResourceId: `{{ ${options.resourceParameter} }}`,
            ConfigRuleName: options.configRuleName,
          },
        },
      },
      {
        name: 'checkResult',
        action: 'aws:executeScript',
        timeoutSeconds: 60,
        onFailure: 'Abort',
        isEnd: true,
        inputs: {
          Runtime: 'python3.11',
          Handler: 'check',
          Script: CHECK_RESULT_SCRIPT,
          InputPayload: { Payload: `{{ ${INVOKE_STEP}.Payload }}` },
        },
        outputs: [
          { Name: 'Outcome', Selector: '$.Payload.outcome', Type: 'String' },
          { Name: 'CaseId', Selector: '$.Payload.caseId', Type: 'String' },
        ],
      },
    ],
    outputs: ['checkResult.Outcome', 'checkResult.CaseId'],
  };
}
