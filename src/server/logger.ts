import type { FastifyServerOptions } from 'fastify';

// Structured logs with request ids and nothing personal: no IP, no query string (it may hold names), no
// cookies or bodies.
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (req: { id: string; method: string; routeOptions?: { url?: string }; url: string }) => ({
        id: req.id,
        method: req.method,
        // An investor portal page's address is its key: log the pattern, never the token.
        route: req.routeOptions?.url ?? req.url.split('?')[0]!.replace(/^\/portal\/[^/]*/, '/portal/:token'),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
