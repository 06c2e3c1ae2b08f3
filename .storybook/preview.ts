// Every story: the dark dashboard background, args tables from custom-elements.json, and the
// scripted gateways of the previous story stopped. A story that logs a console error fails.
import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { themes } from 'storybook/theming';
import manifest from '../custom-elements.json' with { type: 'json' };
import { stopAllGateways } from '../stories/support/scripted-gateway.ts';
import { assertNoConsoleErrors, stopWatchingConsoleErrors, watchConsoleErrors } from '../stories/support/console-errors.ts';
import './preview.css';

// Static hooks (test seams such as `clock`) are no instance property a control could set.
setCustomElementsManifest({
  ...manifest,
  modules: manifest.modules.map((module) => ({
    ...module,
    declarations: module.declarations?.map((declaration) => ('members' in declaration
      ? { ...declaration, members: declaration.members?.filter((member) => !('static' in member && member.static)) }
      : declaration)),
  })),
});

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    backgrounds: {
      options: { dashboard: { name: 'Dashboard', value: 'hsl(222 47% 11%)' } },
    },
    controls: { expanded: true },
    docs: { theme: themes.dark },
    layout: 'padded',
  },
  initialGlobals: { backgrounds: { value: 'dashboard' } },
  beforeEach() {
    watchConsoleErrors();
    return () => {
      stopAllGateways();
      stopWatchingConsoleErrors();
    };
  },
  // After the play function, while the story is still on screen.
  afterEach: assertNoConsoleErrors,
};

export default preview;
