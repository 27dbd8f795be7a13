// API handlers for the desk's settings: thin, the domain is engine/settings/.
import type { HandlersOf } from './handler';
import { changeSetting, listSettings, resetSetting } from '../settings/settings';
import { previewRetention } from '../settings/retention-preview';

export const settingsHandlers: HandlersOf<'settings.list' | 'settings.set' | 'settings.reset' | 'settings.retentionPreview'> = {
  'settings.list': (desk) => listSettings(desk.store),
  'settings.set': (desk, req) => changeSetting(desk, req.key, req.value),
  'settings.reset': (desk, req) => resetSetting(desk, req.key),
  'settings.retentionPreview': (desk, req) => previewRetention(desk, req.policy),
};
