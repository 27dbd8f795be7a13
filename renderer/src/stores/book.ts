// The smaller tables of the book: strategies, cash balances and risk state. Each is a whole list;
// the explorer narrows them by account/strategy on this side.
import { api } from '../api/client';
import { createResource } from './resource';

export const useStrategies = createResource('strategies.list', () => api.call('strategies.list', {}));
export const useBalances = createResource('balances.list', () => api.call('balances.list', {}));
export const useRisk = createResource('risk.list', () => api.call('risk.list', {}));
