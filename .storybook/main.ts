// Storybook for the rtdash elements, written by hand (no `storybook init`: it edits files
// outside the project and pins `latest`). Stories live in stories/ and run as tests through
// the vitest addon (.storybook/vitest.config.ts).
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  framework: {
    name: '@storybook/web-components-vite',
    // The repo's vite.config.ts builds the script-tag library; Storybook needs none of it.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // A catalogue for the project's users, not a Storybook tutorial.
  features: { sidebarOnboardingChecklist: false },
};

export default config;
