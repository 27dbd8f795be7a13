// Positions of the desk, narrowed on the server to the explorer's account/strategy scope.
import { api } from '../api/client';
import { createResource } from './resource';
import { useScope } from './scope';

export const usePositions = createResource('positions.list', () => {
  const { accountId, strategyId } = useScope.getState();
  return api.call('positions.list', {
    ...(accountId ? { accountId } : {}),
    ...(strategyId ? { strategyId } : {}),
  });
});
