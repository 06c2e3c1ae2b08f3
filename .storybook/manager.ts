// The catalogue's own UI in the dark theme, like the elements and the dashboards.
import { addons } from 'storybook/manager-api';
import { themes } from 'storybook/theming';

addons.setConfig({ theme: { ...themes.dark, brandTitle: 'rtdash elements' } });
