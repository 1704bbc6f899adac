// What agent replies read from settings, each time they need it (a change applies at once): the
// approval policy of each tool kind (user settings only) and the step and result limits.
import type { AgentSettings } from '../../core/agent/agentSession';
import { APPROVAL_SETTING } from '../../core/settings/settingsTable';
import { readSetting } from '../settings';

export const agentSettings: AgentSettings = {
  policy: (kind) => readSetting(APPROVAL_SETTING[kind]),
  limits: () => ({ maxSteps: readSetting('agentMaxSteps'), maxResultBytes: readSetting('agentMaxResultBytes') }),
};
