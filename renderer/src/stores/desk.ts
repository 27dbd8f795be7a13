// The desk overview (desk.status): header, dashboard, and the account/strategy pickers.
import { api } from '../api/client';
import { createResource } from './resource';

export const useDesk = createResource('desk.status', () => api.call('desk.status', {}));
