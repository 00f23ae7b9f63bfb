import {
  CapacityPool,
  CapacityPoolList,
  CreateCapacityPoolBody,
  UpdateCapacityPoolBody,
  UuidParam,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { CapacityPoolsService } from './capacity-pools.service';

const EventParams = z.object({ eventId: UuidParam });
const PoolParams = z.object({ poolId: UuidParam });

export function registerCapacityPoolsRoutes(
  api: ApiRouter<Permission>,
  deps: { pools: CapacityPoolsService },
): void {
  const { pools } = deps;
  const tags = ['Capacity pools'];

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/capacity-pools',
      summary: 'Share one capacity between ticket types ("Hall 500" over Early bird, Regular and VIP)',
      description:
        'A reserve checks every ticket type and every pool it touches in the same statement; a ticket ' +
        "type's public `available` is the smallest of its own and of each of its pools'. 409 " +
        'CAPACITY_BELOW_SOLD when its types already have more sold and held than the capacity.',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EventParams,
      body: CreateCapacityPoolBody,
      status: 201,
      response: CapacityPool,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => pools.create(auth, params.eventId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/capacity-pools',
      summary: "The event's capacity pools with capacity, sold, held and available",
      tags,
      access: 'member',
      permission: 'events.view',
      params: EventParams,
      status: 200,
      response: CapacityPoolList,
    },
    async ({ auth, params }) => pools.list(auth, params.eventId),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/capacity-pools/{poolId}',
      summary: 'Rename a pool, change its capacity or its ticket types',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: PoolParams,
      body: UpdateCapacityPoolBody,
      status: 200,
      response: CapacityPool,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => pools.update(auth, params.poolId, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/capacity-pools/{poolId}',
      summary: 'Delete a pool: its ticket types keep only their own capacities',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: PoolParams,
      status: 204,
      errors: [403],
    },
    async ({ auth, params }) => pools.remove(auth, params.poolId),
  );
}
