import { z } from 'zod';
import { AppError } from '@/lib/platform/errors';
import { defineRoute, type RouteDef } from '@/lib/platform/http/route';
import { REGION_DATA_VERSION } from '@/lib/reference/provinces';
import { provinceRegions } from '@/lib/reference/regions';

export const dynamic = 'force-dynamic';

const params = z.object({ province: z.string().regex(/^\d{6}$/) });
const query = z.object({ v: z.string().max(40).optional() });

const definition = {
  access: { kind: 'public' },
  session: false,
  params,
  query,
  handler: async ({ params, query }) => {
    const body = provinceRegions(params.province);
    if (!body) throw new AppError('NOT_FOUND');
    // The URL carries the data version (provinceRegionsUrl): an answer for the current one never changes, so the browser keeps it; any other is kept only briefly.
    const cache = query.v === REGION_DATA_VERSION ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
    return Response.json(body, { headers: { 'Cache-Control': cache } });
  },
} satisfies RouteDef<{ kind: 'public' }, typeof params, typeof query>;

/**
 * A province's cities and districts with their Chinese and English names, for
 * the region picker (components/forms/region-picker.tsx), which bundles only
 * the province list: public, no session, cacheable (`?v=` the data version);
 * 404 for a code that is not a province-level entry. The definition rides
 * along so tests run the very route (route-core's routeHandler).
 */
export const GET = Object.assign(defineRoute(definition), { definition });
