import { describe, expect, it } from 'vitest';
import { EMPTY_BODY_SHA256, SIGNATURE_HEADER, SignatureError, principalHeaders, requestSignature, sha256Hex, signRequest, verifyRequest, type ReceivedRequest } from './signing.ts';

const SECRET = 'k'.repeat(32);
const NOW = 1_770_000_000_000;
const body = '{"query":"{ models { name } }"}';
const principal = { project: 'p_a', actor: 'ci: deploy\nbot ✓', admin: true };
const signed = (): ReceivedRequest => ({
  method: 'POST',
  url: '/internal/evalstore/graphql?x=1',
  headers: signRequest(SECRET, principal, { method: 'POST', url: 'http://evalstore:4000/internal/evalstore/graphql?x=1', body }, NOW),
});
const refusal = (req: ReceivedRequest, bodySha256 = sha256Hex(body), now = NOW) => {
  try {
    verifyRequest(SECRET, req, bodySha256, now);
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(SignatureError);
    return (err as Error).message;
  }
};

describe('request signatures', () => {
  it('vouch for the project, the key name (any characters) and the role', () => {
    expect(verifyRequest(SECRET, signed(), sha256Hex(body), NOW + 1000)).toEqual({ project: 'p_a', actor: 'ci: deploy\nbot ✓', admin: true });
    const service = { method: 'GET', url: '/a', headers: signRequest(SECRET, { project: 'p_b' }, { method: 'GET', url: '/a' }, NOW) };
    expect(verifyRequest(SECRET, service, EMPTY_BODY_SHA256, NOW)).toEqual({ project: 'p_b', actor: null, admin: false });
  });

  it('cover the method, the path with its query, the body and every signed header', () => {
    expect(refusal({ ...signed(), method: 'GET' })).toBe('request signature is invalid');
    expect(refusal({ ...signed(), url: '/internal/registry/graphql?x=1' })).toBe('request signature is invalid');
    expect(refusal({ ...signed(), url: '/internal/evalstore/graphql?x=2' })).toBe('request signature is invalid');
    expect(refusal(signed(), sha256Hex('{"query":"{ alerts { id } }"}'))).toBe('request signature is invalid');
    for (const [name, value] of [['x-tideline-project', 'p_b'], ['x-tideline-actor', 'mallory'], ['x-tideline-role', 'member'], ['x-tideline-timestamp', String(NOW + 1)]]) {
      const req = signed();
      expect(refusal({ ...req, headers: { ...req.headers, [name!]: value } }), name).toBe('request signature is invalid');
    }
    const { ['x-tideline-role']: _dropped, ...withoutRole } = signed().headers as Record<string, string>;
    expect(refusal({ ...signed(), headers: withoutRole })).toBe('request signature is invalid');
    expect(refusal({ ...signed(), headers: { ...signed().headers, [SIGNATURE_HEADER]: requestSignature('z'.repeat(32), signed().headers as Record<string, string>, { method: 'POST', url: '/internal/evalstore/graphql?x=1', bodySha256: sha256Hex(body) }) } })).toBe(
      'request signature is invalid',
    );
  });

  it('expire after five minutes and refuse a timestamp that is not epoch milliseconds', () => {
    expect(refusal(signed(), sha256Hex(body), NOW + 5 * 60_000 + 1)).toBe('request signature has expired');
    for (const timestamp of ['abc', '1e12', '', ' 1770000000000', '-1', '1770000000000.5']) {
      const headers = { ...principalHeaders({ project: 'p_a' }), 'x-tideline-timestamp': timestamp };
      const req = { method: 'GET', url: '/a', headers: { ...headers, [SIGNATURE_HEADER]: requestSignature(SECRET, headers, { method: 'GET', url: '/a', bodySha256: EMPTY_BODY_SHA256 }) } };
      expect(refusal(req, EMPTY_BODY_SHA256, Number.NaN), timestamp).toMatch(/not signed|timestamp must be epoch milliseconds/);
    }
    expect(refusal({ method: 'GET', url: '/a', headers: {} })).toBe('request is not signed by the gateway');
  });

  it('may come in a trailer, after a streamed body', () => {
    const headers = principalHeaders(principal, NOW);
    const trailer = { [SIGNATURE_HEADER]: requestSignature(SECRET, headers, { method: 'POST', url: 'http://ingest/internal/ingest/v1/predictions', bodySha256: sha256Hex('a\nb\n') }) };
    const req = { method: 'POST', url: '/internal/ingest/v1/predictions', headers, trailers: trailer };
    expect(verifyRequest(SECRET, req, sha256Hex('a\nb\n'), NOW).project).toBe('p_a');
    expect(refusal(req, sha256Hex('a\nc\n'))).toBe('request signature is invalid');
    expect(refusal({ ...req, trailers: {} })).toBe('request is not signed by the gateway');
  });
});
