import type { ConstraintRule } from './rule';
import { resourcesOf } from './synthesized-terraform';

/** `${` or `%{` not escaped by doubling: Terraform's interpolation and directive openers. */
const TEMPLATE_SEQUENCE = /(?<![$%])[$%]\{/;

/**
 * Terraform reads every string of a configuration as a template, so a `${…}` in an Image Builder
 * component document (a shell `${var}`, a dpkg-query format) is evaluated by Terraform, and
 * `terraform validate` or the plan fails, or Image Builder receives a different document.
 */
export const componentDocumentLiteral: ConstraintRule = {
  id: 'component-document-literal',
  description:
    'An Image Builder component document reaches Image Builder as written: it holds no Terraform template sequence (${ or %{).',
  documentation: 'https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html',
  check(document) {
    return resourcesOf(document, 'aws_imagebuilder_component').flatMap(({ address, block }) =>
      typeof block.data === 'string' && TEMPLATE_SEQUENCE.test(block.data)
        ? [
            {
              rule: this.id,
              address,
              message: `its document holds ${TEMPLATE_SEQUENCE.exec(block.data)?.[0] ?? ''}…, which Terraform would interpolate: write it without the brace (e.g. $var) or escape it as $\${.`,
            },
          ]
        : [],
    );
  },
};
