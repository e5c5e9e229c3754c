import { parsePolicyDocument } from './policy-document';

const DOCUMENT = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::logs/*' },
  ],
};

describe('the policy document parser', () => {
  test('parses plain JSON, as S3 returns it', () => {
    expect(parsePolicyDocument(`  ${JSON.stringify(DOCUMENT, null, 2)}`)).toEqual(DOCUMENT);
  });

  test('decodes a URL-encoded document, as IAM returns it', () => {
    const encoded = encodeURIComponent(
      JSON.stringify({
        ...DOCUMENT,
        Statement: [{ ...DOCUMENT.Statement[0], Sid: 'Read logs & more' }],
      }),
    );
    expect(encoded.startsWith('%7B')).toBe(true);
    expect(parsePolicyDocument(encoded).Statement[0]?.Sid).toBe('Read logs & more');
  });

  test('turns a single statement object into a one-element array', () => {
    const single = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
    };
    expect(parsePolicyDocument(JSON.stringify(single))).toEqual({
      Version: '2012-10-17',
      Statement: [single.Statement],
    });
  });

  test('reads a document without statements as granting nothing', () => {
    expect(parsePolicyDocument('{"Version":"2012-10-17"}')).toEqual({
      Version: '2012-10-17',
      Statement: [],
    });
  });

  test.each(['null', '42', '"text"', 'true', '[]', '[{"Effect":"Allow"}]'])(
    'rejects %s, which is not a JSON object',
    (text) => {
      expect(() => parsePolicyDocument(text)).toThrow('policy document is not a JSON object');
    },
  );

  test('rejects text that is not JSON at all', () => {
    expect(() => parsePolicyDocument('not a policy')).toThrow(SyntaxError);
  });
});
