import { getDb } from '@/db';
import type { Access } from '../auth/action-core';
import { getActor } from '../auth/server';
import { getStorage } from '../storage';
import { routeHandler, type ParamsSchema, type QuerySchema, type RouteDef, type RouteHandler } from './route-core';

export type { RouteCtx, RouteDef } from './route-core';

/**
 * A Next route handler from a route definition (see route-core.ts): the actor
 * of the request's session, the process-wide database and storage, the wall
 * clock. `export const GET = defineRoute({ access, params, query, handler })`.
 */
export function defineRoute<A extends Access, PS extends ParamsSchema | undefined = undefined, QS extends QuerySchema | undefined = undefined>(
  def: RouteDef<A, PS, QS>,
): RouteHandler {
  return routeHandler(def, { db: getDb, storage: getStorage, actor: getActor });
}
