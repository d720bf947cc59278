import { describe, expect, it } from 'vitest';
import { matchRoute, type ResolvedRoute } from './public-routes.ts';

const route = (path: string, pattern?: RegExp): ResolvedRoute => ({ path, methods: ['GET'], pattern, doc: 'digest', service: 's', upstream: 'http://u/internal/s' });
const routes = [route('/v1/predictions'), route('/v1/artifacts'), route('/v1/artifacts/', /^sha256:[0-9a-f]{64}$/)];
const digest = `sha256:${'a'.repeat(64)}`;
const pathOf = (raw: string) => {
  const m = matchRoute(routes, raw);
  return 'path' in m ? m.path : m.status;
};

describe('matchRoute', () => {
  it('matches declared paths exactly, and below a prefix only what its pattern accepts, rebuilt', () => {
    expect(pathOf('/v1/predictions')).toBe('/v1/predictions');
    expect(pathOf('/v1/artifacts')).toBe('/v1/artifacts');
    expect(pathOf(`/v1/artifacts/${digest}`)).toBe(`/v1/artifacts/${digest}`);
    expect(pathOf(`/v1/artifacts/sha256%3A${'a'.repeat(64)}`)).toBe(`/v1/artifacts/${digest}`);
  });

  it('never lets a path escape to another route', () => {
    for (const raw of ['/v1/artifacts/../../../../metrics', '/v1/artifacts/%2e%2e/%2e%2e/internal/metrics/graphql', `/v1/artifacts/${digest}/../x`, `/v1/artifacts/${digest}%2f..`, '/v1/artifacts/%zz']) {
      expect(pathOf(raw), raw).toBe(400);
    }
    for (const raw of ['/v1/predictions/', '/v1/predictions/../feedback', '/v1/other', '/v1/artifactsX']) expect(pathOf(raw), raw).toBe(404);
  });
});
