/** The React trading dashboard `npm start` serves at /react/, built on rtdash/react. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Dashboard } from './dashboard.tsx';

createRoot(document.getElementById('root')!).render(<StrictMode><Dashboard /></StrictMode>);
