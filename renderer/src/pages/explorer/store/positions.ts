// Positions of the desk, narrowed on the server to the explorer's account/strategy scope.
import { api } from '../../../api/client';
import { createResource } from '../../../stores/resource';
import { useScope } from '../../../stores/scope';

export const usePositions = createResource('positions.list', () => {
  const { accountId, strategyId } = useScope.getState();
  return api.call('positions.list', {
    ...(accountId ? { accountId } : {}),
    ...(strategyId ? { strategyId } : {}),
  });
});
